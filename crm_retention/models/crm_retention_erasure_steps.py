# Copyright 2026 crm_retention contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The erasure itself, step by step along its plan: pseudonyms, messages,
tracking, mails, activities, contacts, leads, then the register entries.
Inherited by crm.retention.erasure, whose register and checks are in
crm_retention_erasure.py."""

import re
from collections import Counter

from markupsafe import Markup

from odoo import Command, api, models
from odoo.tools import SQL

from .erasure_scope import (
    ASSIGNMENT_MODELS,
    COUNTED_KINDS,
    QUEUED_MAIL_STATES,
    TRACKING_COLUMNS,
)


class CrmRetentionErasureSteps(models.AbstractModel):
    _name = "crm.retention.erasure.steps"
    _description = "Erasure: its steps"

    # ------------------------------------------------------------------
    # The erasure
    # ------------------------------------------------------------------

    @api.model
    def _pseudonym(self, key):
        model, res_id = key
        if model == "res.partner":
            return self.env._("Erased contact %(id)s", id=res_id)
        return self.env._("Erased lead %(id)s", id=res_id)

    @api.model
    def _erase(self, partners, reason=False, origin="wizard", leads=None):
        """Erase the personal data of partners (and of leads found without
        them); keep their history, pseudonymised. Return the register
        entries, one per contact (or lead).

        Superuser (and raw SQL in _erase_lead_names): emptying and
        pseudonymising everything the plan found. Checked first:
        _check_erasable (Data Manager, the contacts of the acting user's
        companies and readable by them, the leads writable by them)."""
        self._check_erasable(partners, leads)
        plan = self._erasure_plan(partners, leads)
        env = self.env(
            su=True,
            context=dict(
                self.env.context,
                active_test=False,
                tracking_disable=True,
                mail_notrack=True,
                mail_create_nolog=True,
            ),
        )
        erased = self.with_env(env)
        mark = self.env._("Erased on request")
        counts = {kind: Counter() for kind in COUNTED_KINDS}
        for kind in COUNTED_KINDS:
            for subject in plan.get(kind, {}).values():
                counts[kind][subject] += 1
        leads = env["crm.lead"].browse(list(plan["lead"]))
        erased._erase_messages(plan, mark)
        erased._erase_tracking(plan, mark)
        erased._erase_mails(plan)
        env["mail.notification"].browse(list(plan["notification"])).unlink()
        env["mail.followers"].browse(list(plan["follower"])).unlink()
        env["ir.attachment"].browse(list(plan["attachment"])).unlink()
        erased._erase_activities(plan)
        for model in ASSIGNMENT_MODELS:
            env[model].browse(
                [res_id for key_model, res_id in plan["trait"] if key_model == model]
            ).write({"note": False})
        env["crm.retention.deletion.log"].browse(list(plan["log"]))._erase_entries()
        erased._erase_lead_names(plan, leads, partners.with_env(env))
        # Emptying an email or a phone makes crm recompute the probability
        # of open leads (email and phone quality are among its criteria):
        # the statistics stay as they were. email_state and phone_state are
        # recomputed by the flush, while the probabilities are protected.
        Lead = env["crm.lead"]
        kept = [Lead._fields["automated_probability"], Lead._fields["probability"]]
        with env.protecting(kept, leads):
            field_counts = erased._erase_partners(plan, partners.with_env(env))
            erased._erase_leads(plan, leads)
            env.flush_all()
        return erased._create_register_entries(
            plan, counts, field_counts, reason, origin
        )

    @api.model
    def _erase_message_contents(self, messages):
        """Erase the texts and attachments of messages (Privacy Lookup's
        lines of messages a person wrote): the messages stay. Superuser:
        the writes. Checked first: Data Manager, and the acting user may read
        the messages."""
        self._check_data_manager()
        if not self.env.su:
            messages.check_access("read")
        sudo = self.sudo().with_context(active_test=False)
        messages = messages.with_env(sudo.env)
        attachments = messages.attachment_ids
        sudo._erase_messages(
            {"messages": messages, "doc_messages": messages.browse()},
            self.env._("Erased on request"),
        )
        attachments.unlink()
        return True

    def _erase_messages(self, plan, mark):
        messages = plan["messages"].with_env(self.env)
        messages.filtered("body").write({"body": Markup("<p>%s</p>") % mark})
        messages.filtered("subject").write({"subject": mark})
        messages.filtered("email_from").write({"email_from": mark})
        messages.filtered("reply_to").write({"reply_to": False})
        # The messages of an erased contact name it: they get its pseudonym.
        on_partners = (
            plan["doc_messages"]
            .with_env(self.env)
            .filtered(lambda message: message.model == "res.partner")
        )
        for res_id, group in on_partners.grouped("res_id").items():
            group.write({"record_name": self._pseudonym(("res.partner", res_id))})

    def _erase_tracking(self, plan, mark):
        trackings = self.env["mail.tracking.value"].browse(list(plan["tracking"]))
        partner_ids = {
            res_id for model, res_id in plan["subjects"] if model == "res.partner"
        }
        by_reference = trackings.filtered(
            lambda t: t.field_id.ttype == "many2one"
            and t.field_id.relation == "res.partner"
        )
        for side in ("old", "new"):
            column = f"{side}_value_integer"
            named = by_reference.filtered(lambda t, c=column: t[c] in partner_ids)
            for partner_id, group in named.grouped(column).items():
                group.write(
                    {f"{side}_value_char": self._pseudonym(("res.partner", partner_id))}
                )
        others = trackings - by_reference
        for column in TRACKING_COLUMNS:
            others.filtered(column).write({column: mark})

    def _erase_mails(self, plan):
        """Emails still queued are deleted (their chatter message stays);
        the sent ones kept by Odoo lose their addresses and contents."""
        mails = self.env["mail.mail"].browse(list(plan["mail"]))
        queued = mails.filtered(lambda mail: mail.state in QUEUED_MAIL_STATES)
        (mails - queued).write(
            {
                "body_html": False,
                "email_to": False,
                "email_cc": False,
                "headers": False,
                "references": False,
                "failure_reason": False,
            }
        )
        # Deleting a mail that is no notification deletes its message too:
        # the chatter messages stay, only their queued sending goes.
        queued.filtered(lambda mail: mail.mail_message_id in plan["messages"]).write(
            {"is_notification": True}
        )
        queued.unlink()

    def _erase_activities(self, plan):
        activities = self.env["mail.activity"].browse(list(plan["activity"]))
        activities.write({"summary": False, "note": False, "feedback": False})
        on_partners = activities.filtered(lambda act: act.res_model == "res.partner")
        for res_id, group in on_partners.grouped("res_id").items():
            group.write({"res_name": self._pseudonym(("res.partner", res_id))})

    def _erase_lead_names(self, plan, leads, partners):
        """A lead's title stays, but a person's name in it becomes the
        pseudonym (a whole word, any case), and so do the copies of the
        title in its messages and activities. Raw SQL on the leads of the
        plan, checked by _erase."""
        if not leads:
            return
        self.env.flush_all()
        lead_ids_of = {}
        for lead_id, subject in plan["lead"].items():
            lead_ids_of.setdefault(subject, []).append(lead_id)
        names_of = {}
        for name, subject in self._erasure_names(plan, leads, partners):
            names_of.setdefault(subject, set()).add(re.escape(name))
        for subject, names in names_of.items():
            ids = lead_ids_of.get(subject)
            if not ids:
                continue
            pattern = r"\m(" + "|".join(sorted(names)) + r")\M"
            self.env.cr.execute(
                SQL(
                    "UPDATE crm_lead SET name = regexp_replace(name, %s, %s, 'gi') "
                    "WHERE id = ANY(%s) AND name ~* %s",
                    pattern,
                    self._pseudonym(subject),
                    ids,
                    pattern,
                )
            )
        self.env.cr.execute(
            SQL(
                "UPDATE mail_message m SET record_name = l.name FROM crm_lead l "
                "WHERE m.model = 'crm.lead' AND m.res_id = l.id AND l.id = ANY(%s)",
                leads.ids,
            )
        )
        self.env.cr.execute(
            SQL(
                "UPDATE mail_activity a SET res_name = l.name FROM crm_lead l "
                "WHERE a.res_model = 'crm.lead' AND a.res_id = l.id AND l.id = ANY(%s)",
                leads.ids,
            )
        )
        self.env["crm.lead"].invalidate_model(["name", "display_name"])
        self.env["mail.message"].invalidate_model(["record_name"])
        self.env["mail.activity"].invalidate_model(["res_name"])

    def _empty_vals(self, records, fnames):
        vals = {}
        for fname in fnames:
            field = records._fields[fname]
            if field.type == "one2many":
                continue
            vals[fname] = [Command.clear()] if field.type == "many2many" else False
        return vals

    def _erase_partners(self, plan, partners):
        """Pseudonymise the contacts; return {partner id: fields emptied}."""
        fnames = plan["fields"]["res.partner"]
        field_counts = {
            partner.id: sum(1 for fname in fnames if partner[fname])
            for partner in partners
        }
        if "bank_ids" in fnames:
            self._erase_bank_accounts(partners.bank_ids)
        reason = self.env.ref(
            "crm_retention.former_reason_erased", raise_if_not_found=False
        )
        partners.write(
            dict(
                self._empty_vals(partners, fnames),
                is_former=True,
                is_erased=True,
                former_reason_id=reason.id if reason else False,
            )
        )
        for partner in partners:
            partner.name = self._pseudonym(("res.partner", partner.id))
        # Their users (portal, or internal ones already deactivated): the
        # login is often an email address. Active portal users lose access.
        users = self.env["res.users"].search([("partner_id", "in", partners.ids)])
        for user in users:
            user.write({"login": f"__erased_user_{user.id}", "signature": False})
        users.filtered("active").write({"active": False})
        self.env["res.device.log"].search([("user_id", "in", users.ids)]).unlink()
        partners._message_log_batch(
            bodies=dict.fromkeys(
                partners.ids,
                Markup("<p>%s</p>")
                % self.env._("Personal data erased on request; the history stays."),
            ),
        )
        return field_counts

    def _erase_bank_accounts(self, banks):
        """Odoo archives bank accounts instead of deleting them (payments
        may refer to them): their number and holder are erased, and the
        account archived."""
        banks.write({"acc_holder_name": False, "active": False})
        for bank in banks:
            bank.acc_number = self.env._("Erased %(id)s", id=bank.id)

    def _erase_leads(self, plan, leads):
        fnames = plan["fields"]["crm.lead"]
        if not leads or not fnames:
            return
        leads.write(self._empty_vals(leads, fnames))

    def _create_register_entries(self, plan, counts, field_counts, reason, origin):
        vals_list = []
        for key, record in plan["subjects"].items():
            vals = {
                "res_model": key[0],
                "res_id": key[1],
                "name": self._pseudonym(key),
                "partner_id": key[1] if key[0] == "res.partner" else False,
                "company_id": record.company_id.id,
                "reason": reason or False,
                "origin": origin,
                "user_id": self.env.uid,
                "field_count": field_counts.get(key[1], 0)
                if key[0] == "res.partner"
                else 0,
            }
            for kind in COUNTED_KINDS:
                vals[f"{kind}_count"] = counts[kind][key]
            vals_list.append(vals)
        return self.create(vals_list)
