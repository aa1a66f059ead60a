# Copyright 2026 crm_retention contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from xmlrpc.client import Fault

from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestXmlRpcGuard(HttpCase):
    """The guards hold for RPC clients, not only in the web client."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.salesman = new_test_user(
            cls.env,
            login="rt_rpc_salesman",
            password="rt_rpc_salesman",
            groups="sales_team.group_sale_salesman_all_leads,base.group_partner_manager",
        )
        cls.manager = new_test_user(
            cls.env,
            login="rt_rpc_manager",
            password="rt_rpc_manager",
            groups="sales_team.group_sale_manager,base.group_partner_manager,"
            "crm_retention.crm_retention_group_manager",
        )
        Partner = cls.env["res.partner"]
        cls.guarded = Partner.create({"name": "RPC Customer"})
        cls.env["crm.lead"].create({"name": "RPC deal", "partner_id": cls.guarded.id})
        cls.free = Partner.create({"name": "RPC Nobody"})

    def _unlink(self, user, ids):
        return self.xmlrpc_object.execute(
            self.env.cr.dbname, user.id, user.login, "res.partner", "unlink", ids
        )

    def test_guarded_partner_through_xmlrpc(self):
        with self.assertRaises(Fault) as caught:
            self._unlink(self.manager, self.guarded.ids)
        self.assertIn("would lose this history", caught.exception.faultString)
        self.assertIn("RPC Customer has 1 opportunity.", caught.exception.faultString)
        self.assertTrue(self.guarded.exists())

    def test_salesman_cannot_delete_through_xmlrpc(self):
        for partner in (self.guarded, self.free):
            with self.assertRaises(Fault) as caught:
                self._unlink(self.salesman, partner.ids)
            self.assertIn("Only Data Managers can delete", caught.exception.faultString)
            self.assertTrue(partner.exists())

    def test_batch_through_xmlrpc_deletes_nothing(self):
        with self.assertRaises(Fault):
            self._unlink(self.manager, (self.free | self.guarded).ids)
        self.assertEqual((self.free | self.guarded).exists(), self.free | self.guarded)

    def test_request_deletion_through_xmlrpc(self):
        """A salesperson asks over RPC: the answer is the requests' ids (a
        recordset cannot cross XML-RPC)."""
        ids = self.xmlrpc_object.execute(
            self.env.cr.dbname,
            self.salesman.id,
            self.salesman.login,
            "res.partner",
            "action_request_deletion",
            self.free.ids,
            "Typed by mistake",
        )
        request = self.env["crm.retention.deletion.request"].browse(ids)
        self.assertEqual(len(request), 1)
        self.assertEqual(
            (request.res_model, request.res_id, request.reason),
            ("res.partner", self.free.id, "Typed by mistake"),
        )
        self.assertEqual(request.requester_id, self.salesman)

    def test_free_partner_through_xmlrpc(self):
        self.assertTrue(self._unlink(self.manager, self.free.ids))
        self.assertFalse(self.free.exists())

    def _call(self, user, model, method, *args, **kwargs):
        return self.xmlrpc_object.execute_kw(
            self.env.cr.dbname, user.id, user.login, model, method, list(args), kwargs
        )

    def test_restore_through_xmlrpc_only_for_data_managers(self):
        """The recycle bin over RPC: a salesperson can neither read nor
        restore an entry (a clear error, nothing restored); a Data Manager
        restores."""
        self.assertTrue(self._unlink(self.manager, self.free.ids))
        entry = self.env["crm.retention.deletion.log"].search(
            [("res_model", "=", "res.partner"), ("res_id", "=", self.free.id)]
        )
        self.assertEqual(len(entry), 1)
        for method, message in (
            ("action_restore", "Only Data Managers can restore deleted records"),
            ("read", "You are not allowed to access"),
        ):
            with self.assertRaises(Fault) as caught:
                self._call(
                    self.salesman, "crm.retention.deletion.log", method, entry.ids
                )
            # Odoo's fault code of an AccessError, not a server fault (1).
            self.assertEqual(caught.exception.faultCode, 4)
            self.assertIn(message, caught.exception.faultString)
        self.assertFalse(self.free.exists())
        self._call(
            self.manager, "crm.retention.deletion.log", "action_restore", entry.ids
        )
        self.env.invalidate_all()
        self.assertTrue(self.free.exists())
        self.assertEqual(entry.state, "restored")

    def test_erase_through_xmlrpc(self):
        """A Data Manager erases a contact with history over RPC (the
        wizard, as the web client does); a salesperson cannot."""
        self.guarded.email = "rpc.customer@example.com"
        context = {"active_model": "res.partner", "active_ids": self.guarded.ids}
        wizard_id = self._call(
            self.manager,
            "crm.retention.erase",
            "create",
            {"reason": "RPC"},
            context=context,
        )
        for method, args in (
            ("create", [{"reason": "RPC"}]),
            ("action_erase", [[wizard_id]]),
        ):
            with self.assertRaises(Fault) as caught:
                self._call(
                    self.salesman, "crm.retention.erase", method, *args, context=context
                )
            self.assertIn("not allowed", caught.exception.faultString)
        with self.assertRaises(Fault) as caught:
            self._call(
                self.salesman,
                "res.partner",
                "action_erase_personal_data",
                self.guarded.ids,
            )
        self.assertIn("Only Data Managers", caught.exception.faultString)
        self.assertFalse(self.guarded.is_erased)

        self._call(self.manager, "crm.retention.erase", "action_erase", [wizard_id])
        self.assertTrue(self.guarded.is_erased)
        self.assertFalse(self.guarded.email)
        self.assertEqual(
            self.env["crm.lead"].search([("partner_id", "=", self.guarded.id)]).name,
            "RPC deal",
        )
        # Erased once: a second erasure is refused with a clear message.
        with self.assertRaises(Fault) as caught:
            self._call(
                self.manager,
                "res.partner",
                "action_erase_personal_data",
                self.guarded.ids,
            )
        self.assertIn("Already erased", caught.exception.faultString)


@tagged("post_install", "-at_install")
class TestXmlRpcMatrix(HttpCase):
    """The access matrix, through real XML-RPC calls to the test server."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        phone = cls.env["ir.model.fields"].search(
            [("model", "=", "res.partner"), ("name", "=", "phone")]
        )
        cls.env["ir.model.fields"].with_user(
            cls.env.ref("base.user_admin")
        )._crm_retention_set_sensitive_fields(phone)
        cls.addClassCleanup(
            cls.env["ir.model.fields"]._crm_retention_apply_sensitive_fields, ()
        )
        # Internal users have Odoo's export right, as Odoo's template gives
        # it: only the addon's restriction refuses the export.
        groups = {
            "portal": "base.group_portal",
            "internal": "base.group_user",
            "salesman": "sales_team.group_sale_salesman",
            "sales_admin": "sales_team.group_sale_manager",
            "data_manager": "sales_team.group_sale_salesman_all_leads,"
            "crm_retention.crm_retention_group_manager",
        }
        export = ",base.group_allow_export"
        cls.users = {
            role: new_test_user(
                cls.env,
                login=f"rt_rpc_{role}",
                password=f"rt_rpc_{role}",
                groups=group + (export if role != "portal" else ""),
            )
            for role, group in groups.items()
        }
        cls.partner = cls.env["res.partner"].create(
            {"name": "RPC Matrix", "phone": "+32 2 555 02 02"}
        )

    def _call(self, role, method, *args):
        user = self.users[role]
        return self.xmlrpc_object.execute(
            self.env.cr.dbname, user.id, f"rt_rpc_{role}", "res.partner", method, *args
        )

    def _rpc_outcome(self, role, method, *args):
        try:
            self._call(role, method, *args)
        except Fault as fault:
            return "denied: " + fault.faultString.splitlines()[0]
        return "ok"

    def test_matrix_xmlrpc(self):
        ids = self.partner.ids
        expected = {
            # role: (read, export, sensitive read, unlink)
            "portal": ("denied", "denied", "denied", "denied"),
            "internal": ("ok", "denied", "denied", "denied"),
            "salesman": ("ok", "denied", "denied", "denied"),
            "sales_admin": ("ok", "denied", "denied", "denied"),
            "data_manager": ("ok", "ok", "ok", "ok"),
        }
        for role, outcomes in expected.items():
            got = (
                self._rpc_outcome(role, "read", ids, ["name"]),
                self._rpc_outcome(role, "export_data", ids, ["name"]),
                self._rpc_outcome(role, "read", ids, ["phone"]),
                self._rpc_outcome(role, "unlink", ids),
            )
            for operation, want, outcome in zip(
                ("read", "export", "sensitive", "unlink"), outcomes, got, strict=True
            ):
                self.assertTrue(
                    outcome.startswith(want),
                    f"{role} {operation}: {outcome}, not {want}",
                )
        self.assertFalse(self.partner.exists(), "the Data Manager deleted it, last")

    def test_denials_name_what_is_needed(self):
        self.assertIn(
            "Only Data Managers can delete",
            self._rpc_outcome("salesman", "unlink", self.partner.ids),
        )
        self.assertIn(
            'fields "phone"',
            self._rpc_outcome("salesman", "read", self.partner.ids, ["phone"]),
        )
        self.assertIn(
            'Only Data Managers can export "Contact" records',
            self._rpc_outcome("salesman", "export_data", self.partner.ids, ["name"]),
        )
        self.assertTrue(self.partner.exists())


