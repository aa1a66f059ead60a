# Copyright 2026 crm_retention contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import TransactionCase, tagged

from .demo_common import ensure_odoo_demo, load_demo

DEMO = "demo/crm_retention_demo.xml"


@tagged("post_install", "-at_install")
class TestDemo(TransactionCase):
    """The demo data of ./dev serve tells its story: loaded into the test
    database (which has no demo data) as Odoo loads it at install."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        ensure_odoo_demo(cls.env)
        load_demo(cls.env, "crm_retention", DEMO)

    def ref(self, name):
        return self.env.ref(f"crm_retention.{name}")

    def test_former_customer_keeps_its_history(self):
        bakery = self.ref("demo_partner_old_mill")
        greta = self.ref("demo_partner_old_mill_greta")
        switched = self.ref("former_reason_switched_supplier")
        for partner in bakery | greta:
            self.assertTrue(partner.is_former)
            self.assertEqual(partner.former_reason_id, switched)
            self.assertTrue(partner.former_date)
            self.assertEqual(partner.former_user_id, self.env.ref("base.user_demo"))
        leads = (
            self.env["crm.lead"]
            .with_context(active_test=False)
            .search([("partner_id", "=", greta.id)])
        )
        self.assertEqual(len(leads), 2)
        self.assertEqual(leads.filtered("active").stage_id.is_won, True)
        activities = (
            self.env["mail.activity"]
            .with_context(active_test=False)
            .search([("res_model", "=", "crm.lead"), ("res_id", "in", leads.ids)])
        )
        self.assertEqual(
            sorted(activities.mapped("history_state")), ["cancelled", "done"]
        )
        self.assertIn(
            "another supplier",
            " ".join(bakery.message_ids.mapped(lambda m: str(m.body))),
        )
        iris = self.ref("demo_partner_harbour_iris")
        self.assertEqual(iris.former_reason_id, self.ref("former_reason_changed_job"))
        self.assertLess(iris.former_date, bakery.former_date)

    def test_departing_salesperson_ready_to_offboard(self):
        peter = self.ref("demo_user_departing")
        self.assertTrue(peter.active)
        wizard = self.env["crm.retention.offboard.user"].create({"user_id": peter.id})
        self.assertEqual(wizard.open_lead_count, 3)
        self.assertEqual(wizard.activity_count, 2)
        self.assertTrue(wizard.customer_count)
        self.assertEqual(wizard.team_member_count, 1)

    def test_offboarded_salesperson_undo_available(self):
        olivia = self.ref("demo_user_offboarded")
        self.assertFalse(olivia.active)
        offboarding = self.env["crm.retention.offboarding"].search(
            [("user_id", "=", olivia.id)]
        )
        self.assertEqual(offboarding.state, "done")
        self.assertEqual(offboarding.done_by_id, self.env.ref("base.user_admin"))
        lead = self.ref("demo_lead_olivia_mats")
        self.assertEqual(lead.user_id, self.env.ref("base.user_demo"))
        # Her customer and her call were left behind.
        work = self.env["crm.retention.inactive.work"].search(
            [("user_id", "=", olivia.id)]
        )
        self.assertEqual(sorted(work.mapped("kind")), ["activity", "customer"])
        offboarding.with_user(self.ref("demo_user_data_manager")).action_undo()
        self.assertEqual(offboarding.state, "undone")
        self.assertEqual(lead.user_id, olivia)

    def test_traits_and_dossier_actions(self):
        newsletter = self.ref("crm_retention_trait_newsletter")
        decision_maker = self.ref("demo_trait_decision_maker")
        nora = self.ref("demo_partner_harbour_nora")
        self.assertEqual(nora.crm_retention_trait_ids, newsletter | decision_maker)
        consent = nora.crm_retention_trait_assignment_ids.filtered(
            lambda a: a.trait_id == newsletter
        )
        self.assertTrue(consent.date_end)
        greta = self.ref("demo_partner_old_mill_greta")
        self.assertEqual(greta.crm_retention_trait_ids, decision_maker)
        ended = (
            self.env["crm.retention.trait.assignment"]
            .with_context(active_test=False)
            .search([("partner_id", "=", greta.id), ("active", "=", False)])
        )
        self.assertEqual(ended.trait_id, newsletter)
        self.assertEqual(ended.removal_reason, "manual")
        dossiers = self.env["crm.retention.dossier.action.assignment"].search(
            [("dossier_action_id.code", "in", ("yearly_review", "year_end_gift"))]
        )
        self.assertEqual(len(dossiers.partner_id), 3)
        self.assertEqual(
            self.ref("demo_partner_harbour_tom").crm_retention_dossier_action_ids,
            self.ref("demo_dossier_action_review")
            | self.ref("demo_dossier_action_gift"),
        )

    def test_users(self):
        dana = self.ref("demo_user_data_manager")
        self.assertTrue(dana.has_group("crm_retention.crm_retention_group_manager"))
        self.assertEqual(dana.login, "datamanager")

    def test_update_changes_nothing(self):
        """An update (-u) loads the file again without running its actions:
        nothing is added or changed."""

        def state():
            env = self.env(context={"active_test": False})
            return (
                env["crm.retention.offboarding"].search_count([]),
                env["mail.activity"].search_count([("history_state", "!=", False)]),
                env["res.partner"].search_count([("is_former", "=", True)]),
                env["crm.retention.trait.assignment"].search_count([]),
                self.ref("demo_user_offboarded").active,
            )

        before = state()
        load_demo(self.env, "crm_retention", DEMO, mode="update")
        self.assertEqual(state(), before)
