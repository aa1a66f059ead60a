# Copyright 2026 crm_retention contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""No escalation through the addon's superuser paths.

Where the addon acts as superuser (sudo(), raw SQL), it first checks that the
acting user has the rights for the same effect. Each test below is one
attempt of an attacker: what is tried, what must happen, and after a refused
attempt, that nothing changed.
"""

from xmlrpc.client import Fault

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, HttpCase, new_test_user, tagged

from .common import RetentionCase

# The cursor key of crm_retention/models/crm_lead.py (importing the models
# module from a test would load it a second time under pytest).
MERGED_DUPLICATES = "crm_retention.merged_duplicates_to_delete"


class SecurityCase(RetentionCase):
    """Two companies; Data Managers with and without Access Rights; users
    with Access Rights to offboard."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_a = cls.env.company
        cls.company_b = cls.env["res.company"].create({"name": "Security B"})
        # cls.data_manager (RetentionCase): Data Manager, all leads, company A,
        # no Access Rights.
        cls.admin_manager = new_test_user(
            cls.env,
            login="rt_sec_admin_manager",
            name="Adam Admin-Manager",
            groups="base.group_erp_manager,sales_team.group_sale_salesman_all_leads,"
            "crm_retention.crm_retention_group_manager",
        )
        cls.officer = new_test_user(
            cls.env,
            login="rt_sec_officer",
            name="Olga Officer",
            groups="base.group_erp_manager,sales_team.group_sale_salesman",
        )
        cls.heir = new_test_user(
            cls.env,
            login="rt_sec_heir",
            name="Hector Heir",
            groups="sales_team.group_sale_salesman",
        )
        cls.team = cls.env["crm.team"].create(
            {
                "name": "Security Team",
                "member_ids": [Command.set([cls.officer.id, cls.heir.id])],
            }
        )
        cls.officer_deal = cls.env["crm.lead"].create(
            {"name": "Officer deal", "type": "opportunity", "user_id": cls.officer.id}
        )

    def offboard(self, user, manager, **values):
        """Offboard user as manager (to the heir); return the offboarding."""
        values.setdefault("target_user_id", self.heir)
        form = Form(
            self.env["crm.retention.offboard.user"]
            .with_user(manager)
            .with_context(default_user_id=user.id)
        )
        for name, value in values.items():
            setattr(form, name, value)
        result = form.save().action_offboard()
        return self.env["crm.retention.offboarding"].browse(result["res_id"])

    def membership(self, user):
        return (
            self.env["crm.team.member"]
            .with_context(active_test=False)
            .search([("user_id", "=", user.id), ("crm_team_id", "=", self.team.id)])
        )


class TestReactivation(SecurityCase):
    """Reactivating a user, or giving their records back, needs the rights
    to offboard that user."""

    def test_reactivate_administrator_without_access_rights(self):
        """A Data Manager without Access Rights presses 'Reactivate User' on
        the offboarding of a user with Access Rights: refused, the user stays
        inactive and their team membership stays ended."""
        offboarding = self.offboard(self.officer, self.admin_manager)
        with self.assertRaisesRegex(AccessError, "only an administrator"):
            offboarding.with_user(self.data_manager).action_reactivate_user()
        self.assertFalse(self.officer.active)
        self.assertFalse(self.membership(self.officer).active)
        self.assertEqual(offboarding.state, "done")

    def test_reactivate_real_administrator_without_access_rights(self):
        """The same on the offboarding of an administrator (Settings):
        refused, the administrator stays inactive."""
        admin = new_test_user(
            self.env,
            login="rt_sec_admin",
            groups="base.group_system,sales_team.group_sale_salesman",
        )
        offboarding = self.offboard(admin, self.admin_manager)
        with self.assertRaises(AccessError):
            offboarding.with_user(self.data_manager).action_reactivate_user()
        self.assertFalse(admin.active)

    def test_undo_administrator_offboarding_without_access_rights(self):
        """The same Data Manager presses 'Undo Reassignment' instead (it
        gives the records back to the departing user): refused, the records
        stay with the new owner and the user stays inactive."""
        offboarding = self.offboard(self.officer, self.admin_manager)
        with self.assertRaisesRegex(AccessError, "only an administrator"):
            offboarding.with_user(self.data_manager).action_undo()
        self.assertEqual(self.officer_deal.user_id, self.heir)
        self.assertEqual(offboarding.state, "done")
        self.assertFalse(self.officer.active)

    def test_reactivate_administrator_with_access_rights(self):
        """A Data Manager with Access Rights reactivates them: allowed; undo
        does not reactivate anybody."""
        offboarding = self.offboard(self.officer, self.admin_manager)
        offboarding.with_user(self.admin_manager).action_undo()
        self.assertEqual(self.officer_deal.user_id, self.officer)
        self.assertFalse(self.officer.active)
        offboarding.with_user(self.admin_manager).action_reactivate_user()
        self.assertTrue(self.officer.active)
        self.assertTrue(self.membership(self.officer).active)

    def test_reactivate_user_of_another_company(self):
        """A Data Manager of company A reactivates, or undoes the
        offboarding of, a user of company B only: refused, nothing changed."""
        stranger = new_test_user(
            self.env,
            login="rt_sec_stranger",
            groups="sales_team.group_sale_salesman",
            company_id=self.company_b.id,
            company_ids=[Command.set(self.company_b.ids)],
        )
        heir_b = new_test_user(
            self.env,
            login="rt_sec_heir_b",
            groups="sales_team.group_sale_salesman",
            company_id=self.company_b.id,
            company_ids=[Command.set(self.company_b.ids)],
        )
        deal = self.env["crm.lead"].create(
            {
                "name": "Stranger deal",
                "type": "opportunity",
                "user_id": stranger.id,
                "company_id": self.company_b.id,
            }
        )
        # Offboarded by Odoo itself (superuser), as a Data Manager of B would.
        wizard = self.env["crm.retention.offboard.user"].create(
            {"user_id": stranger.id, "target_user_id": heir_b.id}
        )
        offboarding = self.env["crm.retention.offboarding"].browse(
            wizard.action_offboard()["res_id"]
        )
        self.assertEqual(deal.user_id, heir_b)
        with self.assertRaisesRegex(AccessError, "companies you have no access to"):
            offboarding.with_user(self.data_manager).action_reactivate_user()
        with self.assertRaisesRegex(AccessError, "companies you have no access to"):
            offboarding.with_user(self.data_manager).action_undo()
        self.assertFalse(stranger.active)
        self.assertEqual(deal.user_id, heir_b)
        self.assertEqual(offboarding.state, "done")