@tagged("post_install", "-at_install")
class TestXmlRpcOffboarding(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.salesman = new_test_user(
            cls.env,
            login="rt_rpc_off_salesman",
            password="rt_rpc_off_salesman",
            groups="sales_team.group_sale_salesman_all_leads",
        )
        cls.manager = new_test_user(
            cls.env,
            login="rt_rpc_off_manager",
            password="rt_rpc_off_manager",
            groups="sales_team.group_sale_salesman_all_leads,"
            "crm_retention.crm_retention_group_manager",
        )

    def test_offboarding_through_xmlrpc(self):
        """Offboarding is for Data Managers, through RPC too, and the RPC
        client gets the same checks as the web client."""
        leaver = new_test_user(
            self.env,
            login="rt_rpc_leaver",
            password="rt_rpc_leaver",
            groups="sales_team.group_sale_salesman",
        )
        db = self.env.cr.dbname
        self.assertEqual(
            self.xmlrpc_common.authenticate(db, leaver.login, leaver.login, {}),
            leaver.id,
        )
        deal = self.env["crm.lead"].create(
            {"name": "RPC open deal", "user_id": leaver.id}
        )

        def call(user, model, method, *args):
            return self.xmlrpc_object.execute(
                self.env.cr.dbname, user.id, user.login, model, method, *args
            )

        values = {"user_id": leaver.id, "target_user_id": self.salesman.id}
        with self.assertRaises(Fault) as caught:
            call(self.salesman, "crm.retention.offboard.user", "create", [values])
        self.assertIn("crm.retention.offboard.user", caught.exception.faultString)
        # The departing user as new owner: refused, nothing changed.
        with self.assertRaises(Fault) as caught:
            call(
                self.manager,
                "crm.retention.offboard.user",
                "create",
                [{"user_id": leaver.id, "target_user_id": leaver.id}],
            )
        self.assertIn("is the departing user", caught.exception.faultString)
        self.assertTrue(leaver.active)
        wizard_id = call(
            self.manager, "crm.retention.offboard.user", "create", [values]
        )
        call(self.manager, "crm.retention.offboard.user", "action_offboard", wizard_id)
        self.assertFalse(leaver.active)
        # They cannot log in any more.
        self.assertFalse(
            self.xmlrpc_common.authenticate(db, leaver.login, leaver.login, {})
        )
        self.assertEqual(deal.user_id, self.salesman)
        offboarding = self.env["crm.retention.offboarding"].search(
            [("user_id", "=", leaver.id)]
        )
        with self.assertRaises(Fault):
            call(
                self.salesman,
                "crm.retention.offboarding",
                "action_undo",
                offboarding.ids,
            )
        self.assertEqual(deal.user_id, self.salesman)
        call(self.manager, "crm.retention.offboarding", "action_undo", offboarding.ids)
        self.assertEqual(deal.user_id, leaver)
