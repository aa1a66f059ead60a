# Copyright 2026 crm_retention contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Sensitive fields in the browser: with the contact's Email and Phone
marked, a salesperson goes through their day's screens (pipeline, the
opportunity's form and chatter, Contacts) without an error, and the hidden
values never reach the page."""

from odoo.tests import HttpCase, new_test_user, tagged

from .test_security import EMAIL, PHONE, mark_email_and_phone


@tagged("post_install", "-at_install")
class TestSensitiveTour(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        mark_email_and_phone(cls)
        cls.salesman = new_test_user(
            cls.env,
            login="rt_tour_sensitive",
            password="rt_tour_sensitive",
            groups="sales_team.group_sale_salesman_all_leads,"
            "base.group_partner_manager",
        )
        cls.company = cls.env["res.partner"].create(
            {
                "name": "Anna Trading",
                "is_company": True,
                "email": "office.vrolijk@secret-test.example",
                "phone": "+46 8 123 987 00",
            }
        )
        cls.customer = cls.env["res.partner"].create(
            {
                "name": "Anna Customer",
                "parent_id": cls.company.id,
                "email": EMAIL,
                "phone": PHONE,
            }
        )
        cls.opportunity = cls.env["crm.lead"].create(
            {
                "name": "Anna's renewal",
                "type": "opportunity",
                "partner_id": cls.customer.id,
                "user_id": cls.salesman.id,
                "expected_revenue": 1200,
            }
        )

    def test_salesperson_day_tour(self):
        """Pipeline search, the opportunity's form (edit, save, activity,
        message to the customer, Won), then Contacts: no error dialog, and
        the hidden values are nowhere in the page; the server still used
        them (the message goes to the hidden address)."""
        self.assertEqual(self.opportunity.email_from, EMAIL)
        self.start_tour(
            "/odoo/crm",
            "crm_retention_sensitive_tour",
            login="rt_tour_sensitive",
        )
        lead = self.opportunity
        self.assertTrue(lead.stage_id.is_won)
        self.assertEqual(lead.probability, 100)
        self.assertEqual(lead.expected_revenue, 4500)
        done = (
            self.env["mail.message"]
            .with_context(active_test=False)
            .search(
                [
                    ("model", "=", "crm.lead"),
                    ("res_id", "=", lead.id),
                    ("mail_activity_type_id", "!=", False),
                ]
            )
        )
        self.assertTrue(done, "the activity was marked done")
        self.assertIn("Anna agrees", done[0].body)
        self.assertFalse(lead.activity_ids)
        message = self.env["mail.message"].search(
            [
                ("model", "=", "crm.lead"),
                ("res_id", "=", lead.id),
                ("message_type", "=", "comment"),
                ("body", "ilike", "here is your renewal offer"),
            ]
        )
        self.assertEqual(len(message), 1)
        self.assertEqual(message.author_id, self.salesman.partner_id)
        self.assertIn(self.customer, message.partner_ids)
        # The email to the hidden address is queued (mail.mail) or already
        # sent; its notification says so, and no address was missing.
        notification = self.env["mail.notification"].search(
            [
                ("mail_message_id", "=", message.id),
                ("res_partner_id", "=", self.customer.id),
            ]
        )
        self.assertEqual(notification.notification_type, "email")
        self.assertIn(notification.notification_status, ("ready", "sent"))
        self.assertFalse(notification.failure_type)
        mail = self.env["mail.mail"].search([("mail_message_id", "=", message.id)])
        if mail:
            self.assertIn(self.customer, mail.recipient_ids)
        self.assertEqual(self.customer.email, EMAIL, "the value is kept")
