# Copyright 2026 crm_retention contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from .models.base import EXPORT_MODELS_PARAM


def uninstall_hook(env):
    """Give the other modules' delete rights back as they were."""
    env["ir.model.access"]._crm_retention_restore_unlink()
    # Export: nothing to give back (the addon leaves Odoo's export group
    # alone); the models added to the restriction are forgotten.
    env["ir.config_parameter"].sudo().set_param(EXPORT_MODELS_PARAM, False)
    env["ir.model.fields"]._crm_retention_apply_sensitive_fields(names=())
