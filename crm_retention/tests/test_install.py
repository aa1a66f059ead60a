# Copyright 2026 crm_retention contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json

from ..hooks import uninstall_hook
from .common import RetentionCase


class TestInstall(RetentionCase):
    def test_data_manager_group(self):
        group = self.env.ref("crm_retention.crm_retention_group_manager")
        self.assertEqual(group.category_id.name, "CRM Retention")
        self.assertIn(self.data_manager, group.users)
        self.assertNotIn(self.salesman, group.users)
        self.assertNotIn(self.salesman_all, group.users)

    def test_sales_admin_is_not_data_manager(self):
        """Odoo's template makes every new user a Sales Administrator: the
        right to delete is given on purpose, not through that group."""
        group = "crm_retention.crm_retention_group_manager"
        self.assertFalse(self.sales_admin.has_group(group))
        self.assertFalse(self.salesman.has_group(group))
        self.assertTrue(self.env.ref("base.user_admin").has_group(group))
        newcomer = self.env["res.users"].create({"name": "Newcomer", "login": "rt_new"})
        self.assertFalse(newcomer.has_group(group))


class TestUninstallHook(RetentionCase):
    def test_activity_types_and_parameters_as_before(self):
        """The uninstall hook gives the activity types their Keep Done of
        before the install and leaves no parameter of the addon."""
        Type = self.env["mail.activity.type"].with_context(active_test=False)
        kept_before = Type.create({"name": "Kept by the admin"})
        params = self.env["ir.config_parameter"]
        params.set_param(
            "crm_retention.keep_done_before_install", json.dumps(kept_before.ids)
        )
        params.set_param("crm_retention.history_models", "mail.test.activity")
        self.assertEqual(set(Type.search([]).mapped("keep_done")), {True})
        uninstall_hook(self.env)
        self.assertTrue(kept_before.keep_done)
        self.assertEqual(
            set((Type.search([]) - kept_before).mapped("keep_done")), {False}
        )
        self.assertFalse(params.search([("key", "=like", "crm\\_retention.%")]))
