# Copyright 2026 crm_retention contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Sensitive fields, as an inside attacker tries them: an administrator
marks the contact's Email and Phone; a plain salesperson then tries every
route to those values, and goes through their day without an error."""

from xmlrpc.client import Fault

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import Form, HttpCase, new_test_user, tagged

from odoo.addons.mail.tools.discuss import Store

from .common import RetentionCase

EMAIL = "anna.vrolijk@secret-test.example"
PHONE = "+46 8 123 987 65"
# What every form of the values contains (normalized, sanitized, formatted).
MARKERS = ("vrolijk", "123 987 65", "12398765")
# The fields that carry the values, and must be hidden with them.
DERIVED = {
    "res.partner": [
        "email",
        "email_normalized",
        "email_formatted",
        "phone",
        "phone_sanitized",
        "phone_mobile_search",
    ],
    "crm.lead": ["email_from", "email_normalized", "phone", "phone_sanitized"],
    "mail.followers": ["email"],
}
# res.users shows a user their own email and phone (Odoo's self-readable
# fields): another user's are hidden.
USER_DERIVED = ["email", "phone", "email_normalized", "email_formatted"]


def mark_email_and_phone(case):
    """The administrator marks the contact's Email and Phone (for the class)."""
    IrModelFields = case.env["ir.model.fields"]
    fields = IrModelFields.search(
        [("model", "=", "res.partner"), ("name", "in", ("email", "phone"))]
    )
    IrModelFields.with_user(
        case.env.ref("base.user_admin")
    )._crm_retention_set_sensitive_fields(fields)
    # The registry's field objects outlive the test transaction.
    case.addClassCleanup(IrModelFields._crm_retention_apply_sensitive_fields, ())


def readable_fields(Model):
    """The fields of Model its user may read (relations to models they may
    read), binaries left out."""
    env = Model.env
    return [
        name
        for name, field in Model._fields.items()
        if field.type not in ("binary", "image")
        and field.is_accessible(env)
        and (field.store or field.type in ("char", "text", "html"))
        and (not field.relational or env[field.comodel_name].has_access("read"))
    ]


def leaks(value):
    text = str(value).lower()
    return any(marker.lower() in text for marker in MARKERS)


