# Copyright 2026 crm_retention contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, timedelta

from lxml import etree

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, users
from odoo.tools.safe_eval import safe_eval

from .traits_common import TraitCase


class TestTraitDefinitions(TraitCase):
    def test_definition_in_use_cannot_be_deleted(self):
        """The error counts the uses (ended ones too) and suggests archiving;
        archiving works and keeps the history."""
        self.TraitAssignment.create(
            [
                {"partner_id": self.alice.id, "trait_id": self.vip.id},
                {"partner_id": self.bob.id, "trait_id": self.vip.id},
            ]
        )
        self.lone._crm_retention_apply_definitions("trait", "add", self.vip)
        self.lone._crm_retention_apply_definitions("trait", "remove", self.vip)
        with self.assertRaisesRegex(UserError, r"used by 3 assignments.*Archive"):
            self.vip.with_user(self.data_manager).unlink()
        self.assertTrue(self.vip.exists())
        self.assertEqual(self.vip.assignment_count, 2)
        self.vip.with_user(self.data_manager).action_archive()
        self.assertFalse(self.vip.active)
        self.assertEqual(
            len(self.assignments(self.TraitAssignment._name, trait_id=self.vip)), 3
        )

    def test_dossier_action_in_use_cannot_be_deleted(self):
        self.ActionAssignment.create(
            {"partner_id": self.alice.id, "dossier_action_id": self.audit.id}
        )
        with self.assertRaisesRegex(UserError, "used by 1 assignments"):
            self.audit.with_user(self.data_manager).unlink()
        self.promo.with_user(self.data_manager).unlink()
        self.assertFalse(self.promo.exists())

    def test_only_data_managers_manage_definitions(self):
        for user in (self.salesman, self.sales_admin):
            with self.assertRaises(AccessError):
                self.env["crm.retention.trait"].with_user(user).create(
                    {"name": "X", "code": "x"}
                )
            with self.assertRaises(AccessError):
                self.vip.with_user(user).write({"name": "Changed"})
            with self.assertRaises(AccessError):
                self.promo.with_user(user).unlink()
            # They read them, to pick them on the contacts.
            self.assertEqual(self.vip.with_user(user).name, "VIP")
        self.assertEqual(self.vip.name, "VIP")
        self.assertTrue(self.promo.exists())
        with Form(
            self.env["crm.retention.dossier.action"].with_user(self.data_manager)
        ) as form:
            form.name = "Renewal call"
            form.code = "renewal"
        self.assertEqual(form.record.code, "renewal")


