# Copyright 2026 crm_retention contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).


def uninstall_hook(env):
    """Give the other modules' rights back as they were: the delete rights
    only if a version before 18.0.1.2.0 took them and was never migrated.
    Export: nothing to give back (the addon leaves Odoo's export group
    alone)."""
    env["ir.model.access"]._crm_retention_restore_legacy_unlink()
    env["ir.model.fields"]._crm_retention_apply_sensitive_fields(names=())
    # Activity types as before the install, then no parameter of the addon.
    params = env["ir.config_parameter"].sudo()
    params.set_param("crm_retention.keep_done_activities", False)
    env["mail.activity.type"]._crm_retention_apply_keep_done()
    params.search([("key", "=like", "crm\\_retention.%")]).unlink()
