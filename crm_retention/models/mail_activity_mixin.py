# Copyright 2026 crm_retention contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class MailActivityMixin(models.AbstractModel):
    _inherit = "mail.activity.mixin"

    # Odoo deletes the planned activities of a record that is archived (an
    # opportunity marked lost, an archived contact): for the documents whose
    # history is kept (CRM ones and those added in the settings) they are
    # cancelled instead, so that they stay in the record's history. When the
    # record is deleted, mail deletes its activities as superuser, done ones
    # included: they go with it.

    def write(self, vals):
        if "active" in vals and vals["active"] is False:
            self._crm_retention_cancel_activities()
        return super().write(vals)

    def toggle_active(self):
        self.filtered(
            lambda rec: rec[rec._active_name]
        )._crm_retention_cancel_activities()
        return super().toggle_active()

    def _crm_retention_cancel_activities(self):
        """Archiving a record cancels its planned activities (kept as
        history). Superuser: cancelling the activities, whoever they are
        assigned to. Checked first: the acting user may write (archive) the
        records."""
        if not self or self._name not in (
            self.env["mail.activity"]._crm_retention_history_models()
        ):
            return
        if not self.env.su:
            self.check_access("write")
        self.env["mail.activity"].sudo().search(
            [("res_model", "=", self._name), ("res_id", "in", self.ids)]
        )._action_cancel()
