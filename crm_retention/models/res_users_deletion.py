# Copyright 2026 crm_retention contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging

from odoo import api, models

_logger = logging.getLogger(__name__)


class ResUsersDeletion(models.Model):
    _inherit = "res.users.deletion"

    @api.model
    def _gc_portal_users(self, batch_size=50):
        """A portal user deleted their account: Odoo deletes the user, then
        tries to delete the contact, which the deletion guard keeps when it
        has history. That contact is erased instead (its personal data goes,
        its history stays), and the deletion log forgets the names of those
        that were deleted.

        Superuser: the erasure of those contacts. Checked first: Odoo's own
        cron runs it, for the contacts of the portal users whose deletion
        request it just processed (their own request), without a user left."""
        requests = self.search([("state", "=", "todo")])[:batch_size]
        partners = requests.user_id.partner_id
        res = super()._gc_portal_users(batch_size=batch_size)
        if not partners:
            return res
        Partner = self.env["res.partner"].sudo().with_context(active_test=False)
        kept = Partner.search(
            [
                ("id", "in", partners.ids),
                ("is_erased", "=", False),
                ("user_ids", "=", False),
            ]
        )
        try:
            with self.env.cr.savepoint():
                self.env["crm.retention.erasure"].sudo()._erase(
                    kept, reason=self.env._("Portal account deleted"), origin="portal"
                )
                self.env["crm.retention.deletion.log"]._erase_deleted(
                    "res.partner", list(set(partners.ids) - set(kept.ids))
                )
        except Exception:
            _logger.exception(
                "Contacts %s of deleted portal users could not be erased", kept.ids
            )
        return res
