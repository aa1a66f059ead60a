# Copyright 2026 crm_retention contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Input a client may send over RPC that the web client never does (found
by ./dev stress's hostile input): a clear error, nothing changed."""

from odoo.exceptions import AccessError, UserError

from .traits_common import TraitCase


class TestRpcInput(TraitCase):
    def test_adding_a_trait_to_another_companys_contact_is_refused(self):
        """The wizard names a contact the user cannot reach (another company): an
        error, as for a removal, not a silent success that adds nothing."""
        other = self.env["res.company"].create({"name": "Elsewhere"})
        partner = self.env["res.partner"].create(
            {"name": "Out of Reach", "company_id": other.id}
        )
        Wizard = self.env["crm.retention.trait.wizard"].with_user(self.data_manager)
        wizard = Wizard.create(
            {"partner_ids": [(6, 0, partner.ids)], "trait_ids": [(6, 0, self.vip.ids)]}
        )
        # Read back as the next RPC request does: without the contact.
        wizard.invalidate_recordset()
        with self.assertRaisesRegex(UserError, "contact you can access"):
            wizard.action_confirm()
        self.assertFalse(partner.crm_retention_trait_assignment_ids)

    def test_adding_through_the_model_is_checked_too(self):
        other = self.env["res.company"].create({"name": "Elsewhere"})
        partner = self.env["res.partner"].create(
            {"name": "Out of Reach", "company_id": other.id}
        )
        with self.assertRaises(AccessError):
            partner.with_user(self.data_manager)._crm_retention_apply_definitions(
                "trait", "add", definitions=self.vip
            )
        self.assertFalse(partner.crm_retention_trait_assignment_ids)