class TestOffboardingCompanies(SecurityCase):
    """The records an offboarding moves are those of the acting manager's
    companies; the superuser only does the writing."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_c = cls.env["res.company"].create({"name": "Security C"})
        cls.leaver = new_test_user(
            cls.env,
            login="rt_sec_leaver",
            name="Lea Leaver",
            groups="sales_team.group_sale_salesman",
            company_ids=[
                Command.set((cls.company_a | cls.company_b | cls.company_c).ids)
            ],
        )
        cls.heir.company_ids |= cls.company_b | cls.company_c
        # The Data Manager has A and B, not C.
        cls.data_manager.company_ids |= cls.company_b
        cls.deal_a = cls.env["crm.lead"].create(
            {"name": "Deal A", "type": "opportunity", "user_id": cls.leaver.id}
        )

    def deal_of(self, company):
        return self.env["crm.lead"].create(
            {
                "name": f"Deal {company.name}",
                "type": "opportunity",
                "user_id": self.leaver.id,
                "company_id": company.id,
                "team_id": False,
            }
        )

    def assert_nothing_changed(self, *deals):
        self.assertTrue(self.leaver.active)
        for deal in (self.deal_a, *deals):
            self.assertEqual(deal.user_id, self.leaver)
        self.assertFalse(
            self.env["crm.retention.offboarding"].search(
                [("user_id", "=", self.leaver.id)]
            )
        )

    def test_records_of_a_company_out_of_reach(self):
        """The Data Manager offboards a user who owns a deal of company C,
        which the manager has no access to, even ticking every confirmation:
        refused with how many records and what to do, nothing moved."""
        deal_c = self.deal_of(self.company_c)
        wizard = (
            self.env["crm.retention.offboard.user"]
            .with_user(self.data_manager)
            .create(
                {
                    "user_id": self.leaver.id,
                    "target_user_id": self.heir.id,
                    "confirm_other_companies": True,
                    "confirm_unselected_companies": True,
                }
            )
        )
        with self.assertRaisesRegex(
            UserError, "1 of the records to hand over belong to companies you have"
        ):
            wizard.action_offboard()
        self.assert_nothing_changed(deal_c)

    def test_records_of_a_company_out_of_reach_left_with_them(self):
        """The same manager unticks the open opportunities: the user is
        offboarded, the deal of company C stays theirs."""
        deal_c = self.deal_of(self.company_c)
        offboarding = self.offboard(
            self.leaver, self.data_manager, include_open_leads=False
        )
        self.assertFalse(self.leaver.active)
        self.assertEqual(deal_c.user_id, self.leaver)
        self.assertEqual(offboarding.lead_count, 0)

    def test_records_of_my_other_company_need_confirmation(self):
        """The Data Manager works in company A (selected in the switcher)
        and offboards a user with a deal of company B, another of the
        manager's companies: refused without the explicit confirmation,
        moved with it."""
        deal_b = self.deal_of(self.company_b)
        Wizard = (
            self.env["crm.retention.offboard.user"]
            .with_user(self.data_manager)
            .with_context(allowed_company_ids=self.company_a.ids)
        )
        wizard = Wizard.create(
            {"user_id": self.leaver.id, "target_user_id": self.heir.id}
        )
        self.assertEqual(wizard.unselected_company_count, 1)
        with self.assertRaisesRegex(UserError, "not selected in the company switcher"):
            wizard.action_offboard()
        self.assert_nothing_changed(deal_b)
        wizard.confirm_unselected_companies = True
        wizard.action_offboard()
        self.assertFalse(self.leaver.active)
        self.assertEqual((self.deal_a | deal_b).user_id, self.heir)
        self.assertEqual(deal_b.company_id, self.company_b)

    def test_move_primitive_out_of_reach(self):
        """The manager calls the move primitive on a deal of company C
        directly (server action, code): refused, the deal stays put."""
        deal_c = self.deal_of(self.company_c)
        Offboarding = self.env["crm.retention.offboarding"].with_user(self.data_manager)
        with self.assertRaisesRegex(AccessError, "out of your reach"):
            Offboarding._move_owners("crm.lead", {deal_c.id: self.heir.id})
        self.assertEqual(deal_c.user_id, self.leaver)

    def test_move_primitive_without_write_access(self):
        """A Data Manager with 'own documents only' sales rights moves a
        deal of someone else through the primitive: refused, it stays."""
        narrow = new_test_user(
            self.env,
            login="rt_sec_narrow_manager",
            groups="sales_team.group_sale_salesman,"
            "crm_retention.crm_retention_group_manager",
        )
        Offboarding = self.env["crm.retention.offboarding"].with_user(narrow)
        with self.assertRaises(AccessError):
            Offboarding._move_owners("crm.lead", {self.deal_a.id: self.heir.id})
        self.assertEqual(self.deal_a.user_id, self.leaver)


class TestLeadAssignment(SecurityCase):
    """Odoo's lead assignment by a Sales Administrator runs with their
    rights; only the deletion of merged duplicates runs as superuser."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.assign_team = cls.env["crm.team"].create(
            {
                "name": "Assignment Team",
                "assignment_max": 30,
                "assignment_domain": "[]",
                "company_id": False,
            }
        )
        cls.env["crm.team.member"].create(
            {
                "crm_team_id": cls.assign_team.id,
                "user_id": cls.salesman.id,
                "assignment_max": 30,
            }
        )

    def duplicates(self, company, count=2):
        return self.env["crm.lead"].create(
            [
                {
                    "name": f"Dup {company.name} {i}",
                    "email_from": "dup.security@example.com",
                    "type": "lead",
                    "team_id": False,
                    "user_id": False,
                    "company_id": company.id,
                }
                for i in range(count)
            ]
        )

    def test_assignment_leaves_other_companies_alone(self):
        """A Sales Administrator of company A runs the assignment while
        unassigned duplicates wait in company B: the leads of company B are
        neither assigned nor merged nor deleted; those of company A are
        merged, and the merged duplicate is deleted."""
        leads_a = self.duplicates(self.company_a)
        leads_b = self.duplicates(self.company_b)
        self.assign_team.with_user(self.sales_admin)._action_assign_leads(
            creation_delta_days=0
        )
        self.assertEqual(len(leads_a.exists()), 1, "merged, the duplicate deleted")
        self.assertEqual(leads_a.exists().team_id, self.assign_team)
        self.assertEqual(leads_b.exists(), leads_b)
        self.assertFalse(leads_b.team_id)
        self.assertFalse(leads_b.user_id)

    def test_no_deletion_right_outlives_the_assignment(self):
        """After the assignment, the Sales Administrator (no Data Manager)
        deletes a lead: refused as ever, nothing is left marked."""
        self.duplicates(self.company_a)
        lead = self.env["crm.lead"].create({"name": "Keep me", "type": "lead"})
        self.assign_team.with_user(self.sales_admin)._action_assign_leads(
            creation_delta_days=0
        )
        self.assertNotIn(MERGED_DUPLICATES, self.env.cr.precommit.data)
        with self.assertRaises(AccessError):
            lead.with_user(self.sales_admin).unlink()
        self.assertTrue(lead.exists())

    def test_salesperson_cannot_run_the_assignment(self):
        """A salesperson runs the assignment: refused by Odoo, the
        duplicates stay."""
        leads = self.duplicates(self.company_a)
        with self.assertRaises(UserError):
            self.assign_team.with_user(self.salesman)._action_assign_leads(
                creation_delta_days=0
            )
        self.assertEqual(leads.exists(), leads)


