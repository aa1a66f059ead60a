# Copyright 2026 crm_retention contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import new_test_user, tagged
from odoo.tools import SQL

from odoo.addons.base.tests.common import BaseCommon


@tagged("post_install", "-at_install")
class RetentionCase(BaseCommon):
    """Users of every role the addon cares about, built once per class.
    Post-install: some tests need base_automation, installed with the addon."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.salesman = new_test_user(
            cls.env,
            login="rt_salesman",
            name="Sally Salesman",
            groups="sales_team.group_sale_salesman",
        )
        cls.salesman_all = new_test_user(
            cls.env,
            login="rt_salesman_all",
            name="Sam All-Leads",
            groups="sales_team.group_sale_salesman_all_leads",
        )
        cls.data_manager = new_test_user(
            cls.env,
            login="rt_data_manager",
            name="Dana Data-Manager",
            groups="sales_team.group_sale_salesman_all_leads,"
            "crm_retention.crm_retention_group_manager,base.group_partner_manager",
        )
        cls.sales_admin = new_test_user(
            cls.env,
            login="rt_sales_admin",
            name="Ada Sales-Admin",
            groups="sales_team.group_sale_manager",
        )
        cls.todo_type = cls.env.ref("mail.mail_activity_data_todo")

    @classmethod
    def schedule(cls, record, user=None, summary="Call back"):
        """Plan a to-do on record for user (the salesperson by default)."""
        return record.activity_schedule(
            "mail.mail_activity_data_todo",
            summary=summary,
            user_id=(user or cls.salesman).id,
        )

    def all_activities(self, record):
        """Every activity of record, planned, done and cancelled."""
        return (
            self.env["mail.activity"]
            .with_context(active_test=False)
            .search([("res_model", "=", record._name), ("res_id", "in", record.ids)])
        )


def text_columns(env):
    """(table, column) of every text, char, html and json column."""
    env.cr.execute(
        """
        SELECT c.table_name, c.column_name
          FROM information_schema.columns c
          JOIN information_schema.tables t
            ON t.table_name = c.table_name AND t.table_schema = c.table_schema
         WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'
           AND c.data_type IN ('text', 'character varying', 'jsonb', 'json')
         ORDER BY 1, 2
        """
    )
    return env.cr.fetchall()


def find_markers(env, markers, exclude_tables=()):
    """Every (table, column, id) of the database holding one of markers."""
    env.flush_all()
    hits = []
    for table, column in text_columns(env):
        if table in exclude_tables:
            continue
        condition = SQL(" OR ").join(
            SQL("%s::text ILIKE %s", SQL.identifier(column), f"%{marker}%")
            for marker in markers
        )
        env.cr.execute(
            SQL(
                "SELECT %s FROM %s WHERE %s",
                SQL("id") if table_has_id(env, table) else SQL("NULL"),
                SQL.identifier(table),
                condition,
            )
        )
        hits += [(table, column, row[0]) for row in env.cr.fetchall()]
    return hits


def table_has_id(env, table):
    env.cr.execute(
        "SELECT 1 FROM information_schema.columns "
        "WHERE table_schema = 'public' AND table_name = %s AND column_name = 'id'",
        [table],
    )
    return bool(env.cr.fetchone())
