# Copyright 2026 crm_retention contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json

from odoo import api, models

from .data_manager import delete_right_error, is_data_manager

# Models on which only Data Managers delete.
GUARDED_MODELS = frozenset(("res.partner", "crm.lead"))
# Versions up to 18.0.1.1.0 took the delete right off other modules' access
# rules and remembered them here; the migration to 18.0.1.2.0 gives it back.
LEGACY_REVOKED_PARAM = "crm_retention.revoked_unlink_access"


class IrModelAccess(models.Model):
    _inherit = "ir.model.access"

    @api.model
    def _get_allowed_models(self, mode="read"):
        """Only Data Managers delete contacts and leads, whatever the access
        rules of other modules grant: the models leave the user's allowed
        models for 'unlink', so that every path (web client, RPC, server
        actions, imports) and the web client's Delete buttons follow. No
        access rule is rewritten: nothing to give back at uninstall, and an
        update of another module cannot reopen it. Odoo caches the result
        per user and mode (cleared when groups change); has_group is
        cached too."""
        allowed = super()._get_allowed_models(mode)
        if mode == "unlink" and not is_data_manager(self.env):
            return allowed - GUARDED_MODELS
        return allowed

    def _make_access_error(self, model, mode):
        if mode == "unlink" and model in GUARDED_MODELS:
            return delete_right_error(self.env, model)
        return super()._make_access_error(model, mode)

    @api.model
    def _crm_retention_restore_legacy_unlink(self):
        """Give back the delete rights that versions up to 18.0.1.1.0 took
        from other modules' access rules, and forget the list. Superuser:
        the access rules and the parameter; run only by the migration and
        the uninstall hook."""
        params = self.env["ir.config_parameter"].sudo()
        revoked = json.loads(params.get_param(LEGACY_REVOKED_PARAM) or "[]")
        if revoked:
            self.sudo().browse(revoked).exists().write({"perm_unlink": True})
        params.set_param(LEGACY_REVOKED_PARAM, False)  # False deletes it
