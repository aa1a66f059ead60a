# Copyright 2026 crm_retention contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class IrHttp(models.AbstractModel):
    _inherit = "ir.http"

    def session_info(self):
        """The web client hides Export on the lists of the models the user
        may not export (static/src/views/list_export.js); the server
        refuses them anyway."""
        result = super().session_info()
        if self.env.user._is_internal():
            result["crm_retention_export_blocked_models"] = sorted(
                self.env["base"]._crm_retention_export_blocked_models()
            )
        return result
