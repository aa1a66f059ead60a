# Copyright 2026 crm_retention contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class CrmTeam(models.Model):
    _inherit = "crm.team"

    def _allocate_leads(self, creation_delta_days=7):
        # Odoo's lead assignment merges duplicate leads, then deletes them in
        # the name of the Sales Administrator who runs it (the cron runs as
        # superuser). Deleting is a Data Manager's right: the assignment, a
        # flow Odoo only lets Sales Administrators run, deletes as superuser.
        teams = self
        if self.env.user.has_group("sales_team.group_sale_manager"):
            teams = self.sudo()
        return super(CrmTeam, teams)._allocate_leads(
            creation_delta_days=creation_delta_days
        )
