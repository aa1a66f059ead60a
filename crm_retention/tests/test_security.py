# Copyright 2026 crm_retention contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The attacker's list: what an inside attacker tries, and what must happen.

1. Sensitive fields. An administrator marks the contact's Email and Phone;
   a plain salesperson then tries every route to those values (the copies:
   normalized, formatted, the opportunity's email and phone, the user's and
   the follower's email; searching on them; the search box; the name and
   autocomplete; export through a relation; every field of every model
   they may read; the chatter's data and suggested recipients; XML-RPC),
   and goes through their day without an error (TestSensitiveValues*; the
   browser tour is in test_security_sensitive_ui).
2. No escalation through the addon's superuser paths. Where the addon acts
   as superuser (sudo(), raw SQL), it first checks that the acting user has
   the rights for the same effect: reactivating or undoing an
   administrator's offboarding, moving records of companies out of reach,
   Odoo's lead assignment, the bulk removal of traits (TestReactivation,
   TestOffboardingCompanies, TestLeadAssignment, TestTraitRemoval,
   TestEscalationOverXmlRpc).
3. Company walls. A Data Manager of company B tries to see company A's
   offboardings, deletion log, traits and dossier actions, reports and
   erasures through lists, read_group, read and XML-RPC (TestCompanyWalls*).

Each test states what is tried and what must happen; after a refused
attempt, that nothing changed.
"""

from xmlrpc.client import Fault

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, HttpCase, new_test_user, tagged

from odoo.addons.base.tests.common import BaseCommon
from odoo.addons.mail.tools.discuss import Store

from .common import RetentionCase

# ----------------------------------------------------------------------
# 1. Sensitive fields hide the value
# ----------------------------------------------------------------------

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
                    # No empty row left where the field stood.
                    self.assertNotIn('<label for="phone_group_lead_info"', arch)
                    self.assertNotIn('<label for="email_from"', arch)
                    self.assertNotIn('<label for="email_from_group_lead_info"', arch)
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
        self.env["ir.config_parameter"].set_param(
            "crm_retention.restrict_export", "False"
        )
        self.salesman.groups_id += self.env.ref("base.group_allow_export")
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


# ----------------------------------------------------------------------
# 2. No escalation through superuser paths
# ----------------------------------------------------------------------

# The cursor key of crm_retention/models/crm_lead.py (importing the models
# module from a test would load it a second time under pytest).
MERGED_DUPLICATES = "crm_retention.merged_duplicates_to_delete"


class SecurityCase(RetentionCase):
    """Two companies; Data Managers with and without Access Rights; users
    with Access Rights to offboard."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_a = cls.env.company
        cls.company_b = cls.env["res.company"].create({"name": "Security B"})
        # cls.data_manager (RetentionCase): Data Manager, all leads, company A,
        # no Access Rights.
        cls.admin_manager = new_test_user(
            cls.env,
            login="rt_sec_admin_manager",
            name="Adam Admin-Manager",
            groups="base.group_erp_manager,sales_team.group_sale_salesman_all_leads,"
            "crm_retention.crm_retention_group_manager",
        )
        cls.officer = new_test_user(
            cls.env,
            login="rt_sec_officer",
            name="Olga Officer",
            groups="base.group_erp_manager,sales_team.group_sale_salesman",
        )
        cls.heir = new_test_user(
            cls.env,
            login="rt_sec_heir",
            name="Hector Heir",
            groups="sales_team.group_sale_salesman",
        )
        cls.team = cls.env["crm.team"].create(
            {
                "name": "Security Team",
                "member_ids": [Command.set([cls.officer.id, cls.heir.id])],
            }
        )
        cls.officer_deal = cls.env["crm.lead"].create(
            {"name": "Officer deal", "type": "opportunity", "user_id": cls.officer.id}
        )

    def offboard(self, user, manager, **values):
        """Offboard user as manager (to the heir); return the offboarding."""
        values.setdefault("target_user_id", self.heir)
        form = Form(
            self.env["crm.retention.offboard.user"]
            .with_user(manager)
            .with_context(default_user_id=user.id)
        )
        for name, value in values.items():
            setattr(form, name, value)
        result = form.save().action_offboard()
        return self.env["crm.retention.offboarding"].browse(result["res_id"])

    def membership(self, user):
        return (
            self.env["crm.team.member"]
            .with_context(active_test=False)
            .search([("user_id", "=", user.id), ("crm_team_id", "=", self.team.id)])
        )