class TestTraitAssignments(TraitCase):
    @users("rt_salesman")
    def test_salesperson_adds_and_removes_on_the_tab(self):
        """Adding records who and when; removing ends the assignment and keeps
        who removed it and when."""
        alice = self.alice.with_env(self.env)
        action = alice.action_crm_retention_add_traits()
        wizard_form = Form(
            self.env[action["res_model"]].with_context(**action["context"])
        )
        wizard_form.trait_ids.add(self.newsletter)
        wizard_form.save().action_confirm()
        assignment = alice.crm_retention_trait_assignment_ids
        self.assertEqual(assignment.trait_id, self.newsletter)
        self.assertEqual(assignment.added_user_id, self.salesman)
        self.assertTrue(assignment.added_date)
        self.assertEqual(alice.crm_retention_trait_ids, self.newsletter)

        assignment.action_crm_retention_remove()
        self.assertFalse(alice.crm_retention_trait_assignment_ids)
        self.assertFalse(alice.crm_retention_trait_ids)
        ended = self.traits_of(self.alice, current=False)
        self.assertEqual(ended, assignment)
        self.assertEqual(ended.removed_user_id, self.salesman)
        self.assertEqual(ended.removal_reason, "manual")
        self.assertTrue(ended.removed_date)

    @users("rt_salesman")
    def test_dossier_action_shown_on_every_person_stored_once(self):
        alice = self.alice.with_env(self.env)
        alice._crm_retention_apply_definitions("dossier_action", "add", self.audit)
        assignment = self.assignments(
            self.ActionAssignment._name, dossier_action_id=self.audit
        )
        self.assertEqual(assignment.partner_id, self.company)
        for partner in (self.company, self.alice, self.bob):
            partner = partner.with_env(self.env)
            self.assertEqual(partner.crm_retention_dossier_assignment_ids, assignment)
            self.assertEqual(partner.crm_retention_dossier_action_ids, self.audit)
        self.assertFalse(self.lone.with_env(self.env).crm_retention_dossier_action_ids)
        # Adding it again from another person does not duplicate it.
        self.bob.with_env(self.env)._crm_retention_apply_definitions(
            "dossier_action", "add", self.audit
        )
        self.assertEqual(
            len(
                self.assignments(
                    self.ActionAssignment._name, dossier_action_id=self.audit
                )
            ),
            1,
        )
        # Removed from Bob's tab: ended for the whole dossier.
        self.bob.with_env(
            self.env
        ).crm_retention_dossier_assignment_ids.action_crm_retention_remove()
        self.assertFalse(self.alice.with_env(self.env).crm_retention_dossier_action_ids)
        self.assertFalse(assignment.active)
        self.assertEqual(assignment.removed_user_id, self.salesman)

    def test_removal_ends_duplicates_across_the_dossier(self):
        # Duplicates (imports, concurrent additions) on several persons.
        dupes = self.TraitAssignment.create(
            [
                {"partner_id": partner.id, "trait_id": self.newsletter.id}
                for partner in (self.alice, self.alice, self.bob, self.company)
            ]
        )
        other_trait = self.TraitAssignment.create(
            {"partner_id": self.bob.id, "trait_id": self.vip.id}
        )
        outside = self.TraitAssignment.create(
            {"partner_id": self.lone.id, "trait_id": self.newsletter.id}
        )
        count = self.alice.with_user(self.salesman)._crm_retention_apply_definitions(
            "trait", "remove", self.newsletter, scope="dossier"
        )
        self.assertEqual(count, 4)
        self.assertFalse(any(dupes.mapped("active")))
        self.assertEqual(set(dupes.mapped("removed_user_id")), {self.salesman})
        self.assertTrue(other_trait.active)
        self.assertTrue(outside.active)
        # Person scope: only that person, all duplicates.
        self.TraitAssignment.create(
            [
                {"partner_id": p.id, "trait_id": self.vip.id}
                for p in (self.alice, self.alice)
            ]
        )
        self.alice._crm_retention_apply_definitions("trait", "remove", self.vip)
        self.assertFalse(self.alice.crm_retention_trait_ids)
        self.assertEqual(self.bob.crm_retention_trait_ids, self.vip)

    def test_salesperson_cannot_really_delete(self):
        assignment = self.TraitAssignment.create(
            {"partner_id": self.alice.id, "trait_id": self.vip.id}
        )
        action = self.ActionAssignment.create(
            {"partner_id": self.alice.id, "dossier_action_id": self.audit.id}
        )
        for user in (self.salesman, self.sales_admin):
            for record in (assignment, action):
                with self.assertRaises(AccessError):
                    record.with_user(user).unlink()
        self.assertTrue(assignment.exists() and action.exists())
        # The code-level rule holds even if an access rule reopened it.
        self.env["ir.model.access"].create(
            {
                "name": "reopened",
                "model_id": self.env["ir.model"]._get_id(self.TraitAssignment._name),
                "group_id": self.env.ref("base.group_user").id,
                "perm_read": True,
                "perm_unlink": True,
            }
        )
        with self.assertRaisesRegex(AccessError, "Only Data Managers"):
            assignment.with_user(self.salesman).unlink()
        self.assertTrue(assignment.exists())
        assignment.with_user(self.data_manager).unlink()
        action.with_user(self.data_manager).unlink()
        self.assertFalse(assignment.exists() or action.exists())

    def test_history_is_not_rewritten_by_hand(self):
        """Salespeople change the end date, not the history; Data Managers
        may correct it."""
        assignment = self.TraitAssignment.create(
            {"partner_id": self.alice.id, "trait_id": self.vip.id}
        )
        as_salesman = assignment.with_user(self.salesman)
        for vals in (
            {"active": False},
            {"removed_date": "2020-01-01 00:00:00"},
            {"added_user_id": self.salesman.id},
            {"partner_id": self.bob.id},
            {"trait_id": self.newsletter.id},
        ):
            with self.assertRaisesRegex(UserError, "not changed by hand"):
                as_salesman.write(vals)
        with self.assertRaisesRegex(UserError, "not changed by hand"):
            self.TraitAssignment.with_user(self.salesman).create(
                {"partner_id": self.bob.id, "trait_id": self.vip.id, "active": False}
            )
        self.assertTrue(assignment.active)
        self.assertEqual(assignment.partner_id, self.alice)
        self.assertEqual(assignment.trait_id, self.vip)
        self.assertFalse(assignment.removed_date)
        self.assertFalse(self.bob.crm_retention_trait_ids)
        as_salesman.date_end = date(2031, 1, 1)
        self.assertEqual(assignment.date_end, date(2031, 1, 1))
        assignment.with_user(self.data_manager).write({"trait_id": self.newsletter.id})
        self.assertEqual(assignment.trait_id, self.newsletter)

    def test_salesperson_needs_write_access_on_the_partner(self):
        """No write right on the contact, no assignment: nothing changes."""
        reader = self.env["res.users"].create(
            {
                "name": "Read Only",
                "login": "rt_trait_reader",
                "groups_id": [fields.Command.set([self.env.ref("base.group_user").id])],
            }
        )
        with self.assertRaises(AccessError):
            self.alice.with_user(reader)._crm_retention_apply_definitions(
                "trait", "add", self.vip
            )
        self.TraitAssignment.create(
            {"partner_id": self.alice.id, "trait_id": self.vip.id}
        )
        with self.assertRaises(AccessError):
            self.alice.with_user(reader)._crm_retention_apply_definitions(
                "trait", "remove", self.vip
            )
        self.assertEqual(self.alice.crm_retention_trait_ids, self.vip)

    def test_end_date_cron(self):
        today = fields.Date.context_today(self.TraitAssignment)
        expired, last_day, later = self.TraitAssignment.create(
            [
                {
                    "partner_id": self.alice.id,
                    "trait_id": self.newsletter.id,
                    "date_end": today - timedelta(days=1),
                },
                {
                    "partner_id": self.bob.id,
                    "trait_id": self.newsletter.id,
                    "date_end": today,
                },
                {
                    "partner_id": self.lone.id,
                    "trait_id": self.newsletter.id,
                    "date_end": today + timedelta(days=700),
                },
            ]
        )
        no_end = self.TraitAssignment.create(
            {"partner_id": self.company.id, "trait_id": self.vip.id}
        )
        action = self.ActionAssignment.create(
            {
                "partner_id": self.alice.id,
                "dossier_action_id": self.audit.id,
                "date_end": date(2000, 1, 1),
            }
        )
        cron = self.env.ref("crm_retention.crm_retention_assignment_cron_end_expired")
        cron.method_direct_trigger()
        self.assertFalse(expired.active)
        self.assertEqual(expired.removal_reason, "expired")
        self.assertTrue(expired.removed_date)
        self.assertTrue(last_day.active and later.active and no_end.active)
        self.assertFalse(action.active)
        self.assertFalse(self.alice.crm_retention_trait_ids)

    def test_wizard_on_many_partners(self):
        """The list action adds and removes on the selected contacts."""
        partners = self.alice | self.lone
        wizard_form = Form(
            self.env["crm.retention.trait.wizard"]
            .with_user(self.salesman)
            .with_context(active_model="res.partner", active_ids=partners.ids)
        )
        wizard_form.trait_ids.add(self.vip)
        wizard_form.date_end = date(2030, 1, 1)
        wizard_form.save().action_confirm()
        self.assertEqual(self.alice.crm_retention_trait_ids, self.vip)
        self.assertEqual(
            self.lone.crm_retention_trait_assignment_ids.date_end, date(2030, 1, 1)
        )
        self.assertFalse(self.bob.crm_retention_trait_ids)
        wizard_form = Form(
            self.env["crm.retention.trait.wizard"]
            .with_user(self.salesman)
            .with_context(active_model="res.partner", active_ids=partners.ids)
        )
        wizard_form.operation = "remove"
        wizard = wizard_form.save()
        with self.assertRaisesRegex(UserError, "Choose at least one"):
            wizard.action_confirm()
        self.assertEqual(self.lone.crm_retention_trait_ids, self.vip)
        wizard.trait_ids = self.vip
        wizard.action_confirm()
        self.assertFalse((self.alice | self.lone).crm_retention_trait_ids)

    def _add_audit_queries(self, count):
        companies = self.env["res.partner"].create(
            [{"name": f"Q{count} Co {i}", "is_company": True} for i in range(count)]
        )
        persons = self.env["res.partner"].create(
            [
                {"name": f"Q{count} P {i}", "parent_id": c.id}
                for i, c in enumerate(companies)
            ]
        )
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        persons._crm_retention_apply_definitions("dossier_action", "add", self.audit)
        self.env.flush_all()
        queries = self.env.cr.sql_log_count - before
        self.assertEqual(companies.crm_retention_dossier_action_ids, self.audit)
        return queries

    def test_adding_dossier_actions_query_count_does_not_grow(self):
        """Adding a dossier action to persons of many companies: stored on
        each company, without a query per person (10 vs 90, within the ORM's
        100-row chunks)."""
        self._add_audit_queries(3)
        self.assertEqual(self._add_audit_queries(10), self._add_audit_queries(90))


