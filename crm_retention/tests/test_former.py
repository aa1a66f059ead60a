# Copyright 2026 crm_retention contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from lxml import etree

from odoo.exceptions import UserError
from odoo.tests import Form, users
from odoo.tools.safe_eval import safe_eval

from .common import RetentionCase


class TestFormer(RetentionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        cls.company = Partner.create({"name": "Closing Corp", "is_company": True})
        cls.alice, cls.bob = Partner.create(
            [
                {"name": "Alice Closing", "parent_id": cls.company.id},
                {"name": "Bob Closing", "parent_id": cls.company.id},
            ]
        )
        cls.reason = cls.env.ref("crm_retention.former_reason_switched_supplier")

    def _mark_former(self, partners, **values):
        wizard_form = Form(
            self.env["crm.retention.mark.former"].with_context(
                active_model="res.partner", active_ids=partners.ids
            )
        )
        for name, value in values.items():
            setattr(wizard_form, name, value)
        wizard = wizard_form.save()
        wizard.action_confirm()
        return wizard

    def _filter_domain(self, view_xmlid, name):
        """The domain of a filter of an inherited search view, as the web
        client would apply it."""
        arch = etree.fromstring(self.env.ref(view_xmlid).arch)
        (node,) = arch.xpath(f"//filter[@name='{name}']")
        return safe_eval(node.get("domain"))

    @users("rt_salesman")
    def test_mark_former_and_current_again(self):
        partner = self.alice.with_env(self.env)
        self._mark_former(partner, reason_id=self.reason)
        self.assertTrue(partner.is_former)
        self.assertEqual(partner.former_date, date.today())
        self.assertEqual(partner.former_user_id, self.salesman)
        self.assertEqual(partner.former_reason_id, self.reason)
        # Not archived: still found by a plain search and by name.
        self.assertTrue(partner.active)
        self.assertIn(partner, partner.search([("name", "ilike", "Alice Closing")]))

        partner.action_make_current()
        self.assertFalse(partner.is_former)
        self.assertFalse(partner.former_date)
        self.assertFalse(partner.former_user_id)
        self.assertFalse(partner.former_reason_id)

    def test_marking_again_keeps_the_first_date(self):
        self.alice.write({"is_former": True, "former_date": date(2020, 1, 31)})
        (self.alice | self.bob).write({"is_former": True})
        self.assertEqual(self.alice.former_date, date(2020, 1, 31))
        self.assertEqual(self.bob.former_date, date.today())

    def test_company_asks_for_its_contacts(self):
        wizard = self._mark_former(self.company)
        self.assertEqual(wizard.contact_ids, self.alice | self.bob)
        self.assertEqual(wizard.contact_count, 2)
        self.assertTrue(all((self.company | self.alice | self.bob).mapped("is_former")))
        self.assertEqual(
            set((self.company | self.alice | self.bob).mapped("is_former")), {True}
        )

    def test_company_without_its_contacts(self):
        self._mark_former(self.company, include_contacts=False)
        self.assertTrue(self.company.is_former)
        self.assertFalse(self.alice.is_former)
        self.assertFalse(self.bob.is_former)

    def test_wizard_without_partners(self):
        wizard = self.env["crm.retention.mark.former"].create({})
        with self.assertRaises(UserError):
            wizard.action_confirm()

    def test_many_partners_at_once(self):
        partners = self.env["res.partner"].create(
            [{"name": f"Bulk {i}"} for i in range(50)]
        )
        self._mark_former(partners, reason_id=self.reason)
        self.assertEqual(set(partners.mapped("is_former")), {True})
        self.assertEqual(
            partners.search_count(
                [("id", "in", partners.ids), ("is_former", "=", True)]
            ),
            50,
        )
        action = self.env.ref("crm_retention.res_partner_action_make_current")
        action.with_context(active_model="res.partner", active_ids=partners.ids).run()
        self.assertEqual(set(partners.mapped("is_former")), {False})

    def test_former_is_tracked(self):
        partner = (
            self.env["res.partner"]
            .with_context(tracking_disable=False, mail_notrack=False)
            .create({"name": "Tracked Ltd"})
        )
        # Odoo discards the tracking of records created in the transaction
        # until its pre-commit hooks run, as they do at commit.
        self.env.flush_all()
        self.env.cr.precommit.run()
        partner.write({"is_former": True, "former_reason_id": self.reason.id})
        self.env.flush_all()
        self.env.cr.precommit.run()
        tracked = partner.message_ids.tracking_value_ids.field_id.mapped("name")
        self.assertIn("is_former", tracked)
        self.assertIn("former_reason_id", tracked)

    def test_lead_filters_include_or_exclude_former(self):
        Lead = self.env["crm.lead"]
        lead_company = Lead.create(
            {"name": "Company deal", "partner_id": self.company.id}
        )
        lead_person = Lead.create({"name": "Person deal", "partner_id": self.alice.id})
        lead_none = Lead.create({"name": "Anonymous deal"})
        self.company.is_former = True  # Alice's company ended, not Alice
        deals = lead_company | lead_person | lead_none
        for view_xmlid in (
            "crm_retention.crm_lead_view_search_opportunities",
            "crm_retention.crm_lead_view_search_leads",
        ):
            former = Lead.search(
                [("id", "in", deals.ids)]
                + self._filter_domain(view_xmlid, "former_relations")
            )
            self.assertEqual(former, lead_company | lead_person)
            current = Lead.search(
                [("id", "in", deals.ids)]
                + self._filter_domain(view_xmlid, "current_relations")
            )
            self.assertEqual(current, lead_none)
        # Reports keep the former relations' leads.
        groups = Lead._read_group(
            [("id", "in", (lead_company | lead_person | lead_none).ids)],
            [],
            ["__count"],
        )
        self.assertEqual(groups[0][0], 3)