class TestReactivation(SecurityCase):
    """Reactivating a user, or giving their records back, needs the rights
    to offboard that user."""

    def test_reactivate_administrator_without_access_rights(self):
        """A Data Manager without Access Rights presses 'Reactivate User' on
        the offboarding of a user with Access Rights: refused, the user stays
        inactive and their team membership stays ended."""
        offboarding = self.offboard(self.officer, self.admin_manager)
        with self.assertRaisesRegex(AccessError, "only an administrator"):
            offboarding.with_user(self.data_manager).action_reactivate_user()
        self.assertFalse(self.officer.active)
        self.assertFalse(self.membership(self.officer).active)
        self.assertEqual(offboarding.state, "done")

    def test_reactivate_real_administrator_without_access_rights(self):
        """The same on the offboarding of an administrator (Settings):
        refused, the administrator stays inactive."""
        admin = new_test_user(
            self.env,
            login="rt_sec_admin",
            groups="base.group_system,sales_team.group_sale_salesman",
        )
        offboarding = self.offboard(admin, self.admin_manager)
        with self.assertRaises(AccessError):
            offboarding.with_user(self.data_manager).action_reactivate_user()
        self.assertFalse(admin.active)

    def test_undo_administrator_offboarding_without_access_rights(self):
        """The same Data Manager presses 'Undo Reassignment' instead (it
        gives the records back to the departing user): refused, the records
        stay with the new owner and the user stays inactive."""
        offboarding = self.offboard(self.officer, self.admin_manager)
        with self.assertRaisesRegex(AccessError, "only an administrator"):
            offboarding.with_user(self.data_manager).action_undo()
        self.assertEqual(self.officer_deal.user_id, self.heir)
        self.assertEqual(offboarding.state, "done")
        self.assertFalse(self.officer.active)

    def test_reactivate_administrator_with_access_rights(self):
        """A Data Manager with Access Rights reactivates them: allowed; undo
        does not reactivate anybody."""
        offboarding = self.offboard(self.officer, self.admin_manager)
        offboarding.with_user(self.admin_manager).action_undo()
        self.assertEqual(self.officer_deal.user_id, self.officer)
        self.assertFalse(self.officer.active)
        offboarding.with_user(self.admin_manager).action_reactivate_user()
        self.assertTrue(self.officer.active)
        self.assertTrue(self.membership(self.officer).active)

    def test_reactivate_user_of_another_company(self):
        """A Data Manager of company A reactivates, or undoes the
        offboarding of, a user of company B only: refused, nothing changed."""
        stranger = new_test_user(
            self.env,
            login="rt_sec_stranger",
            groups="sales_team.group_sale_salesman",
            company_id=self.company_b.id,
            company_ids=[Command.set(self.company_b.ids)],
        )
        heir_b = new_test_user(
            self.env,
            login="rt_sec_heir_b",
            groups="sales_team.group_sale_salesman",
            company_id=self.company_b.id,
            company_ids=[Command.set(self.company_b.ids)],
        )
        deal = self.env["crm.lead"].create(
            {
                "name": "Stranger deal",
                "type": "opportunity",
                "user_id": stranger.id,
                "company_id": self.company_b.id,
            }
        )
        # Offboarded by Odoo itself (superuser), as a Data Manager of B would.
        wizard = self.env["crm.retention.offboard.user"].create(
            {"user_id": stranger.id, "target_user_id": heir_b.id}
        )
        offboarding = self.env["crm.retention.offboarding"].browse(
            wizard.action_offboard()["res_id"]
        )
        self.assertEqual(deal.user_id, heir_b)
        with self.assertRaisesRegex(AccessError, "companies you have no access to"):
            offboarding.with_user(self.data_manager).action_reactivate_user()
        with self.assertRaisesRegex(AccessError, "companies you have no access to"):
            offboarding.with_user(self.data_manager).action_undo()
        self.assertFalse(stranger.active)
        self.assertEqual(deal.user_id, heir_b)
        self.assertEqual(offboarding.state, "done")