class TestTraitSearch(TraitCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.alice._crm_retention_apply_definitions("trait", "add", cls.newsletter)
        cls.bob._crm_retention_apply_definitions(
            "trait", "add", cls.newsletter | cls.vip
        )
        cls.bob._crm_retention_apply_definitions("trait", "remove", cls.newsletter)
        cls.company._crm_retention_apply_definitions("dossier_action", "add", cls.audit)

    def search_ids(self, domain):
        family = self.company | self.alice | self.bob | self.lone
        return self.env["res.partner"].search([("id", "in", family.ids)] + domain)

    @users("rt_salesman")
    def test_search_traits(self):
        self.assertEqual(
            self.search_ids([("crm_retention_trait_ids", "in", self.newsletter.ids)]),
            self.alice,
        )
        self.assertEqual(
            self.search_ids([("crm_retention_trait_ids", "=", self.vip.id)]), self.bob
        )
        self.assertEqual(
            self.search_ids([("crm_retention_trait_ids.code", "=", "newsletter")]),
            self.alice,
        )
        self.assertEqual(
            self.search_ids([("crm_retention_trait_ids", "ilike", "newsl")]), self.alice
        )
        self.assertEqual(
            self.search_ids(
                [("crm_retention_trait_ids", "not in", self.newsletter.ids)]
            ),
            self.company | self.bob | self.lone,
        )
        self.assertEqual(
            self.search_ids([("crm_retention_trait_ids", "!=", False)]),
            self.alice | self.bob,
        )
        self.assertEqual(
            self.search_ids([("crm_retention_trait_ids", "=", False)]),
            self.company | self.lone,
        )

    @users("rt_salesman")
    def test_search_dossier_actions(self):
        dossier = self.company | self.alice | self.bob
        self.assertEqual(
            self.search_ids(
                [("crm_retention_dossier_action_ids", "in", self.audit.ids)]
            ),
            dossier,
        )
        self.assertEqual(
            self.search_ids([("crm_retention_dossier_action_ids.code", "=", "audit")]),
            dossier,
        )
        self.assertEqual(
            self.search_ids([("crm_retention_dossier_action_ids", "=", False)]),
            self.lone,
        )
        self.assertEqual(
            self.search_ids(
                [("crm_retention_dossier_action_ids", "not in", self.audit.ids)]
            ),
            self.lone,
        )
        self.assertFalse(
            self.search_ids([("crm_retention_dossier_action_ids", "=", self.promo.id)])
        )

    def test_search_view_filters_and_export(self):
        """The filters of the contacts' search view work, and the fields export."""
        partners = self.search_ids([("crm_retention_trait_ids", "!=", False)])
        exported = partners.export_data(["name", "crm_retention_trait_ids"])["datas"]
        self.assertEqual(
            sorted(exported),
            [["Alice Trait", "Wants the newsletter"], ["Bob Trait", "VIP"]],
        )
        view = self.env.ref("crm_retention.res_partner_view_search")
        self.assertIn("with_crm_traits", view.arch)
        (with_traits,) = etree.fromstring(view.arch).xpath(
            "//filter[@name='with_crm_traits']"
        )
        self.assertEqual(
            self.search_ids(safe_eval(with_traits.get("domain"))), partners
        )
        report = self.env["crm.retention.dossier.report"].search(
            [("dossier_id", "=", self.company.id)]
        )
        self.assertEqual(
            sorted(report.mapped(lambda line: (line.kind, line.code, line.is_current))),
            [
                ("dossier_action", "audit", True),
                ("trait", "newsletter", False),
                ("trait", "newsletter", True),
                ("trait", "vip", True),
            ],
        )


class TestTraitReports(TraitCase):
    @users("rt_salesman")
    def test_reports_open_for_salespeople(self):
        """The four reports load (pivot/graph use read_group) for a salesperson."""
        self.alice._crm_retention_apply_definitions("trait", "add", self.vip)
        self.company._crm_retention_apply_definitions("trait", "add", self.newsletter)
        self.alice._crm_retention_apply_definitions("dossier_action", "add", self.audit)
        for xmlid, expected, shown in (
            ("crm_retention_dossier_action_assignment_action_report", 1, 1),
            ("crm_retention_trait_assignment_action_report_persons", 1, 1),
            # The company's newsletter trait and its audit action.
            ("crm_retention_dossier_report_action_organisations", 3, 2),
            ("crm_retention_dossier_report_action_overview", 3, 3),
        ):
            action = self.env["ir.actions.act_window"]._for_xml_id(
                f"crm_retention.{xmlid}"
            )
            Model = self.env[action["res_model"]]
            domain = [("partner_id.commercial_partner_id", "=", self.company.id)]
            if action.get("domain"):
                domain += safe_eval(action["domain"])
            groups = Model._read_group(domain, ["partner_id"], ["__count"])
            self.assertEqual(sum(count for _partner, count in groups), expected, xmlid)
            # With the filters the report opens with (search defaults).
            shown_domain = domain + self._default_filters_domain(action)
            groups = Model._read_group(shown_domain, ["partner_id"], ["__count"])
            self.assertEqual(sum(count for _partner, count in groups), shown, xmlid)

    def _default_filters_domain(self, action):
        """The domain of the filters an action's search view starts with."""
        context = safe_eval(action.get("context") or "{}")
        search_view = action.get("search_view_id")
        arch = self.env[action["res_model"]].get_views(
            [(search_view and search_view[0], "search")]
        )["views"]["search"]["arch"]
        domain = []
        for node in etree.fromstring(arch).xpath("//filter[@domain]"):
            if context.get(f"search_default_{node.get('name')}"):
                domain += safe_eval(node.get("domain"), {"context_today": date.today})
        return domain
