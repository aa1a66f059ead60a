# Copyright 2026 crm_retention contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestErasureUi(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.eraser = new_test_user(
            cls.env,
            login="rt_tour_eraser",
            password="rt_tour_eraser",
            groups="sales_team.group_sale_salesman_all_leads,"
            "crm_retention.crm_retention_group_manager,"
            "base.group_partner_manager",
        )
        cls.partner = cls.env["res.partner"].create(
            {
                "name": "Erasure Tour Customer",
                "email": "erasure.tour@example.com",
                "phone": "+32 2 555 07 07",
            }
        )
        cls.lead = cls.env["crm.lead"].create(
            {
                "name": "Erasure tour deal",
                "type": "opportunity",
                "partner_id": cls.partner.id,
                "expected_revenue": 4200,
            }
        )
        cls.partner.message_post(
            body="Called about the renewal", subtype_xmlid="mail.mt_note"
        )

    def test_erasure_tour(self):
        """A Data Manager erases a contact's personal data from its form's
        actions menu: the wizard counts the history that stays, the form
        then shows the pseudonym under the Erased ribbon, the opportunity
        stays and the register keeps the reason."""
        # The wizard counts 3 messages: the contact's and the opportunity's
        # creation logs, and the note.
        messages = self.env["mail.message"].search(
            [
                "|",
                "&",
                ("model", "=", "res.partner"),
                ("res_id", "=", self.partner.id),
                "&",
                ("model", "=", "crm.lead"),
                ("res_id", "=", self.lead.id),
            ]
        )
        self.assertEqual(len(messages), 3)
        self.start_tour(
            f"/odoo/res.partner/{self.partner.id}",
            "crm_retention_erasure_tour",
            login="rt_tour_eraser",
        )
        self.assertTrue(self.partner.is_erased)
        self.assertFalse(self.partner.email)
        self.assertEqual(self.partner.name, f"Erased contact {self.partner.id}")
        self.assertTrue(self.lead.exists())
        self.assertEqual(self.lead.expected_revenue, 4200)
        self.assertEqual(self.lead.partner_id, self.partner)
        erasure = self.env["crm.retention.erasure"].search(
            [("res_model", "=", "res.partner"), ("res_id", "=", self.partner.id)]
        )
        self.assertEqual(len(erasure), 1)
        self.assertEqual(erasure.reason, "Request RT-TOUR-042")
