# Copyright 2026 crm_retention contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Offboarding a user who owns 20,000 opportunities, 20,000 upcoming
activities and 5,000 customers."""

from odoo import Command
from odoo.tools import SQL

from odoo.addons.mail.models.mail_activity import MailActivity as MailActivityBase

from .harness import Benchmark

OPPORTUNITIES = 20_000
CUSTOMERS = 5_000
ACTIVITIES_ON_OPPORTUNITIES = 15_000  # the other 5,000 are on the customers


class Offboarding(Benchmark):
    name = "offboarding"
    description = (
        f"offboard a user owning {OPPORTUNITIES:,} open opportunities, "
        f"{ACTIVITIES_ON_OPPORTUNITIES + CUSTOMERS:,} upcoming activities and "
        f"{CUSTOMERS:,} customers through the wizard, to one user, as a Data "
        f"Manager (deactivation, reassignment, one chatter note per record, "
        f"followers, offboarding record); baseline: the same reassignment as "
        f"one plain write() per model (leads: user_id and team_id together), "
        f"without chatter notes (tracking_disable) nor assignment emails "
        f"(mail_activity_quick_update)"
    )
    repeat = 3

    def seed(self, env):
        Users = env["res.users"].with_context(no_reset_password=True)
        leaver, heir = Users.create(
            [
                {
                    "name": f"Bench {name}",
                    "login": f"bench_{name}",
                    "groups_id": [
                        Command.set([env.ref("sales_team.group_sale_salesman").id])
                    ],
                }
                for name in ("leaver", "heir")
            ]
        )
        manager = Users.create(
            {
                "name": "Bench Data Manager",
                "login": "bench_data_manager",
                "groups_id": [
                    Command.set(
                        [
                            env.ref("sales_team.group_sale_salesman_all_leads").id,
                            env.ref("crm_retention.crm_retention_group_manager").id,
                        ]
                    )
                ],
            }
        )
        team = env["crm.team"].create(
            {"name": "Bench team", "member_ids": [Command.set(leaver.ids)]}
        )
        stage = env["crm.stage"].search([("is_won", "=", False)], limit=1)
        env.flush_all()
        cr = env.cr
        # Records in bulk: the ORM would take minutes to seed them.
        cr.execute(
            SQL(
                """
                INSERT INTO crm_lead (name, type, user_id, team_id, company_id,
                       stage_id, active, probability, priority,
                       create_uid, write_uid, create_date, write_date)
                SELECT 'Bench deal ' || g, 'opportunity', %(user)s, %(team)s,
                       %(company)s, %(stage)s, TRUE, 10, '0', %(uid)s, %(uid)s,
                       now() at time zone 'utc', now() at time zone 'utc'
                  FROM generate_series(1, %(count)s) g
                RETURNING id
                """,
                user=leaver.id,
                team=team.id,
                company=env.company.id,
                stage=stage.id,
                uid=env.uid,
                count=OPPORTUNITIES,
            )
        )
        lead_ids = [row[0] for row in cr.fetchall()]
        cr.execute(
            SQL(
                """
                INSERT INTO res_partner (name, complete_name, active, type,
                       is_company, user_id, create_uid, write_uid,
                       create_date, write_date)
                SELECT 'Bench customer ' || g, 'Bench customer ' || g, TRUE,
                       'contact', TRUE, %(user)s, %(uid)s, %(uid)s,
                       now() at time zone 'utc', now() at time zone 'utc'
                  FROM generate_series(1, %(count)s) g
                RETURNING id
                """,
                user=leaver.id,
                uid=env.uid,
                count=CUSTOMERS,
            )
        )
        partner_ids = [row[0] for row in cr.fetchall()]
        cr.execute(
            SQL(
                "UPDATE res_partner SET commercial_partner_id = id WHERE id = ANY(%s)",
                partner_ids,
            )
        )
        todo = env.ref("mail.mail_activity_data_todo")
        for model, ids in (
            ("crm.lead", lead_ids[:ACTIVITIES_ON_OPPORTUNITIES]),
            ("res.partner", partner_ids),
        ):
            cr.execute(
                SQL(
                    """
                    INSERT INTO mail_activity (res_model_id, res_model, res_id,
                           res_name, activity_type_id, summary, date_deadline,
                           user_id, active, create_uid, write_uid, create_date,
                           write_date)
                    SELECT %(model_id)s, %(model)s, r.id, 'Bench', %(type)s,
                           'Follow up', current_date + 7, %(user)s, TRUE,
                           %(uid)s, %(uid)s, now() at time zone 'utc',
                           now() at time zone 'utc'
                      FROM unnest(%(ids)s) AS r(id)
                    """,
                    model_id=env["ir.model"]._get_id(model),
                    model=model,
                    type=todo.id,
                    user=leaver.id,
                    uid=env.uid,
                    ids=ids,
                )
            )
        for table in ("crm_lead", "res_partner", "mail_activity"):
            cr.execute(SQL("ANALYZE %s", SQL.identifier(table)))
        env.invalidate_all()
        return {
            "leaver": leaver.id,
            "heir": heir.id,
            "manager": manager.id,
            "team": team.id,
            "leads": lead_ids,
            "partners": partner_ids,
        }

    def baseline(self, env, data):
        env = env(
            context=dict(
                env.context, tracking_disable=True, mail_activity_quick_update=True
            )
        )
        heir = data["heir"]
        env["crm.lead"].browse(data["leads"]).write(
            {"user_id": heir, "team_id": data["team"]}
        )
        activities = env["mail.activity"].search([("user_id", "=", data["leaver"])])
        assert len(activities) == ACTIVITIES_ON_OPPORTUNITIES + CUSTOMERS
        activities.write({"user_id": heir})
        env["res.partner"].browse(data["partners"]).write({"user_id": heir})

    def candidate(self, env, data):
        env = env(user=data["manager"])
        wizard = env["crm.retention.offboard.user"].create(
            {"user_id": data["leaver"], "target_user_id": data["heir"]}
        )
        wizard.action_offboard()
        offboarding = env["crm.retention.offboarding"].search(
            [("user_id", "=", data["leaver"])]
        )
        assert offboarding.lead_count == OPPORTUNITIES, offboarding.lead_count
        assert offboarding.activity_count == ACTIVITIES_ON_OPPORTUNITIES + CUSTOMERS
        assert offboarding.customer_count == CUSTOMERS


class OffboardingBareOrm(Offboarding):
    """The same, against a stricter baseline: mail's write() of activities
    subscribes the new owner once per activity (a query each), most of the
    plain baseline's time. Here the activities are written by the bare ORM,
    without that loop: what the offboarding adds to the ORM's own work."""

    name = "offboarding_bare_orm"
    description = (
        f"the same offboarding ({OPPORTUNITIES:,} opportunities, "
        f"{ACTIVITIES_ON_OPPORTUNITIES + CUSTOMERS:,} activities, {CUSTOMERS:,} "
        f"customers); baseline: one write() per model as above, but the "
        f"activities written by the bare ORM (without mail's per-activity "
        f"follower subscription)"
    )

    def baseline(self, env, data):
        env = env(context=dict(env.context, tracking_disable=True))
        heir = data["heir"]
        env["crm.lead"].browse(data["leads"]).write(
            {"user_id": heir, "team_id": data["team"]}
        )
        activities = env["mail.activity"].search([("user_id", "=", data["leaver"])])
        assert len(activities) == ACTIVITIES_ON_OPPORTUNITIES + CUSTOMERS
        super(MailActivityBase, activities).write({"user_id": heir})
        env["res.partner"].browse(data["partners"]).write({"user_id": heir})


BENCHMARKS = [Offboarding, OffboardingBareOrm]