class TestOffboardingCompanies(SecurityCase):
    """The records an offboarding moves are those of the acting manager's
    companies; the superuser only does the writing."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_c = cls.env["res.company"].create({"name": "Security C"})
        cls.leaver = new_test_user(
            cls.env,
            login="rt_sec_leaver",
            name="Lea Leaver",
            groups="sales_team.group_sale_salesman",
            company_ids=[
                Command.set((cls.company_a | cls.company_b | cls.company_c).ids)
            ],
        )
        cls.heir.company_ids |= cls.company_b | cls.company_c
        # The Data Manager has A and B, not C.
        cls.data_manager.company_ids |= cls.company_b
        cls.deal_a = cls.env["crm.lead"].create(
            {"name": "Deal A", "type": "opportunity", "user_id": cls.leaver.id}
        )

    def deal_of(self, company):
        return self.env["crm.lead"].create(
            {
                "name": f"Deal {company.name}",
                "type": "opportunity",
                "user_id": self.leaver.id,
                "company_id": company.id,
                "team_id": False,
            }
        )

    def assert_nothing_changed(self, *deals):
        self.assertTrue(self.leaver.active)
        for deal in (self.deal_a, *deals):
            self.assertEqual(deal.user_id, self.leaver)
        self.assertFalse(
            self.env["crm.retention.offboarding"].search(
                [("user_id", "=", self.leaver.id)]
            )
        )

    def test_records_of_a_company_out_of_reach(self):
        """The Data Manager offboards a user who owns a deal of company C,
        which the manager has no access to, even ticking every confirmation:
        refused with how many records and what to do, nothing moved."""
        deal_c = self.deal_of(self.company_c)
        wizard = (
            self.env["crm.retention.offboard.user"]
            .with_user(self.data_manager)
            .create(
                {
                    "user_id": self.leaver.id,
                    "target_user_id": self.heir.id,
                    "confirm_other_companies": True,
                    "confirm_unselected_companies": True,
                }
            )
        )
        with self.assertRaisesRegex(
            UserError, "1 of the records to hand over belong to companies you have"
        ):
            wizard.action_offboard()
        self.assert_nothing_changed(deal_c)

    def test_records_of_a_company_out_of_reach_left_with_them(self):
        """The same manager unticks the open opportunities: the user is
        offboarded, the deal of company C stays theirs."""
        deal_c = self.deal_of(self.company_c)
        offboarding = self.offboard(
            self.leaver, self.data_manager, include_open_leads=False
        )
        self.assertFalse(self.leaver.active)
        self.assertEqual(deal_c.user_id, self.leaver)
        self.assertEqual(offboarding.lead_count, 0)

    def test_records_of_my_other_company_need_confirmation(self):
        """The Data Manager works in company A (selected in the switcher)
        and offboards a user with a deal of company B, another of the
        manager's companies: refused without the explicit confirmation,
        moved with it."""
        deal_b = self.deal_of(self.company_b)
        Wizard = (
            self.env["crm.retention.offboard.user"]
            .with_user(self.data_manager)
            .with_context(allowed_company_ids=self.company_a.ids)
        )
        wizard = Wizard.create(
            {"user_id": self.leaver.id, "target_user_id": self.heir.id}
        )
        self.assertEqual(wizard.unselected_company_count, 1)
        with self.assertRaisesRegex(UserError, "not selected in the company switcher"):
            wizard.action_offboard()
        self.assert_nothing_changed(deal_b)
        wizard.confirm_unselected_companies = True
        wizard.action_offboard()
        self.assertFalse(self.leaver.active)
        self.assertEqual((self.deal_a | deal_b).user_id, self.heir)
        self.assertEqual(deal_b.company_id, self.company_b)

    def test_move_primitive_out_of_reach(self):
        """The manager calls the move primitive on a deal of company C
        directly (server action, code): refused, the deal stays put."""
        deal_c = self.deal_of(self.company_c)
        Offboarding = self.env["crm.retention.offboarding"].with_user(self.data_manager)
        with self.assertRaisesRegex(AccessError, "out of your reach"):
            Offboarding._move_owners("crm.lead", {deal_c.id: self.heir.id})
        self.assertEqual(deal_c.user_id, self.leaver)

    def test_move_primitive_without_write_access(self):
        """A Data Manager with 'own documents only' sales rights moves a
        deal of someone else through the primitive: refused, it stays."""
        narrow = new_test_user(
            self.env,
            login="rt_sec_narrow_manager",
            groups="sales_team.group_sale_salesman,"
            "crm_retention.crm_retention_group_manager",
        )
        Offboarding = self.env["crm.retention.offboarding"].with_user(narrow)
        with self.assertRaises(AccessError):
            Offboarding._move_owners("crm.lead", {self.deal_a.id: self.heir.id})
        self.assertEqual(self.deal_a.user_id, self.leaver)


class TestLeadAssignment(SecurityCase):
    """Odoo's lead assignment by a Sales Administrator runs with their
    rights; only the deletion of merged duplicates runs as superuser."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.assign_team = cls.env["crm.team"].create(
            {
                "name": "Assignment Team",
                "assignment_max": 30,
                "assignment_domain": "[]",
                "company_id": False,
            }
        )
        cls.env["crm.team.member"].create(
            {
                "crm_team_id": cls.assign_team.id,
                "user_id": cls.salesman.id,
                "assignment_max": 30,
            }
        )

    def duplicates(self, company, count=2):
        return self.env["crm.lead"].create(
            [
                {
                    "name": f"Dup {company.name} {i}",
                    "email_from": "dup.security@example.com",
                    "type": "lead",
                    "team_id": False,
                    "user_id": False,
                    "company_id": company.id,
                }
                for i in range(count)
            ]
        )

    def test_assignment_leaves_other_companies_alone(self):
        """A Sales Administrator of company A runs the assignment while
        unassigned duplicates wait in company B: the leads of company B are
        neither assigned nor merged nor deleted; those of company A are
        merged, and the merged duplicate is deleted."""
        leads_a = self.duplicates(self.company_a)
        leads_b = self.duplicates(self.company_b)
        self.assign_team.with_user(self.sales_admin)._action_assign_leads(
            creation_delta_days=0
        )
        self.assertEqual(len(leads_a.exists()), 1, "merged, the duplicate deleted")
        self.assertEqual(leads_a.exists().team_id, self.assign_team)
        self.assertEqual(leads_b.exists(), leads_b)
        self.assertFalse(leads_b.team_id)
        self.assertFalse(leads_b.user_id)

    def test_no_deletion_right_outlives_the_assignment(self):
        """After the assignment, the Sales Administrator (no Data Manager)
        deletes a lead: refused as ever, nothing is left marked."""
        self.duplicates(self.company_a)
        lead = self.env["crm.lead"].create({"name": "Keep me", "type": "lead"})
        self.assign_team.with_user(self.sales_admin)._action_assign_leads(
            creation_delta_days=0
        )
        self.assertNotIn(MERGED_DUPLICATES, self.env.cr.precommit.data)
        with self.assertRaises(AccessError):
            lead.with_user(self.sales_admin).unlink()
        self.assertTrue(lead.exists())

    def test_salesperson_cannot_run_the_assignment(self):
        """A salesperson runs the assignment: refused by Odoo, the
        duplicates stay."""
        leads = self.duplicates(self.company_a)
        with self.assertRaises(UserError):
            self.assign_team.with_user(self.salesman)._action_assign_leads(
                creation_delta_days=0
            )
        self.assertEqual(leads.exists(), leads)


