# Copyright 2026 crm_retention contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

KEEP_DONE_PARAM = "crm_retention.keep_done_activities"


class MailActivityType(models.Model):
    _inherit = "mail.activity.type"

    # Odoo's default is False; with this addon it follows the CRM setting,
    # so types created later keep their done activities too.
    keep_done = fields.Boolean(default=lambda self: self._default_keep_done())

    @api.model
    def _default_keep_done(self):
        """Superuser: reading the setting, no data."""
        return (
            self.env["ir.config_parameter"].sudo().get_param(KEEP_DONE_PARAM) == "True"
        )

    @api.model
    def _crm_retention_apply_keep_done(self):
        """Give every activity type, archived ones included, the setting."""
        keep_done = self._default_keep_done()
        self.with_context(active_test=False).search(
            [("keep_done", "!=", keep_done)]
        ).write({"keep_done": keep_done})