@tagged("post_install", "-at_install")
class TestSensitiveValues(RetentionCase):
    """What a salesperson tries, once Email and Phone are sensitive."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        mark_email_and_phone(cls)
        cls.customer = cls.env["res.partner"].create(
            {"name": "Anna Customer", "email": EMAIL, "phone": PHONE}
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
        cls.opportunity.message_subscribe(partner_ids=cls.customer.ids)
        # A portal user of the customer: res.users mirrors the contact.
        cls.portal = new_test_user(
            cls.env,
            login="anna_portal",
            name="Anna Customer",
            email=EMAIL,
            groups="base.group_portal",
            partner_id=cls.customer.id,
        )

    def test_every_copy_of_the_values_is_hidden(self):
        """The salesperson looks for the fields that copy the values: the
        normalized and formatted forms, the opportunity's email and phone,
        the user's and the follower's email. None is offered; the Data
        Manager sees them all."""
        for model, fnames in DERIVED.items():
            offered = self.env[model].with_user(self.salesman).fields_get()
            for fname in fnames:
                with self.subTest(model=model, field=fname):
                    self.assertNotIn(fname, offered)
                    self.assertIn(
                        fname,
                        self.env[model].with_user(self.data_manager).fields_get(),
                    )
        portal = self.portal.with_user(self.salesman)
        for fname in USER_DERIVED:
            with self.subTest(model="res.users", field=fname):
                with self.assertRaises(AccessError):
                    portal.read([fname])
                self.assertTrue(portal.with_user(self.data_manager).read([fname]))

    def test_screens_keep_no_reference_to_hidden_fields(self):
        """The salesperson's forms, lists and kanbans leave out the hidden
        fields and every expression that used them (a context passing the
        lead's email, a kanban card testing the phone), so that the web
        client neither asks for them nor fails on them."""
        for model, views in (
            ("res.partner", ["form", "list", "kanban", "search"]),
            ("crm.lead", ["form", "list", "kanban", "search"]),
        ):
            Model = self.env[model].with_user(self.salesman)
            result = Model.get_views([(False, view) for view in views])
            for view in views:
                arch = result["views"][view]["arch"]
                with self.subTest(model=model, view=view):
                    for fname in ("email_from", "email", "phone", "email_normalized"):
                        self.assertNotIn(f'<field name="{fname}"', arch)
                    self.assertNotIn("record.phone", arch)
                    self.assertNotIn('widget="False"', arch)
                    self.assertNotIn("default_email': email_from", arch)
        manager = self.env["crm.lead"].with_user(self.data_manager)
        arch = manager.get_views([(False, "form")])["views"]["form"]["arch"]
        self.assertIn('<field name="email_from"', arch)

    def test_search_on_a_copy_is_refused(self):
        """The salesperson searches contacts and leads on the copies of the
        email and phone (RPC domains): refused, like reading them."""
        attempts = [
            ("res.partner", "email_normalized", EMAIL),
            ("res.partner", "phone_sanitized", "+46812398765"),
            ("res.partner", "phone_mobile_search", "12398765"),
            ("crm.lead", "email_from", EMAIL),
            ("crm.lead", "email_normalized", EMAIL),
            ("crm.lead", "phone", PHONE),
            ("res.users", "email", EMAIL),
        ]
        for model, fname, value in attempts:
            with self.subTest(field=f"{model}.{fname}"):
                with self.assertRaises(AccessError):
                    self.env[model].with_user(self.salesman).search(
                        [(fname, "=", value)]
                    )

    def test_text_search_does_not_match_hidden_values(self):
        """The search box of Contacts and of the pipeline searches names and
        the visible fields: no error, and no match on the hidden email."""
        for model, filter_name in (("res.partner", "name"), ("crm.lead", "name")):
            Model = self.env[model].with_user(self.salesman)
            arch = Model.get_views([(False, "search")])["views"]["search"]["arch"]
            self.assertNotIn(
                "email", arch.split(f'name="{filter_name}"', 1)[1].split(">")[0]
            )
        Partner = self.env["res.partner"].with_user(self.salesman)
        self.assertIn(
            self.customer, Partner.search([("display_name", "ilike", "Anna")])
        )
        self.assertNotIn(
            self.customer.id, [r[0] for r in Partner.name_search("vrolijk")]
        )
        self.assertIn(
            self.customer.id, [r[0] for r in Partner.name_search("Anna Cust")]
        )

    def test_name_does_not_show_hidden_values(self):
        """Autocomplete asks for names with the email (show_email): the
        salesperson gets the name only."""
        partner = self.customer.with_user(self.salesman).with_context(show_email=True)
        self.assertEqual(partner.display_name, "Anna Customer")
        manager = self.customer.with_user(self.data_manager).with_context(
            show_email=True
        )
        self.assertIn(EMAIL, manager.display_name)

    def test_export_of_a_copy_is_refused(self):
        """Export through a relation (the lead's customer's email) or of a
        copy (the lead's email): refused."""
        self.env["res.users"]._crm_retention_apply_export_restriction(restrict=False)
        lead = self.opportunity.with_user(self.salesman)
        for path in ("partner_id/email", "email_from", "partner_id/phone_sanitized"):
            with self.subTest(path=path), self.assertRaises(AccessError):
                lead.export_data([path])
        self.assertFalse(leaks(lead.export_data(["name", "partner_id"])))

    def test_nothing_the_salesperson_reads_holds_the_values(self):
        """The salesperson reads every field of every model they may read
        (read/search_read), the contact's and the opportunity's form and
        list (web_read), the chatter data and the suggested recipients:
        the values are nowhere."""
        found = []
        skipped = []
        env = self.env(user=self.salesman)
        for model_name in sorted(self.env.registry):
            Model = env[model_name]
            if Model._abstract or Model._transient or not Model._auto:
                continue
            if not Model.has_access("read"):
                continue
            fnames = readable_fields(Model)
            try:
                with self.cr.savepoint():
                    rows = Model.search_read([], fnames, limit=1000)
            except Exception:  # noqa: BLE001 - a model that needs a context
                skipped.append(model_name)
                continue
            found += [
                (model_name, fname)
                for row in rows
                for fname, value in row.items()
                if leaks(value)
            ]
        self.assertEqual(found, [])
        for model in (
            "res.partner",
            "crm.lead",
            "res.users",
            "mail.followers",
            "mail.message",
        ):
            self.assertNotIn(model, skipped)
        for record in (self.customer, self.opportunity):
            Model = env[record._name]
            for view_type in ("form", "list"):
                fields = Model.get_views([(False, view_type)])["models"][record._name][
                    "fields"
                ]
                values = record.with_env(env).web_read(dict.fromkeys(fields, {}))
                self.assertFalse(leaks(values), f"{record._name} {view_type}")
        store = Store()
        self.opportunity.with_env(env).message_follower_ids.partner_id._to_store(store)
        self.customer.with_env(env)._to_store(store)
        self.assertFalse(leaks(store.get_result()))
        # The customer follows the opportunity (so Odoo does not suggest
        # them): a new one, whose customer is suggested, and a lead known by
        # its email only.
        fresh = self.env["crm.lead"].create(
            {"name": "New deal", "partner_id": self.customer.id}
        )
        suggested = fresh.with_env(env)._message_get_suggested_recipients()
        self.assertIn(self.customer.id, [r.get("partner_id") for r in suggested])
        self.assertFalse(leaks(suggested))
        web_lead = self.env["crm.lead"].create(
            {"name": "Web", "email_from": "web.vrolijk@secret-test.example"}
        )
        suggested = web_lead.with_env(env)._message_get_suggested_recipients()
        self.assertFalse(leaks(suggested))
        store = Store()
        fresh.with_env(env)._thread_to_store(
            store, request_list=["suggestedRecipients"]
        )
        self.assertIn("suggestedRecipients", str(store.get_result()))
        self.assertFalse(leaks(store.get_result()))

    def test_salesperson_day(self):
        """Open, edit, win and lose opportunities with a customer; schedule
        and mark activities; write to the customer from the chatter; convert
        a lead; merge opportunities; duplicate a contact: no error. The
        email the salesperson cannot read is used server-side."""
        sales = self.salesman
        with Form(self.opportunity.with_user(sales)) as lead_form:
            lead_form.expected_revenue = 1500
        self.opportunity.with_user(sales).action_set_won_rainbowman()
        self.assertEqual(self.opportunity.stage_id.is_won, True)
        other = (
            self.env["crm.lead"]
            .with_user(sales)
            .create(
                {
                    "name": "Second deal",
                    "partner_id": self.customer.id,
                    "type": "opportunity",
                }
            )
        )
        lost_form = Form(
            self.env["crm.lead.lost"]
            .with_user(sales)
            .with_context(default_lead_ids=other.ids)
        )
        lost_form.save().action_lost_reason_apply()
        self.assertFalse(other.active)
        activity = self.schedule(self.opportunity.with_user(sales), user=sales)
        activity.with_user(sales).action_feedback(feedback="Called")
        self.opportunity.with_user(sales).message_post(
            body="Your offer",
            partner_ids=self.customer.ids,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        mail = self.env["mail.mail"].search(
            [("recipient_ids", "in", self.customer.ids)], order="id desc", limit=1
        )
        self.assertTrue(mail, "the email goes out to the hidden address")
        lead = (
            self.env["crm.lead"]
            .with_user(sales)
            .create(
                {
                    "name": "Web lead",
                    "contact_name": "Bert",
                    "email_from": "bert@secret-test.example",
                }
            )
        )
        convert = Form(
            self.env["crm.lead2opportunity.partner"]
            .with_user(sales)
            .with_context(
                active_model="crm.lead", active_id=lead.id, active_ids=lead.ids
            )
        ).save()
        convert.action_apply()
        self.assertEqual(lead.type, "opportunity")
        self.assertEqual(lead.partner_id.email, "bert@secret-test.example")
        first = (
            self.env["crm.lead"]
            .with_user(sales)
            .create(
                {
                    "name": "Merge A",
                    "partner_id": self.customer.id,
                    "type": "opportunity",
                }
            )
        )
        second = (
            self.env["crm.lead"]
            .with_user(sales)
            .create(
                {
                    "name": "Merge B",
                    "partner_id": self.customer.id,
                    "type": "opportunity",
                }
            )
        )
        (first | second).merge_opportunity()
        self.assertEqual(len((first | second).exists()), 1)
        copy = self.customer.with_user(self.salesman_all).copy()
        self.assertEqual(copy.email, EMAIL, "the copy keeps the value, unseen")
        self.assertNotIn("email", copy.with_user(sales).read()[0])

    def test_composer_sends_to_a_hidden_address(self):
        """The salesperson writes an email to the customer with the full
        composer (the chatter's expand button): it is sent to the address
        they cannot read, and the composer shows it nowhere."""
        composer_form = Form(
            self.env["mail.compose.message"]
            .with_user(self.salesman)
            .with_context(
                default_model="crm.lead",
                default_res_ids=self.opportunity.ids,
                default_partner_ids=self.customer.ids,
                default_composition_mode="comment",
            )
        )
        composer_form.body = "<p>Our offer</p>"
        composer = composer_form.save()
        self.assertFalse(leaks(composer.read()))
        composer._action_send_mail()
        mail = self.env["mail.mail"].search(
            [("recipient_ids", "in", self.customer.ids)], order="id desc", limit=1
        )
        self.assertIn("Our offer", mail.body_html)

    def test_settings_show_what_is_covered(self):
        """The settings offer the fields a person recognises, list the
        fields hidden with them, and do not offer fields whose code already
        declares groups."""
        admin = self.env.ref("base.user_admin")
        settings = self.env["res.config.settings"].with_user(admin).create({})
        self.assertIn(
            "Normalized Email (Contact)", settings.crm_retention_sensitive_derived
        )
        self.assertIn(
            "Email (Lead/Opportunity)", settings.crm_retention_sensitive_derived
        )
        markable = self.env["ir.model.fields"]._crm_retention_markable_ids()
        with_groups = (
            self.env["ir.model.fields"]
            .search([("model", "=", "res.partner")])
            .filtered(
                lambda f: (field := self.env["res.partner"]._fields.get(f.name))
                and field.groups
                and field.groups != "crm_retention.crm_retention_group_sensitive"
            )
        )
        self.assertTrue(with_groups)
        self.assertFalse(set(with_groups.ids) & set(markable))


@tagged("post_install", "-at_install")
class TestSensitiveValuesRpc(HttpCase):
    """The same reads, over XML-RPC."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        mark_email_and_phone(cls)
        cls.salesman = new_test_user(
            cls.env,
            login="rt_rpc_sensitive",
            password="rt_rpc_sensitive",
            groups="sales_team.group_sale_salesman_all_leads",
        )
        cls.customer = cls.env["res.partner"].create(
            {"name": "Anna Customer", "email": EMAIL, "phone": PHONE}
        )
        cls.env["crm.lead"].create(
            {
                "name": "Anna's renewal",
                "partner_id": cls.customer.id,
                "user_id": cls.salesman.id,
                "tag_ids": [Command.clear()],
            }
        )

    def _call(self, model, method, *args, **kwargs):
        return self.xmlrpc_object.execute_kw(
            self.env.cr.dbname,
            self.salesman.id,
            "rt_rpc_sensitive",
            model,
            method,
            list(args),
            kwargs,
        )

    def test_rpc_reads(self):
        """search_read of contacts, leads, users and followers with every
        field; name_search on the email: nothing holds the values. Reading
        or searching a hidden field itself is refused."""
        for model in ("res.partner", "crm.lead", "res.users", "mail.followers"):
            fnames = readable_fields(self.env[model].with_user(self.salesman))
            rows = self._call(model, "search_read", [], fnames)
            self.assertTrue(rows)
            self.assertFalse(leaks(rows), model)
        self.assertEqual(self._call("res.partner", "name_search", "vrolijk"), [])
        for model, fname in (
            ("res.partner", "email_normalized"),
            ("crm.lead", "email_from"),
        ):
            with self.assertRaises(Fault):
                self._call(model, "search_read", [(fname, "!=", False)], [fname])