class TestTraitRemoval(SecurityCase):
    """Ending CRM traits in bulk (raw SQL) ends only what the acting user's
    own search finds."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        cls.dossier = Partner.create({"name": "Security Corp", "is_company": True})
        cls.alice = Partner.create({"name": "Alice Sec", "parent_id": cls.dossier.id})
        cls.bruno = Partner.create(
            {
                "name": "Bruno Sec",
                "parent_id": cls.dossier.id,
                "company_id": cls.company_b.id,
            }
        )
        cls.newsletter = cls.env.ref("crm_retention.crm_retention_trait_newsletter")
        cls.env["crm.retention.trait.assignment"].create(
            [
                {"partner_id": partner.id, "trait_id": cls.newsletter.id}
                for partner in (cls.alice, cls.bruno)
            ]
        )

    def current(self, partner):
        return self.env["crm.retention.trait.assignment"].search(
            [("partner_id", "=", partner.id), ("trait_id", "=", self.newsletter.id)]
        )

    def test_dossier_removal_spares_partners_out_of_reach(self):
        """A salesperson of company A removes the newsletter from Alice's
        whole dossier, which holds Bruno of company B: Alice's ends, Bruno's
        (whom the salesperson cannot see) stays current."""
        self.assertFalse(
            self.env["res.partner"]
            .with_user(self.salesman)
            .search([("id", "=", self.bruno.id)])
        )
        count = self.alice.with_user(self.salesman)._crm_retention_apply_definitions(
            "trait", "remove", self.newsletter, scope="dossier"
        )
        self.assertEqual(count, 1)
        self.assertFalse(self.current(self.alice))
        self.assertTrue(self.current(self.bruno))

    def test_person_removal_out_of_reach(self):
        """The salesperson removes the newsletter from Bruno himself:
        refused, his assignment stays current."""
        with self.assertRaises(AccessError):
            self.bruno.with_user(self.salesman)._crm_retention_apply_definitions(
                "trait", "remove", self.newsletter
            )
        self.assertTrue(self.current(self.bruno))

    def test_superuser_ends_everything(self):
        """Odoo itself (the cron, superuser) ends the whole dossier's."""
        self.alice._crm_retention_apply_definitions(
            "trait", "remove", self.newsletter, scope="dossier"
        )
        self.assertFalse(self.current(self.alice) | self.current(self.bruno))


