# Copyright 2026 crm_retention contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import SUPERUSER_ID, Command, api


def migrate(cr, version):
    """The export restriction covers CRM data only and leaves Odoo's export
    group alone: Data Manager no longer implies it (its members keep the
    group). Earlier versions took that group from the users who were not
    Data Managers: nobody knows who had it, so it is not given back; the
    administrators are told to check."""
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    env.ref("crm_retention.crm_retention_group_manager").write(
        {"implied_ids": [Command.unlink(env.ref("base.group_allow_export").id)]}
    )
    # Off, earlier versions had given the group back to every internal user.
    restrict = env["ir.config_parameter"].get_param("crm_retention.restrict_export")
    if restrict == "True":
        env["res.users"]._crm_retention_notify_export_restriction(upgrade=True)
