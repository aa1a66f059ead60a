# Copyright 2026 crm_retention contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestUi(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.salesman = new_test_user(
            cls.env,
            login="rt_tour_salesman",
            password="rt_tour_salesman",
            name="Sam Salesperson",
            groups="sales_team.group_sale_salesman",
        )
        cls.partner = cls.env["res.partner"].create(
            {"name": "Smoke Test Customer", "email": "smoke@example.com"}
        )

    def test_smoke_tour(self):
        """A salesperson logs in and opens a contact's form."""
        self.start_tour(
            "/odoo/contacts",
            "crm_retention_smoke_tour",
            login="rt_tour_salesman",
        )

    def test_former_tour(self):
        """A salesperson marks a customer as former from its form, sees the
        ribbon, then opens its activity history."""
        activity = self.partner.activity_schedule(
            "mail.mail_activity_data_todo",
            summary="Discussed the renewal",
            user_id=self.salesman.id,
        )
        activity.action_feedback(feedback="Not renewing")
        self.start_tour(
            f"/odoo/res.partner/{self.partner.id}",
            "crm_retention_former_tour",
            login="rt_tour_salesman",
        )
        self.assertTrue(self.partner.is_former)
        self.assertEqual(
            self.partner.former_reason_id,
            self.env.ref("crm_retention.former_reason_switched_supplier"),
        )
        self.assertEqual(self.partner.former_user_id, self.salesman)

    def test_no_delete_tour(self):
        """A salesperson's contact list: no Delete, no Export, no phone
        column when the phone is sensitive."""
        self.env["res.partner"].create(
            {"name": "Tour Customer", "phone": "+32 2 555 03 03"}
        )
        phone = self.env["ir.model.fields"].search(
            [("model", "=", "res.partner"), ("name", "=", "phone")]
        )
        self.env["ir.model.fields"].with_user(
            self.env.ref("base.user_admin")
        )._crm_retention_set_sensitive_fields(phone)
        self.addCleanup(
            self.env["ir.model.fields"]._crm_retention_apply_sensitive_fields, ()
        )
        self.start_tour(
            "/odoo/action-contacts.action_contacts?view_type=list",
            "crm_retention_no_delete_tour",
            login="rt_tour_salesman",
        )

    def test_traits_tour(self):
        """A salesperson adds a CRM trait on a contact's CRM tab, then
        removes it: the assignment is ended, not deleted."""
        trait = self.env["crm.retention.trait"].create(
            {"name": "Tour Trait", "code": "tour"}
        )
        self.start_tour(
            f"/odoo/res.partner/{self.partner.id}",
            "crm_retention_traits_tour",
            login="rt_tour_salesman",
        )
        assignment = (
            self.env["crm.retention.trait.assignment"]
            .with_context(active_test=False)
            .search([("partner_id", "=", self.partner.id)])
        )
        self.assertEqual(assignment.trait_id, trait)
        self.assertEqual(assignment.added_user_id, self.salesman)
        self.assertFalse(assignment.active)
        self.assertEqual(assignment.removed_user_id, self.salesman)
        self.assertEqual(assignment.removal_note, "Withdrew consent by phone")

    def test_offboarding_tour(self):
        """A Data Manager offboards a salesperson from the user form: the
        wizard counts their work, hands it to another salesperson, and the
        offboarding record can undo it."""
        manager = new_test_user(
            self.env,
            login="rt_tour_manager",
            password="rt_tour_manager",
            name="Tour Manager",
            groups="base.group_erp_manager,sales_team.group_sale_salesman_all_leads,"
            "crm_retention.crm_retention_group_manager",
        )
        heir = new_test_user(
            self.env,
            login="rt_tour_heir",
            name="Tour Heir",
            groups="sales_team.group_sale_salesman",
        )
        leads = self.env["crm.lead"].create(
            [
                {
                    "name": f"Tour deal {i}",
                    "type": "opportunity",
                    "user_id": self.salesman.id,
                }
                for i in range(2)
            ]
        )
        self.partner.user_id = self.salesman
        self.start_tour(
            f"/odoo/action-base.action_res_users/{self.salesman.id}",
            "crm_retention_offboarding_tour",
            login="rt_tour_manager",
        )
        offboarding = self.env["crm.retention.offboarding"].search(
            [("user_id", "=", self.salesman.id)]
        )
        self.assertEqual(offboarding.done_by_id, manager)
        self.assertEqual(offboarding.target_user_ids, heir)
        self.assertEqual(offboarding.lead_count, 2)
        self.assertEqual(offboarding.state, "undone")
        self.assertFalse(self.salesman.active)
        # Undone: the work is back with the (still inactive) salesperson.
        self.assertEqual(leads.user_id, self.salesman)
        self.assertEqual(self.partner.user_id, self.salesman)

    def test_offboarding_menu_tour(self):
        """A Data Manager without user administration rights (a Sales
        Administrator: Odoo shows CRM > Configuration to those) offboards
        from the CRM configuration menu, keeps the customers with the
        departing user, and finds them in the report of work left behind,
        whose line opens the wizard again."""
        new_test_user(
            self.env,
            login="rt_tour_dm",
            password="rt_tour_dm",
            groups="sales_team.group_sale_manager,"
            "crm_retention.crm_retention_group_manager",
        )
        leaver = new_test_user(
            self.env,
            login="rt_menu_leaver",
            name="Menu Leaver",
            groups="sales_team.group_sale_salesman",
        )
        new_test_user(
            self.env,
            login="rt_menu_heir",
            name="Menu Heir",
            groups="sales_team.group_sale_salesman",
        )
        customer = self.env["res.partner"].create(
            {"name": "Menu Customer", "user_id": leaver.id}
        )
        self.start_tour(
            "/odoo/crm", "crm_retention_offboarding_menu_tour", login="rt_tour_dm"
        )
        self.assertFalse(leaver.active)
        self.assertEqual(customer.user_id, leaver)
