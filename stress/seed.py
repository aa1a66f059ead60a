# Copyright 2026 crm_retention contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The stress run's data, seeded in bulk with the ORM in a process of its
own: python -m stress.seed --config C --database D common|addon.

'common' runs on a database with crm and contacts only: the users, contacts,
opportunities and activities of every scenario, so that the databases with
and without crm_retention hold the same data. 'addon' runs after
crm_retention is installed on the copy: the Data Managers and the traits."""

import argparse
import json

import odoo
from odoo import Command
from odoo.modules.registry import Registry
from odoo.tools import config

QUIET = {
    "tracking_disable": True,
    "mail_create_nolog": True,
    "mail_notrack": True,
    "mail_activity_quick_update": True,
    "no_reset_password": True,
}
# Users: login -> (groups, open leads, planned activities on them).
SALES = "sales_team.group_sale_salesman_all_leads,base.group_partner_manager"
EXPORT = ",base.group_allow_export"
MANAGER = "sales_team.group_sale_manager,base.group_partner_manager" + EXPORT
USERS = {
    "dm1": (MANAGER, 0, 0),
    "dm2": (MANAGER, 0, 0),
    "target1": (SALES, 0, 0),
    "target2": (SALES, 0, 0),
    **{f"sp{n}": (SALES + EXPORT, 0, 0) for n in range(1, 5)},
    "leaver_dup": (SALES, 300, 100),
    "leaver_busy": (SALES, 1200, 300),
    "leaver_kill": (SALES, 3000, 1000),
    **{f"load{n}": (SALES + EXPORT, 20, 240) for n in range(1, 21)},
}
CUSTOMERS = 3000  # plain contacts: read by the load, traits, deletions
TAGGED = 1000  # of them with the partner tag the vanilla side searches by


def user_vals(env, login, groups, company):
    return {
        "name": login.replace("_", " ").title(),
        "login": login,
        "password": login,
        "email": f"{login}@stress.example.com",
        "company_id": company.id,
        "company_ids": [Command.set(company.ids)],
        "groups_id": [
            Command.set(
                [env.ref("base.group_user").id]
                + [env.ref(xmlid).id for xmlid in groups.split(",")]
            )
        ],
    }


def seed_common(env):
    env = env(context=dict(env.context, **QUIET))
    main = env.ref("base.main_company")
    other = env["res.company"].create({"name": "Stress Company B"})
    Users = env["res.users"]
    users = {
        login: Users.create(user_vals(env, login, groups, main))
        for login, (groups, __, __) in USERS.items()
    }
    users["sp_b"] = Users.create(user_vals(env, "sp_b", SALES, other))
    tag = env["res.partner.category"].create({"name": "Stress Tag"})
    Partner = env["res.partner"]
    customers = Partner.create(
        [
            {
                "name": f"Stress Customer {n:05d}",
                "email": f"customer{n}@stress.example.com",
                "phone": f"+32 470 {n:06d}",
                "city": "Brussels",
                "category_id": [Command.set(tag.ids)] if n < TAGGED else [],
            }
            for n in range(CUSTOMERS)
        ]
    )
    # The customers of leaver_kill: the fault scenario blocks on one of them.
    for partner in customers[:50]:
        partner.user_id = users["leaver_kill"]
    Partner.create({"name": "Stress Customer of B", "company_id": other.id})
    env["crm.lead"].create(
        {
            "name": "Stress deal of B",
            "type": "opportunity",
            "company_id": other.id,
            "user_id": users["sp_b"].id,
        }
    )
    todo = env.ref("mail.mail_activity_data_todo")
    lead_model = env["ir.model"]._get_id("crm.lead")
    for login, (__, lead_count, activity_count) in USERS.items():
        if not lead_count:
            continue
        user = users[login]
        leads = env["crm.lead"].create(
            [
                {
                    "name": f"{login} deal {n}",
                    "type": "opportunity",
                    "user_id": user.id,
                    "team_id": False,
                    "expected_revenue": 1000 + n,
                }
                for n in range(lead_count)
            ]
        )
        # One activity per lead in each create: mail subscribes the owners
        # in bulk and trips over a lead twice in one batch.
        for first in range(0, activity_count, lead_count):
            env["mail.activity"].create(
                [
                    {
                        "res_model_id": lead_model,
                        "res_id": leads[n - first].id,
                        "activity_type_id": todo.id,
                        "summary": f"{login} call {n}",
                        "user_id": user.id,
                    }
                    for n in range(first, min(first + lead_count, activity_count))
                ]
            )
    return {"tag": tag.id, "company_b": other.id}


def seed_addon(env):
    env = env(context=dict(env.context, **QUIET))
    manager = env.ref("crm_retention.crm_retention_group_manager")
    users = env["res.users"].search([("login", "in", ["dm1", "dm2"])])
    users.write({"groups_id": [Command.link(manager.id)]})
    Trait = env["crm.retention.trait"]
    traits = {
        code: Trait.create({"name": f"Stress {code}", "code": code}).id
        for code in ("race", "kill", "load")
    }
    customers = env["res.partner"].search(
        [("name", "=like", "Stress Customer 0%")], order="id"
    )
    Assignment = env["crm.retention.trait.assignment"]
    Assignment.create(
        [{"partner_id": p.id, "trait_id": traits["kill"]} for p in customers[1000:3000]]
        + [{"partner_id": p.id, "trait_id": traits["load"]} for p in customers[:1000]]
    )
    return {"traits": traits}


def main():
    parser = argparse.ArgumentParser(prog="python -m stress.seed")
    parser.add_argument("--config", required=True)
    parser.add_argument("--database", required=True)
    parser.add_argument("step", choices=["common", "addon"])
    args = parser.parse_args()
    config.parse_config(["-c", args.config, "-d", args.database, "--log-level=warn"])
    registry = Registry(args.database)
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        step = seed_common if args.step == "common" else seed_addon
        print(json.dumps(step(env)))


if __name__ == "__main__":
    main()
