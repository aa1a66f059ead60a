# Copyright 2026 crm_retention contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import csv
from pathlib import Path

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.modules.module import get_module_path
from odoo.tests import Form, new_test_user

from ..hooks import uninstall_hook
from .common import RetentionCase

OK, DENIED, CANCELLED = "ok", "denied", "cancelled"
OPERATIONS = ("read", "write", "create", "unlink", "export", "sensitive")
SENSITIVE = {"res.partner": "phone", "crm.lead": "expected_revenue"}

# role: {model: outcome of each operation in OPERATIONS}; None: not tested.
# Every internal user has Odoo's export right; the export of these models is
# restricted to Data Managers (the default setting); the fields of SENSITIVE
# are marked sensitive.
MATRIX = {
    "portal": {
        "res.partner": (DENIED,) * 6,
        "crm.lead": (DENIED,) * 6,
        "mail.activity": (DENIED, DENIED, DENIED, DENIED, DENIED, None),
    },
    "internal": {
        "res.partner": (OK, DENIED, DENIED, DENIED, DENIED, DENIED),
        "crm.lead": (DENIED,) * 6,
        # Odoo: activities of documents one cannot write are not readable.
        "mail.activity": (DENIED, DENIED, DENIED, DENIED, DENIED, None),
    },
    "salesman_own": {
        "res.partner": (OK, OK, OK, DENIED, DENIED, DENIED),
        "crm.lead": (OK, OK, OK, DENIED, DENIED, DENIED),
        "mail.activity": (OK, OK, OK, CANCELLED, DENIED, None),
    },
    "salesman_all": {
        "res.partner": (OK, OK, OK, DENIED, DENIED, DENIED),
        "crm.lead": (OK, OK, OK, DENIED, DENIED, DENIED),
        "mail.activity": (OK, OK, OK, CANCELLED, DENIED, None),
    },
    # Sales Administrators are not Data Managers (see the README).
    "sales_admin": {
        "res.partner": (OK, OK, OK, DENIED, DENIED, DENIED),
        "crm.lead": (OK, OK, OK, DENIED, DENIED, DENIED),
        "mail.activity": (OK, OK, OK, CANCELLED, DENIED, None),
    },
    "data_manager": {
        "res.partner": (OK,) * 6,
        "crm.lead": (OK,) * 6,
        "mail.activity": (OK, OK, OK, OK, OK, None),
    },
    "admin": {
        "res.partner": (OK,) * 6,
        "crm.lead": (OK,) * 6,
        "mail.activity": (OK, OK, OK, OK, OK, None),
    },
}


