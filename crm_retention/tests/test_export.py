# Copyright 2026 crm_retention contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Only Data Managers export CRM data; the other apps export as in Odoo.

The users below have Odoo's 'Access to export feature' group, as Odoo's
template of new users gives it: what they may not export is refused by
the addon's restriction alone."""

import json

from odoo import Command, http
from odoo.exceptions import AccessError
from odoo.tests import Form, HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from odoo.addons.mail.tools.discuss import Store

from .common import RetentionCase

NOTICE = "CRM Retention: who may export CRM data"


class TestExportScope(RetentionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.admin = cls.env.ref("base.user_admin")
        export = cls.env.ref("base.group_allow_export")
        (cls.salesman_all | cls.data_manager).write(
            {"groups_id": [Command.link(export.id)]}
        )
        cls.partner = cls.env["res.partner"].create(
            {"name": "Export Customer", "email": "export@example.com"}
        )
        cls.tag = cls.env["crm.tag"].create({"name": "Export Tag"})
        cls.category = cls.env["res.partner.category"].create(
            {"name": "Export Category", "partner_ids": [Command.link(cls.partner.id)]}
        )

    def _exports(self, records, fields, user=None):
        """Whether user (the salesperson by default) may export fields of
        records."""
        try:
            records.with_user(user or self.salesman_all).export_data(fields)
        except AccessError:
            return False
        return True

    def _add_models(self, *names):
        settings = Form(self.env["res.config.settings"].with_user(self.admin))
        settings.crm_retention_export_model_ids.clear()
        for name in names:
            settings.crm_retention_export_model_ids.add(self.env["ir.model"]._get(name))
        settings.save().execute()

    def test_restricted_models(self):
        """CRM data and the models the addon defines (not those it only
        extends, nor its abstract mixins)."""
        restricted = self.env["base"]._crm_retention_export_restricted_models()
        self.assertLessEqual(
            {
                "res.partner",
                "crm.lead",
                "mail.activity",
                "crm.retention.trait",
                "crm.retention.trait.assignment",
                "crm.retention.deletion.log",
                "crm.retention.dossier.report",
                "crm.retention.offboarding",
            },
            restricted,
        )
        self.assertFalse(
            {"crm.retention.assignment.mixin", "crm.tag", "crm.team", "res.users"}
            & restricted
        )

    def test_salesperson_exports_other_apps_only(self):
        trait = self.env["crm.retention.trait"].create(
            {"name": "Export Trait", "code": "export_trait"}
        )
        lead = self.env["crm.lead"].create({"name": "Export Deal"})
        activity = self.schedule(self.partner)
        for record in (self.partner, lead, activity, trait):
            with self.subTest(model=record._name):
                self.assertFalse(self._exports(record, ["id"]))
                self.assertTrue(self._exports(record, ["id"], self.data_manager))
                self.assertTrue(record.sudo().export_data(["id"])["datas"])
        for record in (self.tag, self.category, self.env.ref("base.be")):
            with self.subTest(model=record._name):
                self.assertTrue(self._exports(record, ["id", "name"]))

    def test_denial_names_the_data(self):
        with self.assertRaisesRegex(
            AccessError,
            'Only Data Managers can export "Contact" records. Ask a Data Manager.',
        ):
            self.partner.with_user(self.salesman_all).export_data(["name"])

    def test_fields_of_crm_data_through_a_relation(self):
        """A contact tag's contacts' emails are contact data; their names
        (the relation's own column) and identifiers are not refused."""
        self.assertFalse(self._exports(self.category, ["partner_ids/email"]))
        self.assertFalse(self._exports(self.category, ["partner_ids/user_id/name"]))
        for path in ("partner_ids", "partner_ids/id", "partner_ids/.id", "name"):
            with self.subTest(path=path):
                self.assertTrue(self._exports(self.category, [path]))
        self.assertTrue(
            self._exports(self.category, ["partner_ids/email"], self.data_manager)
        )

    def test_admin_adds_models(self):
        """The settings add models to the restriction (a system parameter);
        removing them gives their export back."""
        self._add_models("crm.tag", "res.partner.category")
        params = self.env["ir.config_parameter"]
        self.assertEqual(
            params.get_param("crm_retention.export_restricted_models"),
            "crm.tag,res.partner.category",
        )
        self.assertEqual(
            Form(
                self.env["res.config.settings"].with_user(self.admin)
            ).crm_retention_export_model_ids.ids,
            self.env["ir.model"]
            .search([("model", "in", ("crm.tag", "res.partner.category"))])
            .ids,
        )
        self.assertFalse(self._exports(self.tag, ["name"]))
        self.assertFalse(self._exports(self.category, ["name"]))
        self.assertTrue(self._exports(self.tag, ["name"], self.data_manager))
        self.assertTrue(self._exports(self.env.ref("base.be"), ["name"]))
        self._add_models()
        self.assertFalse(params.get_param("crm_retention.export_restricted_models"))
        self.assertTrue(self._exports(self.tag, ["name"]))

    def test_restriction_off(self):
        self.env["ir.config_parameter"].set_param(
            "crm_retention.restrict_export", "False"
        )
        self.assertTrue(self._exports(self.partner, ["name", "email"]))
        self.assertTrue(self._exports(self.category, ["partner_ids/email"]))

    def test_install_notified_the_administrators(self):
        """At install, the administrators got a notice in their inbox: what
        changed and where to change it."""
        admin_partner = self.admin.partner_id
        notices = self.env["mail.message"].search([("subject", "=", NOTICE)])
        self.assertTrue(notices, "no notice posted at install")
        self.assertIn(admin_partner, notices.notification_ids.res_partner_id)
        self.assertIn("Only Data Managers can export contacts", notices[0].body)
        self.assertIn("crm.crm_config_settings_action", notices[0].body)
        # The upgrade from a version that took Odoo's export right away
        # says it is not given back.
        self.env["res.users"]._crm_retention_notify_export_restriction(upgrade=True)
        notice = self.env["mail.message"].search(
            [("subject", "=", NOTICE)], order="id desc", limit=1
        )
        self.assertEqual(notice.author_id, self.env.ref("base.partner_root"))
        self.assertEqual(notice.message_type, "user_notification")
        self.assertIn("not given back automatically", notice.body)
        # In the inbox, even of an administrator notified by email (Odoo's
        # default).
        inbox = notice.notification_ids.filtered(
            lambda n: n.res_partner_id == admin_partner
        )
        self.assertEqual(inbox.notification_type, "inbox")
        # What Discuss's inbox fetches and formats for the administrator.
        inbox = (
            self.env["mail.message"]
            .with_user(self.admin)
            ._message_fetch([("needaction", "=", True)])["messages"]
        )
        self.assertIn(notice, inbox)
        data = Store(inbox, for_current_user=True, add_followers=True).get_result()
        self.assertIn(notice.id, [message["id"] for message in data["mail.message"]])


@tagged("post_install", "-at_install")
class TestExportHttp(HttpCase):
    """The web client's export routes, the /json route and the web
    client's Export menus."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.salesman = new_test_user(
            cls.env,
            login="rt_export_salesman",
            password="rt_export_salesman",
            groups="sales_team.group_sale_salesman,base.group_allow_export",
        )
        cls.manager = new_test_user(
            cls.env,
            login="rt_export_manager",
            password="rt_export_manager",
            groups="sales_team.group_sale_salesman_all_leads,base.group_allow_export,"
            "crm_retention.crm_retention_group_manager",
        )
        cls.partner = cls.env["res.partner"].create(
            {"name": "Export Tour Customer", "user_id": cls.salesman.id}
        )
        cls.tag = cls.env["crm.tag"].create({"name": "Export Tour Tag"})

    def _export(self, model, records, fmt="csv", groupby=None):
        params = {
            "model": model,
            "fields": [{"name": "name", "label": "Name"}],
            "ids": records.ids,
            "domain": [],
            "import_compat": False,
        }
        if groupby:
            params["groupby"] = groupby
        return self.url_open(
            f"/web/export/{fmt}",
            data={
                "data": json.dumps(params),
                "csrf_token": http.Request.csrf_token(self),
            },
        )

    def test_export_controllers(self):
        self.authenticate("rt_export_salesman", "rt_export_salesman")
        for fmt in ("csv", "xlsx"):
            for groupby in (None, ["user_id"]):
                with (
                    self.subTest(fmt=fmt, groupby=groupby),
                    mute_logger("odoo.addons.web.controllers.export", "odoo.http"),
                ):
                    response = self._export("res.partner", self.partner, fmt, groupby)
                    self.assertEqual(response.status_code, 500)
                    self.assertIn("Only Data Managers can export", response.text)
        response = self._export("crm.tag", self.tag)
        self.assertEqual(response.status_code, 200)
        self.assertIn("Export Tour Tag", response.text)
        self.authenticate("rt_export_manager", "rt_export_manager")
        response = self._export("res.partner", self.partner)
        self.assertEqual(response.status_code, 200)
        self.assertIn("Export Tour Customer", response.text)

    def test_json_route(self):
        """Odoo's /json route returns a view's records to users with the
        export right: it is an export, refused for the restricted models."""
        self.env["ir.config_parameter"].set_param("web.json.enabled", True)
        headers = {
            "Sec-Fetch-Dest": "document",
            "Sec-Fetch-Mode": "navigate",
            "Sec-Fetch-Site": "none",
            "Sec-Fetch-User": "?1",
        }
        self.authenticate("rt_export_salesman", "rt_export_salesman")
        with mute_logger("odoo.http"):
            response = self.url_open("/json/1/contacts?view_type=list", headers=headers)
        self.assertEqual(response.status_code, 403)
        self.assertIn("Only Data Managers can export", response.text)
        response = self.url_open(
            "/json/1/action-sales_team.sales_team_crm_tag_action?view_type=list",
            headers=headers,
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("Export Tour Tag", response.text)
        self.authenticate("rt_export_manager", "rt_export_manager")
        response = self.url_open("/json/1/contacts?view_type=list", headers=headers)
        self.assertEqual(response.status_code, 200)
        self.assertIn("Export Tour Customer", response.text)

    def test_session_tells_the_web_client(self):
        self.authenticate("rt_export_salesman", "rt_export_salesman")
        blocked = self.make_jsonrpc_request("/web/session/get_session_info")[
            "crm_retention_export_blocked_models"
        ]
        self.assertLessEqual({"res.partner", "crm.lead", "mail.activity"}, set(blocked))
        self.assertNotIn("crm.tag", blocked)
        self.authenticate("rt_export_manager", "rt_export_manager")
        self.assertEqual(
            self.make_jsonrpc_request("/web/session/get_session_info")[
                "crm_retention_export_blocked_models"
            ],
            [],
        )

    def test_export_menus_tour(self):
        """A salesperson with Odoo's export right: no Export on the
        contacts list, Export on the list of CRM tags."""
        self.start_tour(
            "/odoo/action-contacts.action_contacts?view_type=list",
            "crm_retention_export_hidden_tour",
            login="rt_export_salesman",
        )
        self.start_tour(
            "/odoo/action-sales_team.sales_team_crm_tag_action",
            "crm_retention_export_shown_tour",
            login="rt_export_salesman",
        )
