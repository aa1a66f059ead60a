# Copyright 2026 crm_retention contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Erasing the personal data of one contact with a long history (GDPR)."""

from markupsafe import Markup

from odoo import Command
from odoo.tools import SQL

from .harness import Benchmark

OPPORTUNITIES = 500
MESSAGES = 5_000
MESSAGES_ON_CONTACT = 500  # the others are spread over the opportunities
AUTHORED_EVERY = 3  # one message in three is written by the contact
ACTIVITIES = 2_000  # on the opportunities
TRACKING_VALUES = 1_000  # one on each of the first messages of the opportunities
MARK = "Erased on request"
SEED_CONTEXT = {
    "tracking_disable": True,
    "mail_create_nolog": True,
    "mail_create_nosubscribe": True,
    "mail_notrack": True,
}


class Erasure(Benchmark):
    name = "erasure"
    description = (
        f"erase one contact with {MESSAGES:,} messages, {OPPORTUNITIES:,} "
        f"opportunities, {ACTIVITIES:,} activities and {TRACKING_VALUES:,} "
        f"tracking values (crm.retention.erasure._erase: plan, pseudonyms, "
        f"register entry); baseline: the same fields emptied by one plain "
        f"write() per model (contact, leads, messages, activities, tracking "
        f"values), tracking disabled"
    )
    repeat = 5

    def seed(self, env):
        env = env(context=dict(env.context, **SEED_CONTEXT))
        admin = env.ref("base.user_admin")
        contact = env["res.partner"].create(
            {
                "name": "Bench Jane Erasable",
                "email": "jane.erasable@example.com",
                "phone": "+32 2 555 01 01",
                "mobile": "+32 470 55 01 01",
                "street": "1 Bench Street",
                "street2": "Box 7",
                "zip": "1000",
                "city": "Brussels",
                "website": "https://jane-erasable.example.com",
                "function": "Buyer",
                "comment": "<p>Prefers calls in the morning.</p>",
                "company_name": "Bench Erasable Ltd",
            }
        )
        leads = env["crm.lead"].create(
            [
                {
                    "name": f"Bench deal {i}",
                    "type": "opportunity",
                    "partner_id": contact.id,
                    "expected_revenue": 1_000 + i,
                    "description": f"<p>Deal {i} with Jane.</p>",
                }
                for i in range(OPPORTUNITIES)
            ]
        )
        email_field = env["ir.model.fields"]._get("crm.lead", "email_from")
        documents = [("res.partner", contact.id, contact.name)] * MESSAGES_ON_CONTACT
        documents += [
            ("crm.lead", leads[i % OPPORTUNITIES].id, leads[i % OPPORTUNITIES].name)
            for i in range(MESSAGES - MESSAGES_ON_CONTACT)
        ]
        message_vals = []
        for i, (model, res_id, record_name) in enumerate(documents):
            author = contact if i % AUTHORED_EVERY == 0 else admin.partner_id
            vals = {
                "model": model,
                "res_id": res_id,
                "record_name": record_name,
                "message_type": "comment",
                "author_id": author.id,
                "email_from": author.email_formatted,
                "reply_to": False,
                "subject": f"Bench subject {i}",
                "body": Markup("<p>Bench message %s from Jane Erasable</p>") % i,
            }
            if MESSAGES_ON_CONTACT <= i < MESSAGES_ON_CONTACT + TRACKING_VALUES:
                vals["tracking_value_ids"] = [
                    Command.create(
                        {
                            "field_id": email_field.id,
                            "old_value_char": f"jane.old{i}@example.com",
                            "new_value_char": contact.email,
                        }
                    )
                ]
            message_vals.append(vals)
        messages = env["mail.message"].create(message_vals)
        # mail.activity's create() subscribes the assigned user to each lead
        # once per activity, and trips on the duplicates of one create() call
        # unless the user follows the leads already.
        leads.message_subscribe(partner_ids=admin.partner_id.ids)
        todo = env.ref("mail.mail_activity_data_todo")
        activities = (
            env["mail.activity"]
            .with_context(mail_activity_quick_update=True)
            .create(
                [
                    {
                        "res_model_id": env["ir.model"]._get_id("crm.lead"),
                        "res_id": leads[i % OPPORTUNITIES].id,
                        "activity_type_id": todo.id,
                        "summary": f"Call Jane back ({i})",
                        "note": f"<p>Jane asked about deal {i}.</p>",
                        "user_id": admin.id,
                    }
                    for i in range(ACTIVITIES)
                ]
            )
        )
        trackings = messages.tracking_value_ids
        assert len(trackings) == TRACKING_VALUES, len(trackings)
        env.flush_all()
        for table in (
            "res_partner",
            "crm_lead",
            "mail_message",
            "mail_activity",
            "mail_tracking_value",
        ):
            env.cr.execute(SQL("ANALYZE %s", SQL.identifier(table)))
        env.invalidate_all()
        field_names = env["crm.retention.erasure"]._erasure_field_names()
        return {
            "partner": contact.id,
            "leads": leads.ids,
            "messages": messages.ids,
            "activities": activities.ids,
            "trackings": trackings.ids,
            "partner_fields": [
                fname for fname in field_names["res.partner"] if fname != "bank_ids"
            ],
            "lead_fields": field_names["crm.lead"],
        }

    def baseline(self, env, data):
        env = env(context=dict(env.context, **SEED_CONTEXT))
        partner_vals = dict.fromkeys(data["partner_fields"], False)
        partner_vals["name"] = f"Erased contact {data['partner']}"
        env["res.partner"].browse(data["partner"]).write(partner_vals)
        env["crm.lead"].browse(data["leads"]).write(
            dict.fromkeys(data["lead_fields"], False)
        )
        env["mail.message"].browse(data["messages"]).write(
            {"body": Markup("<p>%s</p>") % MARK, "subject": MARK, "email_from": MARK}
        )
        env["mail.activity"].browse(data["activities"]).write(
            {"summary": False, "note": False}
        )
        env["mail.tracking.value"].browse(data["trackings"]).write(
            {"old_value_char": MARK, "new_value_char": MARK}
        )

    def candidate(self, env, data):
        partner = env["res.partner"].browse(data["partner"])
        entry = env["crm.retention.erasure"]._erase(partner, reason="bench")
        assert partner.is_erased
        assert entry.lead_count == OPPORTUNITIES, entry.lead_count
        assert entry.message_count == MESSAGES, entry.message_count
        assert entry.activity_count == ACTIVITIES, entry.activity_count
        assert entry.tracking_count == TRACKING_VALUES, entry.tracking_count


BENCHMARKS = [Erasure]
