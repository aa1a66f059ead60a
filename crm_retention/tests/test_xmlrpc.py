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
        self.assertIn("cannot be deleted", caught.exception.faultString)
        self.assertIn(
            "RPC Customer: 1 leads/opportunities", caught.exception.faultString
        )
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

    def test_free_partner_through_xmlrpc(self):
        self.assertTrue(self._unlink(self.manager, self.free.ids))
        self.assertFalse(self.free.exists())
