# Copyright 2026 crm_retention contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The plan of an erasure: what it touches (records, messages, tracking,
mails, the deletion log) and whose it is. Inherited by crm.retention.erasure,
whose register and checks are in crm_retention_erasure.py."""

from odoo import api, models
from odoo.osv import expression
from odoo.tools import SQL

from .erasure_scope import ASSIGNMENT_MODELS, MIN_NAME_LENGTH, TRACKING_COLUMNS


class CrmRetentionErasurePlan(models.AbstractModel):
    _name = "crm.retention.erasure.plan"
    _description = "Erasure: what it touches"

    # ------------------------------------------------------------------
    # The plan: what an erasure touches, and whose it is
    # ------------------------------------------------------------------

    @api.model
    def _erasure_plan(self, partners, leads=None):
        """Find everything an erasure of partners (and of leads found
        without them) touches, in a constant number of queries.

        Return a dict: 'subjects' {key: record} where a key is
        ('res.partner', id) or ('crm.lead', id), and for each kind a dict
        {record id: subject key}.

        Superuser and raw SQL: finding everything that names the persons,
        whoever may see it (their messages, mails, tracking in every
        document). Checked first: by _erase (_check_erasable); the erasure
        wizard's preview only counts, for Data Managers, and on the contacts
        they may read."""
        env = self.env(su=True, context=dict(self.env.context, active_test=False))
        partners = partners.with_env(env)
        Lead = env["crm.lead"]
        field_names = self._erasure_field_names()
        plan = {"subjects": {}, "fields": field_names}
        for partner in partners:
            plan["subjects"][("res.partner", partner.id)] = partner
        own_leads = Lead.search_fetch(
            [("partner_id", "in", partners.ids)],
            ["partner_id", "name", "contact_name"] + field_names["crm.lead"],
        )
        extra = (leads.with_env(env) if leads else Lead) - own_leads
        extra = extra.filtered(lambda lead: lead.partner_id not in partners)
        lead_subject = {
            lead.id: ("res.partner", lead.partner_id.id) for lead in own_leads
        }
        for lead in extra:
            lead_subject[lead.id] = ("crm.lead", lead.id)
            plan["subjects"][("crm.lead", lead.id)] = lead
        plan["lead"] = lead_subject
        all_leads = own_leads | extra
        partner_ids, lead_ids = partners.ids, all_leads.ids
        partner_id_set = set(partner_ids)

        def doc_subject(model, res_id):
            """The subject of a record of the contacts or their leads."""
            if model == "res.partner" and res_id in partner_id_set:
                return ("res.partner", res_id)
            if model == "crm.lead":
                return lead_subject.get(res_id)
            return None

        docs_domain = expression.OR(
            [
                [("model", "=", "res.partner"), ("res_id", "in", partner_ids)],
                [("model", "=", "crm.lead"), ("res_id", "in", lead_ids)],
            ]
        )
        messages = env["mail.message"].search_fetch(
            expression.OR([docs_domain, [("author_id", "in", partner_ids)]]),
            [
                "model",
                "res_id",
                "author_id",
                "body",
                "subject",
                "email_from",
                "reply_to",
            ],
        )
        message_subject = {}
        for message in messages:
            message_subject[message.id] = doc_subject(
                message.model, message.res_id
            ) or ("res.partner", message.author_id.id)
        plan["message"] = message_subject
        plan["doc_messages"] = messages.filtered(
            lambda m: doc_subject(m.model, m.res_id)
        )
        plan["messages"] = messages

        attachment_subject = {}
        for attachment in env["ir.attachment"].search_fetch(
            expression.OR(
                [
                    [("res_model", "=", "res.partner"), ("res_id", "in", partner_ids)],
                    [("res_model", "=", "crm.lead"), ("res_id", "in", lead_ids)],
                ]
            )
            + [("res_field", "=", False)],
            ["res_model", "res_id"],
        ):
            attachment_subject[attachment.id] = doc_subject(
                attachment.res_model, attachment.res_id
            )
        env.cr.execute(
            SQL(
                "SELECT attachment_id, message_id FROM message_attachment_rel "
                "WHERE message_id = ANY(%s)",
                messages.ids,
            )
        )
        for attachment_id, message_id in env.cr.fetchall():
            attachment_subject.setdefault(attachment_id, message_subject[message_id])
        plan["attachment"] = attachment_subject

        plan["tracking"] = self._erasure_plan_tracking(env, plan, all_leads, partners)

        plan["mail"] = self._erasure_plan_mails(env, plan, all_leads, partners)

        plan["notification"] = {
            notification.id: ("res.partner", notification.res_partner_id.id)
            for notification in env["mail.notification"].search_fetch(
                [("res_partner_id", "in", partner_ids)], ["res_partner_id"]
            )
        }
        plan["follower"] = {
            follower.id: ("res.partner", follower.partner_id.id)
            for follower in env["mail.followers"].search_fetch(
                [("partner_id", "in", partner_ids)], ["partner_id"]
            )
        }
        plan["activity"] = {
            activity.id: doc_subject(activity.res_model, activity.res_id)
            for activity in env["mail.activity"].search_fetch(
                expression.OR(
                    [
                        [
                            ("res_model", "=", "res.partner"),
                            ("res_id", "in", partner_ids),
                        ],
                        [("res_model", "=", "crm.lead"), ("res_id", "in", lead_ids)],
                    ]
                ),
                ["res_model", "res_id"],
            )
        }
        plan["trait"] = {
            (model, assignment.id): ("res.partner", assignment.partner_id.id)
            for model in ASSIGNMENT_MODELS
            for assignment in env[model].search_fetch(
                [("partner_id", "in", partner_ids), ("note", "!=", False)],
                ["partner_id"],
            )
        }
        plan["log"] = self._erasure_plan_log(env, plan, all_leads, partners)
        return plan

    @api.model
    def _erasure_plan_mails(self, env, plan, leads, partners):
        """Emails of the erased messages, to the erased contacts, or to
        their addresses (Odoo's security notices, e.g.)."""
        addresses = {}
        for record, fname, subject in [
            (partner, "email_normalized", ("res.partner", partner.id))
            for partner in partners
        ] + [(lead, "email_normalized", plan["lead"][lead.id]) for lead in leads]:
            if record[fname]:
                addresses.setdefault(record[fname], subject)
        domain = expression.OR(
            [
                [("mail_message_id", "in", plan["messages"].ids)],
                [("recipient_ids", "in", partners.ids)],
            ]
            + [[("email_to", "ilike", address)] for address in addresses]
            + [[("email_cc", "ilike", address)] for address in addresses]
        )
        subjects = {}
        for mail in env["mail.mail"].search_fetch(
            domain, ["mail_message_id", "recipient_ids", "email_to", "email_cc"]
        ):
            subject = plan["message"].get(mail.mail_message_id.id)
            recipient = (mail.recipient_ids & partners)[:1]
            if not subject and recipient:
                subject = ("res.partner", recipient.id)
            if not subject:
                text = f"{mail.email_to or ''} {mail.email_cc or ''}".lower()
                subject = next(
                    (s for address, s in addresses.items() if address in text), None
                )
            subjects[mail.id] = subject
        return subjects

    @api.model
    def _erasure_plan_tracking(self, env, plan, leads, partners):
        """Tracking values that hold erased values: those of the erased
        fields on the documents' messages, those naming an erased contact
        (many2one to a contact), and those equal to an erased value."""
        Tracking = env["mail.tracking.value"]
        subjects = {}
        field_ids = self._erasure_field_records().ids
        for tracking in Tracking.search_fetch(
            [
                ("mail_message_id", "in", plan["doc_messages"].ids),
                ("field_id", "in", field_ids),
            ],
            ["mail_message_id"],
        ):
            subjects[tracking.id] = plan["message"][tracking.mail_message_id.id]
        for tracking in Tracking.search_fetch(
            [
                ("field_id.ttype", "=", "many2one"),
                ("field_id.relation", "=", "res.partner"),
                "|",
                ("old_value_integer", "in", partners.ids),
                ("new_value_integer", "in", partners.ids),
            ],
            ["old_value_integer", "new_value_integer"],
        ):
            partner_id = (
                tracking.old_value_integer
                if tracking.old_value_integer in partners.ids
                else tracking.new_value_integer
            )
            subjects.setdefault(tracking.id, ("res.partner", partner_id))
        values = self._erasure_values(plan, leads, partners)
        if values:
            domain = expression.OR(
                [[(column, "in", list(values))] for column in TRACKING_COLUMNS]
            )
            for tracking in Tracking.search_fetch(domain, TRACKING_COLUMNS):
                subject = next(
                    values[tracking[column]]
                    for column in TRACKING_COLUMNS
                    if tracking[column] in values
                )
                subjects.setdefault(tracking.id, subject)
        return subjects

    @api.model
    def _erasure_values(self, plan, leads, partners):
        """{erased text value: subject key}: the names and the values of the
        erased char and text fields of the contacts and their leads."""
        values = {}
        for model, records, extra in (
            ("res.partner", partners, ["name"]),
            ("crm.lead", leads, ["contact_name"]),
        ):
            text_fields = [
                fname
                for fname in set(plan["fields"][model] + extra)
                if records._fields[fname].type in ("char", "text")
            ]
            for record in records:
                subject = (
                    ("res.partner", record.id)
                    if model == "res.partner"
                    else plan["lead"][record.id]
                )
                for fname in text_fields:
                    value = record[fname]
                    if value and len(value) >= MIN_NAME_LENGTH:
                        values.setdefault(value, subject)
        return values

    @api.model
    def _erasure_plan_log(self, env, plan, leads, partners):
        """Deletion log entries of the erased contacts, of their leads, or
        naming them."""
        names = self._erasure_names(plan, leads, partners)
        domain = expression.OR(
            [
                [("res_model", "=", "res.partner"), ("res_id", "in", partners.ids)],
                [("res_model", "=", "crm.lead"), ("res_id", "in", leads.ids)],
            ]
            + [[("name", "ilike", name)] for name, __ in names]
        )
        subjects = {}
        for entry in env["crm.retention.deletion.log"].search_fetch(
            domain, ["res_model", "res_id", "name"]
        ):
            if entry.res_model == "res.partner" and entry.res_id in partners.ids:
                subject = ("res.partner", entry.res_id)
            elif entry.res_model == "crm.lead" and entry.res_id in plan["lead"]:
                subject = plan["lead"][entry.res_id]
            else:
                subject = next(
                    (
                        s
                        for name, s in names
                        if name.lower() in (entry.name or "").lower()
                    ),
                    None,
                )
            if subject:
                subjects[entry.id] = subject
        # The snapshots of other deleted records that name them (a message
        # they wrote on a deleted lead, ...): emptied with the entry.
        addresses = [
            (record.email_normalized, key)
            for record, key in [(p, ("res.partner", p.id)) for p in partners]
            + [(lead, plan["lead"][lead.id]) for lead in leads]
            if record.email_normalized
        ]
        mentions = env["crm.retention.deletion.log"]._snapshots_naming(
            names + addresses
        )
        for entry_id, subject in mentions.items():
            subjects.setdefault(entry_id, subject)
        return subjects

    @api.model
    def _erasure_names(self, plan, leads, partners):
        """[(name of a person, subject key)]: what the texts that stay (a
        lead's title, a log entry) may name them by."""
        names = [(partner.name, ("res.partner", partner.id)) for partner in partners]
        names += [(lead.contact_name, plan["lead"][lead.id]) for lead in leads]
        return [
            (name.strip(), subject)
            for name, subject in names
            if name and len(name.strip()) >= MIN_NAME_LENGTH
        ]
