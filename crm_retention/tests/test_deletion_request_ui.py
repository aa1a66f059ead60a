# Copyright 2026 crm_retention contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestDeletionRequestUi(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.salesman = new_test_user(
            cls.env,
            login="rt_tour_requester",
            password="rt_tour_requester",
            name="Rex Requester",
            groups="sales_team.group_sale_salesman",
        )
        # CRM > Configuration is shown to Sales Administrators.
        cls.data_manager = new_test_user(
            cls.env,
            login="rt_tour_approver",
            password="rt_tour_approver",
            name="Dana Data Manager",
            groups="sales_team.group_sale_manager,"
            "crm_retention.crm_retention_group_manager,"
            "base.group_partner_manager",
        )
        cls.partner = cls.env["res.partner"].create({"name": "Tour Typo Contakt"})

    def test_request_approve_restore_tour(self):
        """A salesperson requests the deletion of a contact from its form;
        a Data Manager approves it in Deletion Requests, then restores the
        contact from the Recycle Bin: it is back, with its id."""
        partner_id = self.partner.id
        self.start_tour(
            f"/odoo/res.partner/{partner_id}",
            "crm_retention_request_deletion_tour",
            login="rt_tour_requester",
        )
        request = self.env["crm.retention.deletion.request"].search(
            [("res_model", "=", "res.partner"), ("res_id", "=", partner_id)]
        )
        self.assertEqual(request.requester_id, self.salesman)
        self.assertEqual(request.reason, "Typed by mistake")
        self.start_tour(
            "/odoo/crm", "crm_retention_approve_deletion_tour", login="rt_tour_approver"
        )
        self.env.invalidate_all()
        self.assertEqual(request.state, "approved")
        self.assertEqual(request.decided_user_id, self.data_manager)
        entry = self.env["crm.retention.deletion.log"].search(
            [("res_model", "=", "res.partner"), ("res_id", "=", partner_id)]
        )
        self.assertEqual(entry.state, "restored")
        self.assertEqual(
            self.env["res.partner"].browse(partner_id).exists().name,
            "Tour Typo Contakt",
        )
