# Copyright 2026 crm_retention contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError

DATA_MANAGER = "crm_retention.crm_retention_group_manager"
# Context keys, set by the flows of this addon that really delete activities
# (the record they belong to is deleted; Odoo deletes an activity marked done
# whose type does not keep it), or keep those of users being archived.
UNLINK_ACTIVITIES = "crm_retention_unlink_activities"
KEEP_ACTIVITIES_OF_USERS = "crm_retention_keep_activities_of_users"


class MailActivity(models.Model):
    _inherit = "mail.activity"

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

    def unlink(self):
        """Keep history: a planned activity is cancelled (archived, kept in
        the history of its record) instead of deleted, except by Data
        Managers; Odoo's chatter 'Cancel' button calls this method. Deleting
        done or cancelled activities is refused (see the ondelete guard)."""
        activities = self
        keep_users = self.env.context.get(KEEP_ACTIVITIES_OF_USERS)
        if keep_users:
            # mail deletes the planned activities of users being archived:
            # they stay planned, so that their work can be handed over.
            activities = self.filtered(
                lambda act: not (act.active and act.user_id.id in keep_users)
            )
        if self._crm_retention_may_delete():
            return super(MailActivity, activities).unlink()
        planned = activities.filtered("active")
        super(MailActivity, activities - planned).unlink()
        planned._action_cancel()
        return True

    @api.ondelete(at_uninstall=False)
    def _unlink_except_history(self):
        history = self.filtered(lambda act: not act.active)
        if history and not self._crm_retention_may_delete():
            raise AccessError(
                self.env._(
                    "Only Data Managers can delete activities from the history "
                    "(%(count)s done or cancelled). Ask a Data Manager.",
                    count=len(history),
                )
            )

    def _crm_retention_may_delete(self):
        """Whether the activities are really deleted: by Data Managers, by
        Odoo itself (superuser), or when the record they belong to is."""
        return (
            self.env.context.get(UNLINK_ACTIVITIES)
            or self.env.su
            or self.env.user.has_group(DATA_MANAGER)
        )

    def _crm_retention_history_counts(self, records):
        """Return {record id: number of done or cancelled activities}."""
        groups = self.with_context(active_test=False)._read_group(
            [
                ("res_model", "=", records._name),
                ("res_id", "in", records.ids),
                ("active", "=", False),
            ],
            ["res_id"],
            ["__count"],
        )
        return dict(groups)

    def action_open_history(self, records):
        """The history of records: their done and cancelled activities."""
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_retention.mail_activity_history_action"
        )
        action["domain"] = [
            ("res_model", "=", records._name),
            ("res_id", "in", records.ids),
            ("active", "=", False),
        ]
        action["context"] = {"active_test": False, "create": False}
        return action

    def _action_cancel(self):
        """Archive planned activities as cancelled: they stay in the history."""
        planned = self.filtered("active")
        planned.write({"active": False, "history_state": "cancelled"})
        return planned

    def _action_done(self, feedback=False, attachment_ids=None):
        if feedback:
            self.write({"feedback": feedback})
        # An activity whose type does not keep done activities is deleted by
        # Odoo once done: that is a real deletion, not a cancellation.
        return super(
            MailActivity, self.with_context(**{UNLINK_ACTIVITIES: True})
        )._action_done(feedback=feedback, attachment_ids=attachment_ids)
