# Copyright 2026 crm_retention contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json

from odoo import api, fields, models

KEEP_DONE_PARAM = "crm_retention.keep_done_activities"
# The activity types that kept done activities before the install: turning
# the setting off, or uninstalling, gives them back as they were.
KEPT_BEFORE_PARAM = "crm_retention.keep_done_before_install"


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
    def _crm_retention_remember_keep_done(self):
        """At install: remember which types keep done activities. Superuser:
        the parameter; run by the install only."""
        kept = self.with_context(active_test=False).search([("keep_done", "=", True)])
        self.env["ir.config_parameter"].sudo().set_param(
            KEPT_BEFORE_PARAM, json.dumps(kept.ids)
        )

    @api.model
    def _crm_retention_apply_keep_done(self):
        """Give every activity type, archived ones included, the setting:
        on, they all keep done activities; off, they are as before the
        install (Odoo's default for the others: not kept)."""
        types = self.with_context(active_test=False)
        if self._default_keep_done():
            types.search([("keep_done", "=", False)]).write({"keep_done": True})
            return
        before = json.loads(
            self.env["ir.config_parameter"].sudo().get_param(KEPT_BEFORE_PARAM) or "[]"
        )
        types.search([("keep_done", "=", True), ("id", "not in", before)]).write(
            {"keep_done": False}
        )
        types.search([("keep_done", "=", False), ("id", "in", before)]).write(
            {"keep_done": True}
        )