class AccessCase(RetentionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.portal = new_test_user(
            cls.env, login="rt_portal_user", groups="base.group_portal"
        )
        cls.internal = new_test_user(
            cls.env, login="rt_internal", groups="base.group_user"
        )
        cls.admin = cls.env.ref("base.user_admin")
        cls.export_group = cls.env.ref("base.group_allow_export")
        (
            cls.internal
            | cls.salesman
            | cls.salesman_all
            | cls.sales_admin
            | cls.data_manager
        ).write({"groups_id": [Command.link(cls.export_group.id)]})
        cls.roles = {
            "portal": cls.portal,
            "internal": cls.internal,
            "salesman_own": cls.salesman,
            "salesman_all": cls.salesman_all,
            "sales_admin": cls.sales_admin,
            "data_manager": cls.data_manager,
            "admin": cls.admin,
        }
        fields = cls.env["ir.model.fields"].search(
            [
                "|",
                "&",
                ("model", "=", "res.partner"),
                ("name", "=", "phone"),
                "&",
                ("model", "=", "crm.lead"),
                ("name", "=", "expected_revenue"),
            ]
        )
        cls.env["ir.model.fields"].with_user(
            cls.admin
        )._crm_retention_set_sensitive_fields(fields)
        # The registry's field objects outlive the test transaction.
        cls.addClassCleanup(
            cls.env["ir.model.fields"]._crm_retention_apply_sensitive_fields, ()
        )

    def _records(self):
        """A fresh record of each model, without history, owned by the
        salesperson, so that every role finds it where Odoo lets it."""
        partner = self.env["res.partner"].create(
            {"name": "Matrix Customer", "phone": "+32 2 555 01 01"}
        )
        lead = self.env["crm.lead"].create(
            {
                "name": "Matrix Deal",
                "user_id": self.salesman.id,
                "expected_revenue": 5000,
            }
        )
        activity = self.schedule(
            self.env["res.partner"].create({"name": "Matrix Host"})
        )
        return {"res.partner": partner, "crm.lead": lead, "mail.activity": activity}

    _last_error = ""

    def _try(self, record, operation, user):
        """Run one operation as user, then undo it; return OK, DENIED or
        CANCELLED."""
        try:
            with self.cr.savepoint():
                raise _Undo(self._run(record.with_user(user), operation))
        except _Undo as undo:
            outcome = undo.outcome
        except (AccessError, UserError) as error:
            self._last_error = str(error).splitlines()[0]
            outcome = DENIED
        self.env.invalidate_all()
        return outcome

    def _run(self, record, operation):
        if operation == "read":
            record.read(["display_name"])
        elif operation == "write":
            field = "summary" if record._name == "mail.activity" else "name"
            record.write({field: "Changed"})
        elif operation == "create":
            # Odoo's Duplicate: it copies the sensitive field too.
            record.copy()
        elif operation == "export":
            record.export_data(["id"])
        elif operation == "sensitive":
            record.read([SENSITIVE[record._name]])
        elif operation == "unlink":
            record.unlink()
            still = record.sudo().exists()
            if still:
                return CANCELLED if not still.active else DENIED
        return OK


class _Undo(Exception):
    def __init__(self, outcome):
        super().__init__(outcome)
        self.outcome = outcome


class TestAccessMatrix(AccessCase):
    def test_matrix_orm(self):
        records = self._records()
        mismatches = []
        for role, models in MATRIX.items():
            for model, outcomes in models.items():
                for operation, expected in zip(OPERATIONS, outcomes, strict=True):
                    if expected is None:
                        continue
                    outcome = self._try(records[model], operation, self.roles[role])
                    if outcome != expected:
                        mismatches.append(
                            f"{role} {model} {operation}: {outcome}, not {expected}"
                            f" ({self._last_error})"
                        )
                    self.assertTrue(records[model].exists(), "savepoint rolled back")
        self.assertEqual(mismatches, [], "\n".join(mismatches))

    def test_web_client_hides_delete(self):
        for model in ("res.partner", "crm.lead"):
            Model = self.env[model]
            self.assertFalse(
                Model.with_user(self.salesman).has_access("unlink"), f"{model} salesman"
            )
            self.assertTrue(
                Model.with_user(self.data_manager).has_access("unlink"),
                f"{model} manager",
            )
            for view_type in ("list", "form", "kanban"):
                arch = Model.with_user(self.salesman).get_views([(False, view_type)])[
                    "views"
                ][view_type]["arch"]
                self.assertIn('delete="False"', arch, f"{model} {view_type}")
        # Activities keep Odoo's rights: those of other apps are deleted as
        # Odoo does; those of CRM documents are cancelled (see the matrix).
        self.assertTrue(
            self.env["mail.activity"].with_user(self.salesman).has_access("unlink")
        )

    def test_denial_names_what_is_needed(self):
        partner = self._records()["res.partner"]
        with self.assertRaisesRegex(
            AccessError, "Only Data Managers can delete Contact"
        ):
            partner.with_user(self.salesman).unlink()
        self.assertTrue(partner.exists())

    def test_rights_of_other_modules_do_not_reopen_delete(self):
        """An access rule of another module granting delete to salespeople:
        the access check still refuses, and says who may delete."""
        self.env["ir.model.access"].create(
            {
                "name": "another module grants delete",
                "model_id": self.env.ref("base.model_res_partner").id,
                "group_id": self.env.ref("sales_team.group_sale_salesman").id,
                "perm_read": True,
                "perm_unlink": True,
            }
        )
        partner = self._records()["res.partner"]
        self.assertFalse(partner.with_user(self.salesman).has_access("unlink"))
        with self.assertRaisesRegex(
            AccessError, "Only Data Managers can delete Contact"
        ):
            partner.with_user(self.salesman).check_access("unlink")
        with self.assertRaisesRegex(AccessError, "Only Data Managers"):
            partner.with_user(self.salesman).unlink()
        self.assertTrue(partner.exists())

    def test_deletions_are_logged(self):
        records = self._records()
        names = {model: record.display_name for model, record in records.items()}
        for record in records.values():
            record.with_user(self.data_manager).unlink()
        log = self.env["crm.retention.deletion.log"].search(
            [("res_id", "in", [r.id for r in records.values()])]
        )
        self.assertEqual(
            {(line.res_model, line.name) for line in log},
            {(model, name) for model, name in names.items()},
        )
        self.assertEqual(log.create_uid, self.data_manager)
        with self.assertRaises(AccessError):
            log.with_user(self.salesman_all).read(["name"])


class TestNoAccessRuleRewritten(AccessCase):
    def _declared_unlink_rights(self):
        """{access rule xmlid: perm_unlink} as the other modules' CSV files
        declare them, for the guarded models."""
        declared = {}
        data = self.env["ir.model.data"].search(
            [
                ("model", "=", "ir.model.access"),
                ("module", "!=", "crm_retention"),
                (
                    "res_id",
                    "in",
                    self.env["ir.model.access"]
                    .search(
                        [
                            (
                                "model_id.model",
                                "in",
                                ("res.partner", "crm.lead", "mail.activity"),
                            )
                        ]
                    )
                    .ids,
                ),
            ]
        )
        for module in set(data.mapped("module")):
            path = Path(get_module_path(module)) / "security" / "ir.model.access.csv"
            if not path.exists():
                continue
            with path.open() as f:
                for row in csv.DictReader(f):
                    xmlid = row["id"] if "." in row["id"] else f"{module}.{row['id']}"
                    declared[xmlid] = row["perm_unlink"] == "1"
        return {
            f"{d.module}.{d.name}": declared[f"{d.module}.{d.name}"]
            for d in data
            if f"{d.module}.{d.name}" in declared
        }

    def test_other_modules_rules_are_as_declared(self):
        """Installed, the addon leaves the other modules' access rules as
        their CSV files declare them, and still only Data Managers delete:
        an update of crm, base or contacts (which rewrites those rules) has
        nothing to reopen."""
        declared = self._declared_unlink_rights()
        self.assertTrue(declared["base.access_res_partner_group_partner_manager"])
        self.assertTrue(declared["crm.access_crm_lead_manager"])
        for xmlid, perm_unlink in declared.items():
            self.assertEqual(self.env.ref(xmlid).perm_unlink, perm_unlink, xmlid)
        # Sales Administrators with Contact Creation have Delete in Odoo's
        # access rules.
        admin = new_test_user(
            self.env,
            login="rt_partner_manager",
            groups="sales_team.group_sale_manager,base.group_partner_manager",
        )
        for model in ("res.partner", "crm.lead"):
            granting = self.env["ir.model.access"].search(
                [
                    ("model_id.model", "=", model),
                    ("perm_unlink", "=", True),
                    ("group_id", "in", admin.groups_id.ids),
                ]
            )
            self.assertTrue(granting, model)
            self.assertFalse(
                self.env[model].with_user(admin).has_access("unlink"), model
            )

    def test_uninstall_hook_changes_no_right(self):
        rules = self.env["ir.model.access"].search([])
        before = rules.read(["perm_read", "perm_write", "perm_create", "perm_unlink"])
        exporters = self.export_group.users
        template = self.env.ref("base.default_user").groups_id
        uninstall_hook(self.env)
        self.assertEqual(
            rules.read(["perm_read", "perm_write", "perm_create", "perm_unlink"]),
            before,
        )
        # Export: nothing was taken, nothing is given.
        self.assertEqual(self.export_group.users, exporters)
        self.assertEqual(self.env.ref("base.default_user").groups_id, template)

    def test_legacy_revoked_rights_are_given_back(self):
        """Versions up to 18.0.1.1.0 took the delete right off the access
        rules: the migration (and the uninstall hook) give it back."""
        rule = self.env.ref("base.access_res_partner_group_partner_manager")
        rule.perm_unlink = False
        params = self.env["ir.config_parameter"]
        params.set_param("crm_retention.revoked_unlink_access", f"[{rule.id}, 0]")
        self.env["ir.model.access"]._crm_retention_restore_legacy_unlink()
        self.assertTrue(rule.perm_unlink)
        self.assertFalse(params.get_param("crm_retention.revoked_unlink_access"))


class TestExportControl(AccessCase):
    def _set_restrict(self, value):
        settings = Form(self.env["res.config.settings"].with_user(self.admin))
        settings.crm_retention_restrict_export = value
        settings.save().execute()

    def test_only_data_managers_export_by_default(self):
        """On at install: CRM data is exported by Data Managers only, even
        by users with Odoo's export right; the other apps' data by whoever
        has that right, as in Odoo."""
        records = self._records()
        for model, record in records.items():
            with self.subTest(model=model), self.assertRaises(AccessError):
                record.with_user(self.salesman_all).export_data(["id"])
            self.assertTrue(
                record.with_user(self.data_manager).export_data(["id"])["datas"]
            )
        self.assertEqual(
            records["res.partner"]
            .with_user(self.data_manager)
            .export_data(["name"])["datas"],
            [["Matrix Customer"]],
        )
        tag = self.env["crm.tag"].create({"name": "Matrix Tag"})
        self.assertEqual(
            tag.with_user(self.salesman_all).export_data(["name"])["datas"],
            [["Matrix Tag"]],
        )
        # Odoo's export right is still needed, by Data Managers too.
        self.data_manager.groups_id -= self.export_group
        with self.assertRaisesRegex(UserError, "rights to export"):
            records["res.partner"].with_user(self.data_manager).export_data(["name"])

    def test_setting_off_restores_odoo_default(self):
        """Off: whoever has Odoo's export right exports CRM data. Neither
        way does the setting change who has that right, nor the template
        of new users."""
        exporters = self.export_group.users
        template = self.env.ref("base.default_user").groups_id
        without = new_test_user(
            self.env, login="rt_no_export", groups="base.group_user"
        )
        partner = self._records()["res.partner"]
        self._set_restrict(False)
        self.assertEqual(
            partner.with_user(self.salesman_all).export_data(["name"])["datas"],
            [["Matrix Customer"]],
        )
        with self.assertRaisesRegex(UserError, "rights to export"):
            partner.with_user(without).export_data(["name"])
        self.assertEqual(self.export_group.users, exporters)
        self._set_restrict(True)
        with self.assertRaises(AccessError):
            partner.with_user(self.salesman_all).export_data(["name"])
        self.assertEqual(self.export_group.users, exporters)
        self.assertEqual(self.env.ref("base.default_user").groups_id, template)
        self.assertFalse(without.has_group("base.group_allow_export"))


class TestSensitiveFields(AccessCase):
    def test_hidden_from_views_fields_get_and_search(self):
        Partner = self.env["res.partner"].with_user(self.salesman)
        self.assertNotIn("phone", Partner.fields_get())
        arch = Partner.get_views([(False, "form")])["views"]["form"]["arch"]
        self.assertNotIn('name="phone"', arch)
        with self.assertRaises(AccessError):
            Partner.search([("phone", "=", "+32 2 555 01 01")])
        partner = self._records()["res.partner"].with_user(self.salesman)
        self.assertNotIn("phone", partner.read()[0])
        # Data Managers see it.
        self.assertIn(
            "phone", self.env["res.partner"].with_user(self.data_manager).fields_get()
        )
        self.assertEqual(
            partner.with_user(self.data_manager).read(["phone"])[0]["phone"],
            "+32 2 555 01 01",
        )

    def test_export_refuses_sensitive_fields(self):
        self.env["ir.config_parameter"].set_param(
            "crm_retention.restrict_export", "False"
        )
        partner = self._records()["res.partner"].with_user(self.salesman)
        self.assertTrue(partner.export_data(["name"])["datas"])
        with self.assertRaises(AccessError):
            partner.export_data(["phone"])

    def test_unmark_and_restart(self):
        IrModelFields = self.env["ir.model.fields"].with_user(self.admin)
        partner = self._records()["res.partner"]
        IrModelFields._crm_retention_set_sensitive_fields(IrModelFields.browse())
        self.assertEqual(
            partner.with_user(self.salesman).read(["phone"])[0]["phone"],
            "+32 2 555 01 01",
        )
        # A server start (or another worker) applies the stored marks again.
        email = IrModelFields.search(
            [("model", "=", "res.partner"), ("name", "=", "email")]
        )
        IrModelFields._crm_retention_set_sensitive_fields(email)
        self.env["res.partner"]._fields["email"].groups = None
        self.env["ir.model.fields"]._register_hook()
        with self.assertRaises(AccessError):
            partner.with_user(self.salesman).read(["email"])

    def test_only_admins_choose(self):
        with self.assertRaises(AccessError):
            self.env["ir.model.fields"].with_user(
                self.data_manager
            )._crm_retention_set_sensitive_fields(self.env["ir.model.fields"].browse())

    def test_name_search_without_sensitive_email(self):
        email = self.env["ir.model.fields"].search(
            [("model", "=", "res.partner"), ("name", "=", "email")]
        )
        self.env["ir.model.fields"].with_user(
            self.admin
        )._crm_retention_set_sensitive_fields(email)
        partner = self.env["res.partner"].create(
            {"name": "Hidden Mail Ltd", "email": "secret@example.com"}
        )
        Partner = self.env["res.partner"].with_user(self.salesman)
        self.assertIn(partner.id, [r[0] for r in Partner.name_search("Hidden Mail")])
        self.assertNotIn(partner.id, [r[0] for r in Partner.name_search("secret@")])
        manager = self.env["res.partner"].with_user(self.data_manager)
        self.assertIn(partner.id, [r[0] for r in manager.name_search("secret@")])


class TestFlowsAsSalesperson(AccessCase):
    def test_merge_opportunities(self):
        Lead = self.env["crm.lead"].with_user(self.salesman)
        first = Lead.create(
            {"name": "Deal A", "type": "opportunity", "user_id": self.salesman.id}
        )
        second = Lead.create(
            {"name": "Deal B", "type": "opportunity", "user_id": self.salesman.id}
        )
        done = self.schedule(second)
        done.action_feedback()
        merged = (first | second).merge_opportunity()
        self.assertEqual(len((first | second).exists()), 1)
        self.assertEqual(done.res_id, merged.id, "done activity moved to the kept one")

    def test_convert_lead_merging_duplicates(self):
        Lead = self.env["crm.lead"].with_user(self.salesman)
        customer = self.env["res.partner"].create({"name": "Convert Co"})
        lead = Lead.create(
            {
                "name": "Convert me",
                "type": "lead",
                "partner_id": customer.id,
                "user_id": self.salesman.id,
            }
        )
        dup = Lead.create(
            {
                "name": "Convert dup",
                "type": "opportunity",
                "partner_id": customer.id,
                "user_id": self.salesman.id,
            }
        )
        wizard = Form(
            self.env["crm.lead2opportunity.partner"]
            .with_user(self.salesman)
            .with_context(
                active_model="crm.lead", active_id=lead.id, active_ids=lead.ids
            )
        )
        wizard.name = "merge"
        wizard.save().action_apply()
        self.assertEqual(len((lead | dup).exists()), 1)
        self.assertEqual((lead | dup).exists().type, "opportunity")

    def test_cancel_activity(self):
        activity = self.schedule(self.env["res.partner"].create({"name": "Cancel Co"}))
        activity.with_user(self.salesman).unlink()
        self.assertEqual(activity.history_state, "cancelled")

    def test_merge_contacts_is_for_data_managers(self):
        Partner = self.env["res.partner"]
        kept, dup = Partner.create([{"name": "Merge Co"}, {"name": "Merge Co"}])
        contact_manager = new_test_user(
            self.env,
            login="rt_contact_manager",
            groups="sales_team.group_sale_salesman,base.group_partner_manager",
        )
        wizard = self.env["base.partner.merge.automatic.wizard"].with_user(
            contact_manager
        )
        with self.assertRaisesRegex(AccessError, "Only Data Managers can merge"):
            wizard.create({})._merge((kept | dup).ids, kept)
        self.assertEqual((kept | dup).exists(), kept | dup)
        wizard.with_user(self.admin).create({})._merge((kept | dup).ids, kept)
        self.assertEqual((kept | dup).exists(), kept)

    def test_lead_assignment_merges_duplicates(self):
        """Odoo's 'Assign leads' by a Sales Administrator merges duplicate
        leads and deletes the merged ones: it keeps working."""
        team = self.env["crm.team"].create(
            {"name": "Assignment Team", "assignment_max": 30, "assignment_domain": "[]"}
        )
        self.env["crm.team.member"].create(
            {"crm_team_id": team.id, "user_id": self.salesman.id, "assignment_max": 30}
        )
        leads = self.env["crm.lead"].create(
            [
                {
                    "name": f"Dup {i}",
                    "email_from": "dup@example.com",
                    "type": "lead",
                    "team_id": False,
                    "user_id": False,
                }
                for i in range(2)
            ]
        )
        team.with_user(self.sales_admin)._action_assign_leads(creation_delta_days=0)
        self.assertEqual(len(leads.exists()), 1, "the duplicate was merged and deleted")
        self.assertEqual(leads.exists().team_id, team)
