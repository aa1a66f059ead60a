# Copyright 2026 crm_retention contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    """Delete rights are now enforced by the access check, without rewriting
    other modules' access rules: give back those the older versions took."""
    env = api.Environment(cr, SUPERUSER_ID, {})
    env["ir.model.access"]._crm_retention_restore_legacy_unlink()
