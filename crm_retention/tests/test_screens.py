# Copyright 2026 crm_retention contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The screens salespeople and Data Managers touch every day: views and
menus (arch checks), the activity history, the offboarding confirmation,
and two tours that walk them in the browser."""

import json

from lxml import etree

from odoo.exceptions import UserError
from odoo.tests import Form, HttpCase, new_test_user, tagged

from .common import RetentionCase


class TestScreens(RetentionCase):
    def arch(self, model, view_type, view=None, user=None):
        Model = self.env[model].with_user(user or self.env.user)
        views = Model.get_views([(view and self.env.ref(view).id, view_type)])
        return etree.fromstring(views["views"][view_type]["arch"])

    def test_contact_form_has_no_header_of_its_own(self):
        """The addon's rare actions are in the gear menu: the contact form
        has no button row; the list has no column of empty checkboxes."""
        form = self.arch("res.partner", "form", "base.view_partner_form")
        self.assertFalse(form.xpath("//header"))
        self.assertTrue(form.xpath("//field[@name='crm_retention_is_data_manager']"))
        column = self.arch("res.partner", "list", "base.view_partner_tree").xpath(
            "//field[@name='is_former']"
        )
        self.assertEqual(column[0].get("optional"), "hide")
        Partner = self.env["res.partner"]
        self.assertTrue(
            Partner.with_user(self.data_manager).new().crm_retention_is_data_manager
        )
        self.assertFalse(
            Partner.with_user(self.salesman).new().crm_retention_is_data_manager
        )

    def test_actions_offered_where_they_apply(self):
        """Mark as Former and Make Current Again are no longer bound to
        every contact (the gear menu offers each where it applies); Merge
        is offered only to the Data Managers, who alone may merge."""
        for xmlid in (
            "crm_retention.crm_retention_mark_former_action",
            "crm_retention.res_partner_action_make_current",
        ):
            self.assertFalse(self.env.ref(xmlid).binding_model_id, xmlid)

        def bound(user):
            toolbar = (
                self.env["res.partner"]
                .with_user(user)
                .get_views([(False, "list")], {"toolbar": True})["views"]["list"]
            )
            return {action["name"] for action in toolbar["toolbar"]["action"]}

        self.assertNotIn("Merge", bound(self.salesman))
        self.assertIn("Merge", bound(self.data_manager))

    def test_menus_under_retention_headings(self):
        Menu = self.env["ir.ui.menu"].with_context(**{"ir.ui.menu.full_list": True})
        config = Menu.browse(self.env.ref("crm_retention.crm_retention_config_menu").id)
        report = Menu.browse(self.env.ref("crm_retention.crm_retention_report_menu").id)
        self.assertEqual(config.parent_id, self.env.ref("crm.crm_menu_config"))
        self.assertEqual(report.parent_id, self.env.ref("crm.crm_menu_report"))
        self.assertEqual(
            set(config.child_id.mapped("name")),
            {
                "Former Reasons",
                "Recycle Bin",
                "Deletion Requests",
                "Erasures",
                "CRM Traits",
                "Dossier Actions",
                "Offboard a User",
                "Offboardings",
            },
        )
        self.assertEqual(
            report.child_id.mapped("name"),
            ["Traits & Actions", "Work of Inactive Users"],
        )
        addon_menus = Menu.search(
            [
                (
                    "parent_id",
                    "in",
                    [
                        self.env.ref("crm.crm_menu_config").id,
                        self.env.ref("crm.crm_menu_report").id,
                    ],
                )
            ]
        ).filtered(
            lambda menu: menu.get_external_id()[menu.id].startswith("crm_retention.")
        )
        self.assertEqual(addon_menus, config | report)

    def test_reports_group_by_name_and_lists_explain_when_empty(self):
        pivot = self.arch("crm.retention.dossier.report", "pivot")
        self.assertEqual(pivot.xpath("//field[@type='col']/@name"), ["name"])
        graph = self.arch("crm.retention.dossier.report", "graph")
        self.assertEqual(graph.xpath("//field/@name"), ["name"])
        trait = self.env["crm.retention.trait"].create(
            {"name": "Newsletter", "code": "nl"}
        )
        partner = self.env["res.partner"].create({"name": "Reader"})
        partner._crm_retention_apply_definitions("trait", "add", trait)
        groups = self.env["crm.retention.dossier.report"]._read_group(
            [("partner_id", "=", partner.id)], ["name"], ["__count"]
        )
        self.assertEqual(groups, [("Newsletter", 1)])
        filters = self.env["ir.filters"].search(
            [
                (
                    "action_id",
                    "=",
                    self.env.ref(
                        "crm_retention.crm_retention_dossier_report_action"
                    ).id,
                )
            ]
        )
        self.assertEqual(len(filters), 3)
        for xmlid in (
            "crm_retention_trait_action",
            "crm_retention_dossier_action_action",
            "crm_retention_former_reason_action",
            "crm_retention_dossier_report_action",
        ):
            help_html = self.env.ref(f"crm_retention.{xmlid}").help or ""
            self.assertIn("o_view_nocontent", help_html, xmlid)

    def test_company_history_includes_contacts_and_opportunities(self):
        """A company's Activity History counts and lists the done
        activities of its contacts and of their opportunities; a line opens
        a read-only history form, not the 'Log an Activity' popup."""
        company = self.env["res.partner"].create(
            {"name": "Hist Co", "is_company": True}
        )
        person = self.env["res.partner"].create(
            {"name": "Hist Person", "parent_id": company.id}
        )
        lead = self.env["crm.lead"].create(
            {"name": "Hist deal", "partner_id": person.id}
        )
        for record in (company, person, lead):
            self.schedule(
                record, summary=f"Done on {record.display_name}"
            ).action_feedback(feedback="ok")
        self.schedule(person)  # planned: not history
        self.assertEqual(company.activity_history_count, 3)
        self.assertEqual(person.activity_history_count, 2)
        self.assertEqual(lead.activity_history_count, 1)
        action = company.action_view_activity_history()
        activities = (
            self.env["mail.activity"]
            .with_context(active_test=False)
            .search(action["domain"])
        )
        self.assertEqual(
            set(activities.mapped("res_name")),
            {"Hist Co", "Hist Co, Hist Person", "Hist deal"},
        )
        views = {mode: view for view, mode in action["views"]}
        history_list = etree.fromstring(
            self.env["mail.activity"].get_views([(views["list"], "list")])["views"][
                "list"
            ]["arch"]
        )
        # 'Closed On' is not cut to 'Closed Or'.
        self.assertEqual(
            history_list.xpath("//field[@name='date_done']/@width"), ["110px"]
        )
        self.assertTrue(history_list.xpath("//field[@name='res_name']"))
        form_view = views["form"]
        self.assertEqual(
            form_view, self.env.ref("crm_retention.mail_activity_view_form_history").id
        )
        form = etree.fromstring(
            self.env["mail.activity"].get_views([(form_view, "form")])["views"]["form"][
                "arch"
            ]
        )
        self.assertEqual(form.get("edit"), "0")
        for fname in (
            "activity_type_id",
            "summary",
            "note",
            "feedback",
            "history_state",
            "date_done",
            "closed_by_id",
            "res_name",
        ):
            self.assertTrue(form.xpath(f"//field[@name='{fname}']"), fname)

    def test_offboarding_confirmation_in_words(self):
        """The wizard names the user, the numbers and the new owner before
        confirming; without a new owner it refuses, before anything
        changes."""
        leaver = new_test_user(
            self.env,
            login="rt_scr_leaver",
            name="Leaving Lou",
            groups="sales_team.group_sale_salesman",
        )
        self.env["crm.lead"].create(
            [
                {"name": f"Lou deal {i}", "type": "opportunity", "user_id": leaver.id}
                for i in range(2)
            ]
        )
        self.env["res.partner"].create({"name": "Lou's customer", "user_id": leaver.id})
        wizard_form = Form(
            self.env["crm.retention.offboard.user"].with_user(self.data_manager)
        )
        wizard_form.user_id = leaver
        # Required in the form once something is to be handed over...
        self.assertEqual(wizard_form.handover_count, 2)
        with self.assertRaisesRegex(
            AssertionError, "target_user_id is a required field"
        ):
            wizard_form.save()
        # ... and checked by the server before the confirmation.
        wizard = (
            self.env["crm.retention.offboard.user"]
            .with_user(self.data_manager)
            .create({"user_id": leaver.id})
        )
        with self.assertRaisesRegex(
            UserError,
            "Choose the new owner: Leaving Lou owns 2 opportunities and 1 customer",
        ):
            wizard.action_review()
        self.assertTrue(leaver.active)
        wizard.target_user_id = self.salesman
        action = wizard.action_review()
        self.assertEqual(
            action["views"][0][0],
            self.env.ref("crm_retention.crm_retention_offboard_user_view_confirm").id,
        )
        self.assertEqual(
            wizard.confirm_text,
            "Deactivate Leaving Lou and hand over 2 opportunities and 1 customer "
            "to Sally Salesman?",
        )
        self.assertTrue(leaver.active)


@tagged("post_install", "-at_install")
class TestScreensUi(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager = new_test_user(
            cls.env,
            login="rt_scr_manager",
            password="rt_scr_manager",
            name="Screen Manager",
            groups="sales_team.group_sale_salesman_all_leads,"
            "crm_retention.crm_retention_group_manager,base.group_partner_manager",
        )
        cls.salesman = new_test_user(
            cls.env,
            login="rt_scr_salesman",
            password="rt_scr_salesman",
            name="Screen Salesman",
            groups="sales_team.group_sale_salesman",
        )

    def setUp(self):
        super().setUp()
        # A company with history (built per test: the tours change it).
        self.company = self.env["res.partner"].create(
            {"name": "Azure Screens", "is_company": True}
        )
        self.env["crm.lead"].create(
            [
                {
                    "name": f"Screens deal {i}",
                    "type": "opportunity",
                    "partner_id": self.company.id,
                }
                for i in range(2)
            ]
        )
        for body in ("Called", "Met"):
            self.company.message_post(
                body=body, message_type="comment", subtype_xmlid="mail.mt_note"
            )
        self.company.activity_schedule(
            "mail.mail_activity_data_todo",
            summary="Discussed the renewal",
            user_id=self.salesman.id,
        ).action_feedback(feedback="Not renewing")

    def test_refused_deletion_is_a_warning_not_a_server_error(self):
        """Deleting a contact with history through the web client's RPC
        logs a warning without traceback, as Odoo does for every user
        error, not an ERROR."""
        self.authenticate("rt_scr_manager", "rt_scr_manager")
        with self.assertLogs("odoo.http", "WARNING") as logs:
            response = self.url_open(
                "/web/dataset/call_kw/res.partner/unlink",
                data=json.dumps(
                    {
                        "jsonrpc": "2.0",
                        "method": "call",
                        "params": {
                            "model": "res.partner",
                            "method": "unlink",
                            "args": [self.company.ids],
                            "kwargs": {},
                        },
                    }
                ),
                headers={"Content-Type": "application/json"},
            )
        error = response.json()["error"]["data"]
        self.assertEqual(
            error["name"],
            "odoo.addons.crm_retention.models.history_guard.HistoryGuardError",
        )
        self.assertEqual([record.levelname for record in logs.records], ["WARNING"])
        self.assertIsNone(logs.records[0].exc_info)
        self.env.invalidate_all()
        self.assertTrue(self.company.exists())

    def test_screens_manager_tour(self):
        """A Data Manager: marking an activity done in the chatter updates
        the history counter at once; the gear menu offers what applies, the
        refused deletion offers the ways out as buttons, Mark as Former from
        there, then the activity history opens a read-only form."""
        self.company.activity_schedule(
            "mail.mail_activity_data_todo",
            summary="Send the offer",
            user_id=self.manager.id,
        )
        self.start_tour(
            f"/odoo/contacts/{self.company.id}",
            "crm_retention_screens_manager_tour",
            login="rt_scr_manager",
        )
        self.assertTrue(self.company.is_former)

    def test_screens_salesperson_tour(self):
        """A salesperson: no Former column, no Merge, Request Deletion but
        no Move History; the CRM tab with a current and an ended trait."""
        vip = self.env["crm.retention.trait"].create({"name": "VIP", "code": "vip"})
        newsletter = self.env.ref("crm_retention.crm_retention_trait_newsletter")
        self.company._crm_retention_apply_definitions("trait", "add", vip | newsletter)
        self.company._crm_retention_apply_definitions(
            "trait", "remove", newsletter, note="Moved abroad"
        )
        self.start_tour(
            "/odoo/contacts?view_type=list",
            "crm_retention_screens_salesperson_tour",
            login="rt_scr_salesman",
        )


class TestScreensSettings(RetentionCase):
    def test_sensitive_fields_offered_are_those_people_type(self):
        """The settings offer Email, Phone, Street..., not their computed
        variants (they come along, listed) nor Odoo's bookkeeping; a link
        lists the Data Managers."""
        offered = self.env["ir.model.fields"].browse(
            self.env["ir.model.fields"]._crm_retention_markable_ids()
        )
        names = {(field.model, field.name) for field in offered}
        for name in ("email", "phone", "mobile", "street", "city", "vat"):
            self.assertIn(("res.partner", name), names)
        self.assertIn(("crm.lead", "email_from"), names)
        for name in (
            "email_normalized",
            "email_formatted",
            "phone_sanitized",
            "create_date",
            "write_uid",
            "message_ids",
        ):
            self.assertNotIn(("res.partner", name), names)
        admin = self.env.ref("base.user_admin")
        settings = self.env["res.config.settings"].with_user(admin).create({})
        action = settings.action_crm_retention_open_data_managers()
        self.assertEqual(
            self.env["res.users"].search(action["domain"]),
            self.env.ref("crm_retention.crm_retention_group_manager").users,
        )
        self.assertIn(self.data_manager, self.env["res.users"].search(action["domain"]))
