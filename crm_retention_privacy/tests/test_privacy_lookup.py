# Copyright 2026 crm_retention contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from odoo.addons.crm_retention.tests.common import RetentionCase, find_markers

NAME = "Wilhelmina Zorgvlied"
EMAIL = "w.zorgvlied@privacy-test.example"
MARKERS = ("zorgvlied", "Wilhelmina")
# Odoo's own transient lookup keeps what the administrator typed (name and
# email) and the names it found, until it is vacuumed (24 hours).
LOOKUP_TABLES = ("privacy_lookup_wizard", "privacy_lookup_wizard_line")


@tagged("post_install", "-at_install")
class TestPrivacyLookup(RetentionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.admin = cls.env.ref("base.user_admin")
        cls.person = cls.env["res.partner"].create(
            {"name": NAME, "email": EMAIL, "phone": "+46 70 123 45 67"}
        )
        cls.opportunity = cls.env["crm.lead"].create(
            {
                "name": f"Opportunity of {NAME}",
                "type": "opportunity",
                "partner_id": cls.person.id,
                "expected_revenue": 4200,
            }
        )
        # Found by its email only: the lead a web form created.
        cls.web_lead = cls.env["crm.lead"].create(
            {"name": "Web form", "contact_name": NAME, "email_from": EMAIL}
        )
        cls.person.message_post(body=f"Logged a call with {NAME}")
        # A duplicate contact without history: deleted, as Odoo does.
        cls.duplicate = cls.env["res.partner"].create({"name": NAME, "email": EMAIL})

    def lookup(self):
        wizard = (
            self.env["privacy.lookup.wizard"]
            .with_user(self.admin)
            .create({"name": NAME, "email": EMAIL})
        )
        wizard.action_lookup()
        return wizard

    def test_delete_all_erases_instead_of_failing(self):
        """'Delete All' on a contact with one opportunity and a logged note:
        the contact is erased, its opportunity pseudonymised, the duplicate
        without history deleted; no personal data is left."""
        wizard = self.lookup()
        found = {(line.res_model, line.res_id) for line in wizard.line_ids}
        self.assertIn(("res.partner", self.person.id), found)
        self.assertIn(("crm.lead", self.opportunity.id), found)
        self.assertIn(("crm.lead", self.web_lead.id), found)
        duplicate_id = self.duplicate.id

        wizard.line_ids.action_unlink_all()

        self.assertTrue(all(wizard.line_ids.mapped("is_unlinked")))
        self.assertTrue(self.person.exists())
        self.assertTrue(self.person.is_erased)
        self.assertFalse(self.env["res.partner"].browse(duplicate_id).exists())
        self.assertRecordValues(
            self.opportunity | self.web_lead,
            [
                {"expected_revenue": 4200, "email_from": False, "active": True},
                {"expected_revenue": 0, "email_from": False, "active": True},
            ],
        )
        self.assertEqual(
            self.opportunity.name, f"Opportunity of Erased contact {self.person.id}"
        )
        register = self.env["crm.retention.erasure"].search(
            [("origin", "=", "privacy_lookup")]
        )
        self.assertEqual(
            sorted(register.mapped("res_model")), ["crm.lead", "res.partner"]
        )
        self.assertEqual(register.user_id, self.admin)
        log = self.env["crm.retention.deletion.log"].search(
            [("res_model", "=", "res.partner"), ("res_id", "=", duplicate_id)]
        )
        self.assertTrue(log.is_erased)
        self.assertTrue(wizard.log_id, "Odoo's privacy log is written")
        self.assertEqual(find_markers(self.env, MARKERS, LOOKUP_TABLES), [])

    def test_delete_one_opportunity_line(self):
        """'Delete' on the line of an opportunity pseudonymises it."""
        wizard = self.lookup()
        line = wizard.line_ids.filtered(
            lambda line: line.res_model == "crm.lead"
            and line.res_id == self.web_lead.id
        )
        line.action_unlink()
        self.assertTrue(self.web_lead.exists())
        self.assertFalse(self.web_lead.contact_name)
        self.assertIn("Pseudonymised", line.execution_details)
        self.assertFalse(self.person.is_erased, "only that line was handled")
