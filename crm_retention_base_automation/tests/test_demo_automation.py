# Copyright 2026 crm_retention contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import TransactionCase, tagged

from odoo.addons.crm_retention.tests.demo_common import ensure_odoo_demo, load_demo


@tagged("post_install", "-at_install")
class TestDemoAutomation(TransactionCase):
    """The demo's automation rule: losing an opportunity removes the
    newsletter trait from the customer's whole dossier."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        ensure_odoo_demo(cls.env)
        load_demo(cls.env, "crm_retention", "demo/crm_retention_demo.xml")
        load_demo(
            cls.env,
            "crm_retention_base_automation",
            "demo/crm_retention_base_automation_demo.xml",
        )

    def ref(self, name):
        return self.env.ref(f"crm_retention.{name}")

    def test_lost_opportunity_removes_newsletter_from_dossier(self):
        newsletter = self.ref("crm_retention_trait_newsletter")
        nora = self.ref("demo_partner_harbour_nora")
        tom = self.ref("demo_partner_harbour_tom")
        wood_corner = self.env.ref("base.res_partner_1")
        self.assertIn(newsletter, nora.crm_retention_trait_ids)
        self.assertIn(newsletter, tom.crm_retention_trait_ids)
        # Marc Demo loses Tom's opportunity, as in the README's "Try it".
        salesperson = self.env.ref("base.user_demo")
        lead = self.ref("demo_lead_harbour_warehouse")
        lead.with_user(salesperson).action_set_lost(
            lost_reason_id=self.env.ref("crm.lost_reason_1").id
        )
        self.assertFalse(lead.active)
        for person in nora | tom:
            self.assertNotIn(newsletter, person.crm_retention_trait_ids)
        ended = (
            self.env["crm.retention.trait.assignment"]
            .with_context(active_test=False)
            .search(
                [
                    ("partner_id", "in", (nora | tom).ids),
                    ("trait_id", "=", newsletter.id),
                ]
            )
        )
        self.assertEqual(set(ended.mapped("removal_reason")), {"workflow"})
        self.assertEqual(ended.removed_user_id, salesperson)
        # The other traits and other dossiers keep theirs.
        self.assertIn(
            self.ref("demo_trait_decision_maker"), nora.crm_retention_trait_ids
        )
        self.assertIn(newsletter, wood_corner.crm_retention_trait_ids)

    def test_won_opportunity_keeps_newsletter(self):
        newsletter = self.ref("crm_retention_trait_newsletter")
        lead = self.ref("demo_lead_harbour_warehouse")
        lead.with_user(self.env.ref("base.user_demo")).action_set_won()
        self.assertIn(
            newsletter, self.ref("demo_partner_harbour_tom").crm_retention_trait_ids
        )