class TestTraitRemoval(SecurityCase):
    """Ending CRM traits in bulk (raw SQL) ends only what the acting user's
    own search finds."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        cls.dossier = Partner.create({"name": "Security Corp", "is_company": True})
        cls.alice = Partner.create({"name": "Alice Sec", "parent_id": cls.dossier.id})
        cls.bruno = Partner.create(
            {
                "name": "Bruno Sec",
                "parent_id": cls.dossier.id,
                "company_id": cls.company_b.id,
            }
        )
        cls.newsletter = cls.env.ref("crm_retention.crm_retention_trait_newsletter")
        cls.env["crm.retention.trait.assignment"].create(
            [
                {"partner_id": partner.id, "trait_id": cls.newsletter.id}
                for partner in (cls.alice, cls.bruno)
            ]
        )

    def current(self, partner):
        return self.env["crm.retention.trait.assignment"].search(
            [("partner_id", "=", partner.id), ("trait_id", "=", self.newsletter.id)]
        )

    def test_dossier_removal_spares_partners_out_of_reach(self):
        """A salesperson of company A removes the newsletter from Alice's
        whole dossier, which holds Bruno of company B: Alice's ends, Bruno's
        (whom the salesperson cannot see) stays current."""
        self.assertFalse(
            self.env["res.partner"]
            .with_user(self.salesman)
            .search([("id", "=", self.bruno.id)])
        )
        count = self.alice.with_user(self.salesman)._crm_retention_apply_definitions(
            "trait", "remove", self.newsletter, scope="dossier"
        )
        self.assertEqual(count, 1)
        self.assertFalse(self.current(self.alice))
        self.assertTrue(self.current(self.bruno))

    def test_person_removal_out_of_reach(self):
        """The salesperson removes the newsletter from Bruno himself:
        refused, his assignment stays current."""
        with self.assertRaises(AccessError):
            self.bruno.with_user(self.salesman)._crm_retention_apply_definitions(
                "trait", "remove", self.newsletter
            )
        self.assertTrue(self.current(self.bruno))

    def test_superuser_ends_everything(self):
        """Odoo itself (the cron, superuser) ends the whole dossier's."""
        self.alice._crm_retention_apply_definitions(
            "trait", "remove", self.newsletter, scope="dossier"
        )
        self.assertFalse(self.current(self.alice) | self.current(self.bruno))