@tagged("post_install", "-at_install")
class TestEscalationOverXmlRpc(HttpCase):
    """The same attempts from an RPC client, which chooses its context."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.data_manager = new_test_user(
            cls.env,
            login="rt_sec_rpc_manager",
            password="rt_sec_rpc_manager",
            groups="sales_team.group_sale_salesman_all_leads,"
            "crm_retention.crm_retention_group_manager",
        )
        cls.sales_admin = new_test_user(
            cls.env,
            login="rt_sec_rpc_sales_admin",
            password="rt_sec_rpc_sales_admin",
            groups="sales_team.group_sale_manager",
        )
        cls.officer = new_test_user(
            cls.env,
            login="rt_sec_rpc_officer",
            password="rt_sec_rpc_officer",
            groups="base.group_erp_manager,sales_team.group_sale_salesman",
        )
        wizard = cls.env["crm.retention.offboard.user"].create(
            {"user_id": cls.officer.id}
        )
        cls.offboarding = cls.env["crm.retention.offboarding"].browse(
            wizard.action_offboard()["res_id"]
        )

    def call(self, user, model, method, *args, **kwargs):
        return self.xmlrpc_object.execute_kw(
            self.env.cr.dbname, user.id, user.login, model, method, args, kwargs
        )

    def test_reactivate_administrator_over_xmlrpc(self):
        """A Data Manager without Access Rights calls 'Reactivate User' on
        the offboarding of a user with Access Rights over XML-RPC: refused,
        the user still cannot log in."""
        with self.assertRaises(Fault) as caught:
            self.call(
                self.data_manager,
                "crm.retention.offboarding",
                "action_reactivate_user",
                self.offboarding.ids,
            )
        self.assertIn("only an administrator", caught.exception.faultString)
        self.assertFalse(self.officer.active)
        self.assertFalse(
            self.xmlrpc_common.authenticate(
                self.env.cr.dbname, self.officer.login, self.officer.login, {}
            )
        )

    def test_assignment_flag_in_the_context(self):
        """A Sales Administrator (no Data Manager) forges the assignment's
        mark in the RPC context to delete a lead: the mark lives on the
        cursor, the context key means nothing; refused, the lead stays."""
        lead = self.env["crm.lead"].create({"name": "RPC keep me"})
        with self.assertRaises(Fault):
            self.call(
                self.sales_admin,
                "crm.lead",
                "unlink",
                lead.ids,
                context={MERGED_DUPLICATES: lead.ids},
            )
        self.assertTrue(lead.exists())


# ----------------------------------------------------------------------
# 3. Company walls
# ----------------------------------------------------------------------

MANAGER_GROUPS = (
    "sales_team.group_sale_salesman_all_leads,crm_retention.crm_retention_group_manager"
)


class CompanyWallsFixtures:
    """Two companies; a Data Manager of each; the data of company A: an
    offboarding of a user of A, deletion-log entries of a contact and of an
    activity of A, trait and dossier-action assignments of contacts of A,
    their dossier report lines, the work left by an archived user of A (an
    opportunity and its activity, an activity of a contact) and an erasure
    of a contact of A."""

    @classmethod
    def setup_walls(cls):
        env = cls.env
        cls.company_a = env["res.company"].create({"name": "Walls A"})
        cls.company_b = env["res.company"].create({"name": "Walls B"})

        def user(login, company, groups):
            return new_test_user(
                env,
                login=login,
                password=f"{login}_pw_123",
                groups=groups,
                company_id=company.id,
                company_ids=[Command.set(company.ids)],
            )

        cls.manager_a = user("rt_walls_manager_a", cls.company_a, MANAGER_GROUPS)
        cls.manager_b = user("rt_walls_manager_b", cls.company_b, MANAGER_GROUPS)
        salesman = "sales_team.group_sale_salesman"
        cls.leaver_a = user("rt_walls_leaver_a", cls.company_a, salesman)
        cls.heir_a = user("rt_walls_heir_a", cls.company_a, salesman)
        cls.idle_a = user("rt_walls_idle_a", cls.company_a, salesman)
        Partner = env["res.partner"]
        Lead = env["crm.lead"]
        # Offboarding of a user of A, by the Data Manager of A.
        cls.leaver_lead = Lead.create(
            {
                "name": "Walls A leaver deal",
                "type": "opportunity",
                "user_id": cls.leaver_a.id,
                "company_id": cls.company_a.id,
            }
        )
        result = (
            env["crm.retention.offboard.user"]
            .with_user(cls.manager_a)
            .create({"user_id": cls.leaver_a.id, "target_user_id": cls.heir_a.id})
            .action_offboard()
        )
        cls.offboarding = env["crm.retention.offboarding"].browse(result["res_id"])
        # Deletion log: a contact of A and an activity of an opportunity of A,
        # deleted by the Data Manager of A.
        gone = Partner.create({"name": "Gone Walls A", "company_id": cls.company_a.id})
        gone.with_user(cls.manager_a).unlink()
        activity = cls.leaver_lead.activity_schedule(
            "mail.mail_activity_data_todo",
            summary="Walls A call",
            user_id=cls.heir_a.id,
        )
        activity.with_user(cls.manager_a).unlink()
        cls.log = env["crm.retention.deletion.log"].search(
            [
                "|",
                "&",
                ("res_model", "=", "res.partner"),
                ("res_id", "=", gone.id),
                "&",
                ("res_model", "=", "mail.activity"),
                ("res_id", "=", activity.id),
            ]
        )
        # Trait and dossier-action assignments, and their report lines.
        cls.dossier_a = Partner.create(
            {"name": "Walls A Corp", "is_company": True, "company_id": cls.company_a.id}
        )
        cls.person_a = Partner.create(
            {
                "name": "Walls A Person",
                "parent_id": cls.dossier_a.id,
                "company_id": cls.company_a.id,
            }
        )
        trait = env["crm.retention.trait"].create({"name": "Walls VIP", "code": "wv"})
        action = env["crm.retention.dossier.action"].create(
            {"name": "Walls audit", "code": "wa"}
        )
        cls.trait_assignment = env["crm.retention.trait.assignment"].create(
            {"partner_id": cls.person_a.id, "trait_id": trait.id}
        )
        cls.action_assignment = env["crm.retention.dossier.action.assignment"].create(
            {"partner_id": cls.dossier_a.id, "dossier_action_id": action.id}
        )
        Report = env["crm.retention.dossier.report"]
        cls.report = Report.browse(
            [cls.trait_assignment.id * 2, cls.action_assignment.id * 2 + 1]
        )
        # Work of an archived user of A: an opportunity, an activity on it
        # and one on a contact of A.
        idle_lead = Lead.create(
            {
                "name": "Walls A idle deal",
                "type": "opportunity",
                "user_id": cls.idle_a.id,
                "company_id": cls.company_a.id,
            }
        )
        idle_activities = idle_lead.activity_schedule(
            "mail.mail_activity_data_todo", summary="Walls A", user_id=cls.idle_a.id
        ) | cls.person_a.activity_schedule(
            "mail.mail_activity_data_todo", summary="Walls A", user_id=cls.idle_a.id
        )
        cls.idle_a.active = False
        cls.work = env["crm.retention.inactive.work"].browse(
            [idle_lead.id * 3] + [a.id * 3 + 1 for a in idle_activities]
        )
        # An erasure of a contact of A (the rule of the erasures is older).
        erased = Partner.create(
            {"name": "Walls Erased", "company_id": cls.company_a.id}
        )
        cls.erasure = (
            env["crm.retention.erasure"]
            .with_user(cls.manager_a)
            ._erase(erased, reason="Walls A request")
        )
        cls.records = {
            "crm.retention.offboarding": cls.offboarding,
            "crm.retention.offboarding.line": cls.offboarding.line_ids,
            "crm.retention.deletion.log": cls.log,
            "crm.retention.trait.assignment": cls.trait_assignment,
            "crm.retention.dossier.action.assignment": cls.action_assignment,
            "crm.retention.dossier.report": cls.report,
            "crm.retention.inactive.work": cls.work,
            "crm.retention.erasure": cls.erasure,
        }


@tagged("post_install", "-at_install")
class TestCompanyWalls(CompanyWallsFixtures, BaseCommon):
    """A Data Manager of company B tries to read what the addon keeps about
    company A, through lists, counts, grouped reports and direct reads: each
    attempt sees nothing or is refused. The Data Manager of A still sees,
    and works with, the records of A."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_walls()

    def as_b(self, model):
        return self.env[model].with_user(self.manager_b).with_context(active_test=False)

    def assert_listed_nowhere(self, model):
        records = self.records[model]
        Model = self.as_b(model)
        self.assertFalse(Model.search([("id", "in", records.ids)]))
        self.assertFalse(set(records.ids) & set(Model.search([]).ids))
        self.assertEqual(Model.search_count([("id", "in", records.ids)]), 0)
        self.assertFalse(Model.search_read([("id", "in", records.ids)], ["id"]))

    def assert_grouped_nowhere(self, model, groupby):
        records = self.records[model]
        Model = self.as_b(model)
        domain = [("id", "in", records.ids)]
        self.assertEqual(Model._read_group(domain, [groupby], ["__count"]), [])
        self.assertEqual(Model.read_group(domain, [groupby], [groupby]), [])
        self.assertEqual(Model._read_group(domain, [], ["__count"]), [(0,)])

    def assert_read_refused(self, model):
        records = self.records[model]
        for record in records:
            with self.assertRaises(AccessError):
                self.as_b(model).browse(record.id).read(["display_name"])

    def test_fixtures_belong_to_company_a(self):
        """The data of A is really there and really of A: otherwise every
        other test would pass for nothing."""
        for model, records in self.records.items():
            self.assertTrue(records.exists(), model)
        self.assertEqual(self.erasure.company_id, self.company_a)
        self.assertEqual(len(self.log), 2)
        self.assertEqual(self.log.company_id, self.company_a)
        self.assertEqual(len(self.report.exists()), 2)
        self.assertEqual(len(self.work.exists()), 3)
        self.assertEqual(self.work.company_id, self.company_a)
        self.assertEqual(self.report.company_id, self.company_a)
        self.assertEqual(self.trait_assignment.company_id, self.company_a)
        self.assertEqual(self.action_assignment.company_id, self.company_a)

    # Offboardings: who left company A and what was moved.

    def test_offboarding_list(self):
        """B lists and counts offboardings: A's offboarding is not there."""
        self.assert_listed_nowhere("crm.retention.offboarding")

    def test_offboarding_read_group(self):
        """B groups offboardings by departing user: no group for A's."""
        self.assert_grouped_nowhere("crm.retention.offboarding", "user_id")

    def test_offboarding_read(self):
        """B reads A's offboarding by id: refused."""
        self.assert_read_refused("crm.retention.offboarding")

    def test_offboarding_of_a_user_of_both_companies(self):
        """An offboarding of a user of A and B is seen by B's Data Manager
        too: the wall follows the departing user's companies."""
        self.leaver_a.sudo().company_ids = [Command.link(self.company_b.id)]
        Offboarding = self.as_b("crm.retention.offboarding")
        self.assertEqual(
            Offboarding.search([("id", "=", self.offboarding.id)]), self.offboarding
        )

    def test_offboarding_lines(self):
        """B lists, groups and reads the lines of A's offboarding (what moved
        to whom): nothing, then refused."""
        self.assertTrue(self.offboarding.line_ids)
        self.assert_listed_nowhere("crm.retention.offboarding.line")
        self.assert_grouped_nowhere("crm.retention.offboarding.line", "res_model")
        self.assert_read_refused("crm.retention.offboarding.line")
        # A's Data Manager reads them, as the offboarding.
        Line = self.env["crm.retention.offboarding.line"].with_user(self.manager_a)
        self.assertEqual(
            Line.search([("offboarding_id", "=", self.offboarding.id)]),
            self.offboarding.line_ids,
        )

    # Deletion log: names of A's deleted records.

    def test_deletion_log_list(self):
        """B lists and counts the deletion log: A's entries are not there."""
        self.assert_listed_nowhere("crm.retention.deletion.log")

    def test_deletion_log_read_group(self):
        """B groups the deletion log by model: no group for A's entries."""
        self.assert_grouped_nowhere("crm.retention.deletion.log", "res_model")

    def test_deletion_log_read(self):
        """B reads A's deletion-log entries by id: refused."""
        self.assert_read_refused("crm.retention.deletion.log")

    def test_deletion_log_of_a_shared_contact(self):
        """A contact without company deleted in A stays visible in B: its
        entry is shared, as the contact was."""
        shared = self.env["res.partner"].create({"name": "Walls Shared"})
        shared.with_user(self.manager_a).unlink()
        Log = self.as_b("crm.retention.deletion.log")
        entry = Log.search(
            [("res_model", "=", "res.partner"), ("res_id", "=", shared.id)]
        )
        self.assertEqual(len(entry), 1)
        self.assertFalse(entry.company_id)

    # Trait and dossier-action assignments of A's contacts.

    def test_trait_assignment_list(self):
        """B lists and counts trait assignments: A's are not there."""
        self.assert_listed_nowhere("crm.retention.trait.assignment")

    def test_trait_assignment_read_group(self):
        """B groups trait assignments by partner: no group for A's."""
        self.assert_grouped_nowhere("crm.retention.trait.assignment", "partner_id")

    def test_trait_assignment_read(self):
        """B reads A's trait assignment by id: refused."""
        self.assert_read_refused("crm.retention.trait.assignment")

    def test_dossier_action_assignment_list(self):
        """B lists and counts dossier-action assignments: A's are not there."""
        self.assert_listed_nowhere("crm.retention.dossier.action.assignment")

    def test_dossier_action_assignment_read_group(self):
        """B groups dossier-action assignments by action: no group for A's."""
        self.assert_grouped_nowhere(
            "crm.retention.dossier.action.assignment", "dossier_action_id"
        )

    def test_dossier_action_assignment_read(self):
        """B reads A's dossier-action assignment by id: refused."""
        self.assert_read_refused("crm.retention.dossier.action.assignment")

    def test_assignment_follows_the_partner_company(self):
        """A contact of A moved to B takes its assignments along: B's Data
        Manager sees them, A's no longer does."""
        self.person_a.company_id = self.company_b
        Assignment = self.env["crm.retention.trait.assignment"]
        domain = [("id", "=", self.trait_assignment.id)]
        self.assertEqual(self.trait_assignment.company_id, self.company_b)
        self.assertTrue(Assignment.with_user(self.manager_b).search(domain))
        self.assertFalse(Assignment.with_user(self.manager_a).search(domain))

    # The dossier report.

    def test_dossier_report_list(self):
        """B lists and counts the dossier report: A's lines are not there."""
        self.assert_listed_nowhere("crm.retention.dossier.report")

    def test_dossier_report_read_group(self):
        """B groups the dossier report by dossier (the report's pivot): no
        group for A's dossier."""
        self.assert_grouped_nowhere("crm.retention.dossier.report", "dossier_id")

    def test_dossier_report_read(self):
        """B reads A's dossier report lines by id: refused."""
        self.assert_read_refused("crm.retention.dossier.report")

    # The work of inactive users.

    def test_inactive_work_list(self):
        """B lists and counts the work of inactive users: A's opportunity
        and activities are not there."""
        self.assert_listed_nowhere("crm.retention.inactive.work")

    def test_inactive_work_read_group(self):
        """B groups the work of inactive users by owner: no group for A's."""
        self.assert_grouped_nowhere("crm.retention.inactive.work", "user_id")

    def test_inactive_work_read(self):
        """B reads A's lines of work by id (the activities included):
        refused."""
        self.assert_read_refused("crm.retention.inactive.work")

    # Erasures (their rule is older: checked here with the others).

    def test_erasure_list(self):
        """B lists and counts the erasures: the erasure of A's contact is
        not there."""
        self.assert_listed_nowhere("crm.retention.erasure")

    def test_erasure_read_group(self):
        """B groups the erasures by company: no group for A's."""
        self.assert_grouped_nowhere("crm.retention.erasure", "company_id")

    def test_erasure_read(self):
        """B reads the erasure of A's contact by id: refused."""
        self.assert_read_refused("crm.retention.erasure")

    # The Data Manager of A.

    def test_manager_of_a_sees_a(self):
        """A's Data Manager lists, counts, groups and reads every record of
        A."""
        for model, records in self.records.items():
            Model = self.env[model].with_user(self.manager_a)
            domain = [("id", "in", records.ids)]
            self.assertEqual(Model.search(domain), records, model)
            self.assertEqual(Model.search_count(domain), len(records), model)
            self.assertEqual(
                Model._read_group(domain, [], ["__count"]), [(len(records),)], model
            )
            self.assertEqual(
                len(Model.browse(records.ids).read(["display_name"])), len(records)
            )

    def test_manager_of_a_undoes_and_reactivates(self):
        """A's Data Manager undoes A's offboarding and reactivates the user,
        as before the walls."""
        offboarding = self.offboarding.with_user(self.manager_a)
        offboarding.action_undo()
        self.assertEqual(offboarding.state, "undone")
        self.assertEqual(self.leaver_lead.user_id, self.leaver_a)
        offboarding.action_reactivate_user()
        self.assertTrue(self.leaver_a.active)

    def test_manager_of_b_cannot_undo(self):
        """B's Data Manager undoes A's offboarding: refused, nothing moves."""
        with self.assertRaises(AccessError):
            self.offboarding.with_user(self.manager_b).action_undo()
        self.assertEqual(self.offboarding.state, "done")
        self.assertEqual(self.leaver_lead.user_id, self.heir_a)


