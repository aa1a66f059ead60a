# Copyright 2026 crm_retention contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models

from .crm_lead import MERGED_DUPLICATES


class CrmTeam(models.Model):
    _inherit = "crm.team"

    def _allocate_leads(self, creation_delta_days=7):
        """Odoo's lead assignment runs in the name of whoever runs it (Odoo
        lets only Sales Administrators and administrators; the cron runs as
        superuser): it searches, assigns and merges the leads that user may
        see and write, record rules and companies included. Only the
        deletion of the duplicates it merged runs as superuser (see
        _allocate_leads_deduplicate); no mark survives the assignment."""
        try:
            return super()._allocate_leads(creation_delta_days=creation_delta_days)
        finally:
            self.env.cr.precommit.data.pop(MERGED_DUPLICATES, None)

    def _allocate_leads_deduplicate(self, leads, duplicates_cache=None):
        """Deleting is a Data Manager's right, yet Odoo deletes the merged
        duplicates in the assigning user's name: the duplicates this merge
        just folded into their main lead are marked on the cursor (out of
        reach of RPC callers, unlike the context), and crm.lead's unlink
        deletes those, and only those, as superuser. Checked first: the
        acting user found, read and merged them with their own rights."""
        result = super()._allocate_leads_deduplicate(
            leads, duplicates_cache=duplicates_cache
        )
        if result["duplicates"] and not self.env.su:
            self.env.cr.precommit.data.setdefault(MERGED_DUPLICATES, set()).update(
                result["duplicates"]
            )
        return result
