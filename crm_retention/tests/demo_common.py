# Copyright 2026 crm_retention contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Load the demo data into the test database (which has none): the few
records of Odoo's demo data it builds on, then the demo files, as Odoo
loads them at install (mode 'init': their actions run)."""

from odoo.tools import convert_file

# The records of Odoo's demo data the story uses: (xmlid, model, values).
ODOO_DEMO = [
    ("sales_team.crm_team_1", "crm.team", {"name": "Pre-Sales"}),
    (
        "base.res_partner_1",
        "res.partner",
        {"name": "Wood Corner", "is_company": True},
    ),
    (
        "base.res_partner_4",
        "res.partner",
        {"name": "Ready Mat", "is_company": True},
    ),
    (
        "base.res_partner_12",
        "res.partner",
        {"name": "Azure Interior", "is_company": True},
    ),
]


def ensure_odoo_demo(env):
    """Create the Odoo demo records the demo refers to, if missing."""
    Data = env["ir.model.data"]
    for xmlid, model, values in ODOO_DEMO:
        if env.ref(xmlid, raise_if_not_found=False):
            continue
        record = env[model].create(values)
        module, name = xmlid.split(".")
        Data.create(
            {"module": module, "name": name, "model": model, "res_id": record.id}
        )
    if not env.ref("base.user_demo", raise_if_not_found=False):
        partner = env["res.partner"].create(
            {"name": "Marc Demo", "email": "mark.brown23@example.com"}
        )
        user = env["res.users"].create(
            {
                "name": "Marc Demo",
                "login": "demo",
                "partner_id": partner.id,
                "groups_id": [
                    (
                        6,
                        0,
                        [
                            env.ref("base.group_user").id,
                            env.ref("base.group_partner_manager").id,
                            env.ref("sales_team.group_sale_salesman").id,
                        ],
                    )
                ],
            }
        )
        Data.create(
            {
                "module": "base",
                "name": "user_demo",
                "model": "res.users",
                "res_id": user.id,
            }
        )


def load_demo(env, module, filename, mode="init"):
    """Load one demo file of module as Odoo does (noupdate, like the
    module's demo data)."""
    convert_file(env, module, filename, {}, mode=mode, noupdate=True, kind="demo")
