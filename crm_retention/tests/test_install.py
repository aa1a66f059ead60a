# Copyright 2026 crm_retention contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from .common import RetentionCase


class TestInstall(RetentionCase):
    def test_data_manager_group(self):
        group = self.env.ref("crm_retention.crm_retention_group_manager")
        self.assertEqual(group.category_id.name, "CRM Retention")
        self.assertIn(self.data_manager, group.users)
        self.assertNotIn(self.salesman, group.users)
        self.assertNotIn(self.salesman_all, group.users)

    def test_sales_admin_is_data_manager(self):
        """Sales Administrators manage the CRM, so they get Data Manager."""
        self.assertTrue(
            self.sales_admin.has_group("crm_retention.crm_retention_group_manager")
        )
        self.assertFalse(
            self.salesman.has_group("crm_retention.crm_retention_group_manager")
        )