@tagged("post_install", "-at_install")
class TestEscalationOverXmlRpc(HttpCase):
    """The same attempts from an RPC client, which chooses its context."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.data_manager = new_test_user(
            cls.env,
            login="rt_sec_rpc_manager",
            password="rt_sec_rpc_manager",
            groups="sales_team.group_sale_salesman_all_leads,"
            "crm_retention.crm_retention_group_manager",
        )
        cls.sales_admin = new_test_user(
            cls.env,
            login="rt_sec_rpc_sales_admin",
            password="rt_sec_rpc_sales_admin",
            groups="sales_team.group_sale_manager",
        )
        cls.officer = new_test_user(
            cls.env,
            login="rt_sec_rpc_officer",
            password="rt_sec_rpc_officer",
            groups="base.group_erp_manager,sales_team.group_sale_salesman",
        )
        wizard = cls.env["crm.retention.offboard.user"].create(
            {"user_id": cls.officer.id}
        )
        cls.offboarding = cls.env["crm.retention.offboarding"].browse(
            wizard.action_offboard()["res_id"]
        )

    def call(self, user, model, method, *args, **kwargs):
        return self.xmlrpc_object.execute_kw(
            self.env.cr.dbname, user.id, user.login, model, method, args, kwargs
        )

    def test_reactivate_administrator_over_xmlrpc(self):
        """A Data Manager without Access Rights calls 'Reactivate User' on
        the offboarding of a user with Access Rights over XML-RPC: refused,
        the user still cannot log in."""
        with self.assertRaises(Fault) as caught:
            self.call(
                self.data_manager,
                "crm.retention.offboarding",
                "action_reactivate_user",
                self.offboarding.ids,
            )
        self.assertIn("only an administrator", caught.exception.faultString)
        self.assertFalse(self.officer.active)
        self.assertFalse(
            self.xmlrpc_common.authenticate(
                self.env.cr.dbname, self.officer.login, self.officer.login, {}
            )
        )

    def test_assignment_flag_in_the_context(self):
        """A Sales Administrator (no Data Manager) forges the assignment's
        mark in the RPC context to delete a lead: the mark lives on the
        cursor, the context key means nothing; refused, the lead stays."""
        lead = self.env["crm.lead"].create({"name": "RPC keep me"})
        with self.assertRaises(Fault):
            self.call(
                self.sales_admin,
                "crm.lead",
                "unlink",
                lead.ids,
                context={MERGED_DUPLICATES: lead.ids},
            )
        self.assertTrue(lead.exists())