@tagged("post_install", "-at_install")
class TestCompanyWallsXmlRpc(CompanyWallsFixtures, HttpCase):
    """The same attempts by an RPC client: B's Data Manager asks the server
    for A's records and gets nothing, or a refusal."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_walls()

    def rpc(self, user, model, method, *args, **kwargs):
        return self.xmlrpc_object.execute_kw(
            self.env.cr.dbname,
            user.id,
            f"{user.login}_pw_123",
            model,
            method,
            list(args),
            kwargs,
        )

    def assert_walled_over_rpc(self, model, groupby):
        ids = self.records[model].ids
        domain = [("id", "in", ids)]
        context = {"active_test": False}
        b = self.manager_b
        self.assertEqual(self.rpc(b, model, "search", domain, context=context), [])
        self.assertEqual(self.rpc(b, model, "search_count", domain, context=context), 0)
        self.assertEqual(
            self.rpc(b, model, "search_read", domain, ["id"], context=context), []
        )
        self.assertEqual(
            self.rpc(
                b, model, "read_group", domain, [groupby], [groupby], context=context
            ),
            [],
        )
        with self.assertRaises(Fault) as caught:
            self.rpc(b, model, "read", ids, ["display_name"])
        self.assertIn("doesn't have 'read' access", caught.exception.faultString)
        # The same calls as A's Data Manager find them: the wall, not the call.
        found = self.rpc(self.manager_a, model, "search", domain, context=context)
        self.assertEqual(sorted(found), sorted(ids))

    def test_offboarding_over_rpc(self):
        """B searches, counts, groups and reads A's offboarding over
        XML-RPC: nothing, then refused."""
        self.assert_walled_over_rpc("crm.retention.offboarding", "user_id")

    def test_offboarding_lines_over_rpc(self):
        self.assert_walled_over_rpc("crm.retention.offboarding.line", "res_model")

    def test_deletion_log_over_rpc(self):
        """B searches, counts, groups and reads A's deletion-log entries over
        XML-RPC: nothing, then refused."""
        self.assert_walled_over_rpc("crm.retention.deletion.log", "res_model")

    def test_trait_assignment_over_rpc(self):
        """B searches, counts, groups and reads A's trait assignment over
        XML-RPC: nothing, then refused."""
        self.assert_walled_over_rpc("crm.retention.trait.assignment", "partner_id")

    def test_dossier_action_assignment_over_rpc(self):
        """B searches, counts, groups and reads A's dossier-action assignment
        over XML-RPC: nothing, then refused."""
        self.assert_walled_over_rpc(
            "crm.retention.dossier.action.assignment", "dossier_action_id"
        )

    def test_dossier_report_over_rpc(self):
        """B searches, counts, groups and reads A's dossier report lines over
        XML-RPC: nothing, then refused."""
        self.assert_walled_over_rpc("crm.retention.dossier.report", "dossier_id")

    def test_inactive_work_over_rpc(self):
        """B searches, counts, groups and reads the work of A's inactive user
        over XML-RPC: nothing, then refused."""
        self.assert_walled_over_rpc("crm.retention.inactive.work", "user_id")

    def test_erasure_over_rpc(self):
        """B searches, counts, groups and reads the erasure of A's contact
        over XML-RPC: nothing, then refused."""
        self.assert_walled_over_rpc("crm.retention.erasure", "company_id")
