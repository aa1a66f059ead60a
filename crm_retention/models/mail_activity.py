# Copyright 2026 crm_retention contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import AccessError
from odoo.osv import expression

from odoo.addons.mail.models.mail_activity import MailActivity as MailActivityBase

from .data_manager import is_data_manager

# Context key: the planned activities of these users are kept when mail
# deletes them (users being archived). It only ever prevents a deletion.
KEEP_ACTIVITIES_OF_USERS = "crm_retention_keep_activities_of_users"
# Cursor data key: ids of activities Odoo deletes once marked as done.
DONE_TO_DELETE = "crm_retention.done_activities_to_delete"
# The documents whose activities are kept as history: the CRM ones, always,
# and the models an admin adds in the CRM settings (this parameter: model
# names, comma-separated).
CRM_HISTORY_MODELS = ("res.partner", "crm.lead")
HISTORY_MODELS_PARAM = "crm_retention.history_models"


class MailActivity(models.Model):
    _inherit = ["mail.activity", "crm.retention.deletion.requestable"]
    _name = "mail.activity"

    history_state = fields.Selection(
        selection=[("done", "Done"), ("cancelled", "Cancelled")],
        string="Outcome",
        readonly=True,
        index=True,
        copy=False,
        help="Set when the activity leaves the planned activities: marked as "
        "done, or cancelled. It is then archived and kept in the history.",
    )
    closed_by_id = fields.Many2one(
        comodel_name="res.users",
        readonly=True,
        copy=False,
        help="Who marked the activity as done or cancelled it.",
    )
    feedback = fields.Text(readonly=True, copy=False)

    def write(self, vals):
        if "active" in vals:
            vals = dict(vals)
            if vals["active"]:
                vals.update(history_state=False, closed_by_id=False)
            else:
                vals.setdefault("history_state", "done")
                vals.setdefault("closed_by_id", self.env.uid)
        return super().write(vals)

    @api.model
    def _crm_retention_history_models(self):
        """Names of the models whose activities are kept as history: the
        CRM documents and those added in the settings (cached by
        get_param)."""
        extra = (
            self.env["ir.config_parameter"].sudo().get_param(HISTORY_MODELS_PARAM) or ""
        )
        return frozenset(CRM_HISTORY_MODELS).union(filter(None, extra.split(",")))

    def _crm_retention_kept(self):
        """The activities of documents whose history is kept."""
        models = self._crm_retention_history_models()
        return self.filtered(lambda act: act.res_model in models)

    def unlink(self):
        """Keep history of CRM documents: a planned activity is cancelled
        (archived, kept in the history of its record) instead of deleted,
        except by Data Managers; Odoo's chatter 'Cancel' button calls this
        method. Deleting done or cancelled activities is refused (see the
        ondelete guard). Activities of other documents are Odoo's business:
        deleted as Odoo does.

        Superuser: deleting the activities Odoo deletes once marked as done
        (their type does not keep them). Checked first: the acting user
        marked exactly those as done, with their own rights, in this
        transaction (_action_done marks them on the cursor, out of reach of
        RPC callers)."""
        activities = self._crm_retention_kept()
        Request = self.env["crm.retention.deletion.request"]
        if activities != self:
            Request._cancel_for(self - activities)
            super(MailActivity, self - activities).unlink()
        keep_users = self.env.context.get(KEEP_ACTIVITIES_OF_USERS)
        if keep_users:
            # mail deletes the planned activities of users being archived:
            # they stay planned, so that their work can be handed over.
            activities = activities.filtered(
                lambda act: not (act.active and act.user_id.id in keep_users)
            )
        # Done by Odoo's 'mark as done' of a type that does not keep them.
        done_ids = self.env.cr.precommit.data.get(DONE_TO_DELETE, set())
        done = activities.filtered(lambda act: act.id in done_ids)
        if done:
            Request._cancel_for(done)
            super(MailActivity, done.sudo()).unlink()
            activities -= done
        if not activities:
            return True
        if self._crm_retention_may_delete():
            if not self.env.su:
                self.env["crm.retention.deletion.log"]._log_deletion(activities)
            Request._cancel_for(activities)
            return super(MailActivity, activities).unlink()
        planned = activities.filtered("active")
        super(MailActivity, activities - planned).unlink()
        planned._action_cancel()
        return True

    @api.ondelete(at_uninstall=False)
    def _unlink_except_history(self):
        history = self._crm_retention_kept().filtered(lambda act: not act.active)
        if history and not self._crm_retention_may_delete():
            raise AccessError(
                self.env._(
                    "Only Data Managers can delete activities from the history "
                    "(%(count)s done or cancelled). Ask a Data Manager.",
                    count=len(history),
                )
            )

    def _crm_retention_may_delete(self):
        """Whether the activities are really deleted: by Data Managers, or
        by Odoo itself as superuser (e.g. the record they belong to is)."""
        return is_data_manager(self.env)

    @api.model
    def _crm_retention_history_domain(self, records, documents=None):
        """The history of records: the done and cancelled activities of
        their documents (records._crm_retention_history_documents())."""
        if documents is None:
            documents = records._crm_retention_history_documents()
        per_model = defaultdict(set)
        for record_documents in documents.values():
            for model, ids in record_documents.items():
                per_model[model] |= ids
        return expression.AND(
            [
                expression.OR(
                    [
                        [("res_model", "=", model), ("res_id", "in", sorted(ids))]
                        for model, ids in per_model.items()
                    ]
                    or [expression.FALSE_DOMAIN]
                ),
                [("active", "=", False)],
            ]
        )

    def _crm_retention_history_counts(self, records):
        """Return {record id: number of done or cancelled activities}, in
        one query (besides finding the documents)."""
        documents = records._crm_retention_history_documents()
        groups = self.with_context(active_test=False)._read_group(
            self._crm_retention_history_domain(records, documents),
            ["res_model", "res_id"],
            ["__count"],
        )
        counts = {(model, res_id): count for model, res_id, count in groups}
        return {
            record_id: sum(
                counts.get((model, res_id), 0)
                for model, ids in record_documents.items()
                for res_id in ids
            )
            for record_id, record_documents in documents.items()
        }

    def action_open_history(self, records):
        """The history of records: their done and cancelled activities."""
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_retention.mail_activity_history_action"
        )
        action["domain"] = self._crm_retention_history_domain(records)
        action["context"] = {"active_test": False, "create": False}
        return action

    def _crm_retention_set_user(self, user):
        """Give the activities to user, in bulk (offboarding). mail's write()
        subscribes the new user to the document once per activity (a query
        each) and emails every assignment: skipped here, the offboarding
        subscribes the new owners in batch and logs one note per document."""
        previous = self.filtered("active").user_id - user
        self.env["crm.retention.deletion.request"]._cancel_for(
            self.filtered(lambda act: act.user_id != user)
        )
        # pylint: disable=super-method-mismatch
        super(MailActivityBase, self).write({"user_id": user.id})
        # Refresh the activity counters of the web clients, as mail does.
        if previous:
            user._bus_send("mail.activity/updated", {"activity_created": True})
            previous._bus_send("mail.activity/updated", {"activity_deleted": True})
        return True

    def _action_cancel(self):
        """Archive planned activities as cancelled: they stay in the history."""
        planned = self.filtered("active")
        planned.write({"active": False, "history_state": "cancelled"})
        return planned

    def _action_done(self, feedback=False, attachment_ids=None):
        if feedback:
            self.write({"feedback": feedback})
        # An activity whose type does not keep done activities is deleted by
        # Odoo once done (the setting is off): a real deletion, which Odoo
        # makes in the user's name. The mark lives on the cursor, out of
        # reach of RPC callers (unlike the context).
        not_kept = self.filtered(lambda act: not act.activity_type_id.keep_done)
        self.env.cr.precommit.data.setdefault(DONE_TO_DELETE, set()).update(
            not_kept.ids
        )
        return super()._action_done(feedback=feedback, attachment_ids=attachment_ids)
