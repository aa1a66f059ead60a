# Copyright 2026 crm_retention contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Ending one CRM trait on 100,000 assignments through the server action."""

from odoo import Command
from odoo.tools import SQL

from .harness import Benchmark

COMPANIES = 100
PERSONS = 100_000  # one newsletter assignment each, spread over the companies
OTHER_EVERY = 10  # one person in ten also has another trait, which stays


class TraitRemoval(Benchmark):
    name = "traits"
    description = (
        f"end the newsletter trait on {PERSONS:,} assignments ({COMPANIES} "
        f"dossiers, scope 'dossier') by running the 'Add or remove CRM "
        f"traits/actions' server action; baseline: one raw SQL UPDATE making "
        f"the same change"
    )
    repeat = 7

    def seed(self, env):
        companies = env["res.partner"].create(
            [
                {"name": f"Bench Dossier {i}", "is_company": True}
                for i in range(COMPANIES)
            ]
        )
        Trait = env["crm.retention.trait"]
        newsletter = Trait.create({"name": "Bench newsletter", "code": "bench_news"})
        other = Trait.create({"name": "Bench other", "code": "bench_other"})
        env.flush_all()
        cr = env.cr
        # Persons and assignments in bulk: the ORM would take minutes.
        cr.execute(
            SQL(
                """
                INSERT INTO res_partner (name, complete_name, active, type,
                       is_company, parent_id, commercial_partner_id,
                       create_uid, write_uid, create_date, write_date)
                SELECT 'Bench Person ' || g, 'Bench Person ' || g, TRUE,
                       'contact', FALSE, c.id, c.id, %(uid)s, %(uid)s,
                       now() at time zone 'utc', now() at time zone 'utc'
                  FROM generate_series(1, %(persons)s) g
                  JOIN LATERAL (
                      SELECT (%(companies)s::int[])[1 + mod(g, %(count)s)] AS id
                  ) c ON TRUE
                """,
                uid=env.uid,
                persons=PERSONS,
                companies=companies.ids,
                count=COMPANIES,
            )
        )
        cr.execute(
            SQL(
                """
                INSERT INTO crm_retention_trait_assignment (partner_id,
                       dossier_id, trait_id, active, added_date,
                       added_user_id, create_uid, write_uid, create_date,
                       write_date)
                SELECT p.id, p.commercial_partner_id, t.trait_id, TRUE,
                       now() at time zone 'utc', %(uid)s, %(uid)s, %(uid)s,
                       now() at time zone 'utc', now() at time zone 'utc'
                  FROM res_partner p
                  JOIN LATERAL (
                      SELECT %(newsletter)s AS trait_id
                      UNION ALL
                      SELECT %(other)s WHERE mod(p.id, %(every)s) = 0
                  ) t ON TRUE
                 WHERE p.commercial_partner_id = ANY(%(companies)s)
                   AND NOT p.is_company
                """,
                uid=env.uid,
                newsletter=newsletter.id,
                other=other.id,
                every=OTHER_EVERY,
                companies=companies.ids,
            )
        )
        cr.execute("ANALYZE res_partner")
        cr.execute("ANALYZE crm_retention_trait_assignment")
        env.invalidate_all()
        action = env["ir.actions.server"].create(
            {
                "name": "Bench: remove the newsletter",
                "model_id": env["ir.model"]._get_id("res.partner"),
                "state": "crm_retention_traits",
                "crm_retention_operation": "remove",
                "crm_retention_target": "trait",
                "crm_retention_trait_ids": [Command.set(newsletter.ids)],
                "crm_retention_scope": "dossier",
            }
        )
        return {
            "companies": companies.ids,
            "newsletter": newsletter.id,
            "action": action.id,
        }

    def baseline(self, env, data):
        env.cr.execute(
            SQL(
                """
                UPDATE crm_retention_trait_assignment
                   SET active = FALSE, removed_date = now() at time zone 'utc',
                       removed_user_id = %(uid)s, removal_reason = 'workflow',
                       write_date = now() at time zone 'utc', write_uid = %(uid)s
                 WHERE active AND trait_id = %(trait)s
                   AND dossier_id = ANY(%(companies)s)
                """,
                uid=env.uid,
                trait=data["newsletter"],
                companies=data["companies"],
            )
        )
        assert env.cr.rowcount == PERSONS, env.cr.rowcount

    def candidate(self, env, data):
        env["ir.actions.server"].browse(data["action"]).with_context(
            active_model="res.partner",
            active_ids=data["companies"],
            active_id=data["companies"][0],
        ).run()
        env.flush_all()
        left = env["crm.retention.trait.assignment"].search_count(
            [
                ("trait_id", "=", data["newsletter"]),
                ("dossier_id", "in", data["companies"]),
            ]
        )
        assert left == 0, left


BENCHMARKS = [TraitRemoval]
