# Copyright 2026 crm_retention contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Hostile input over RPC (plain Python): wrong types, other companies'
ids, 100,000 ids in one call, huge strings, injection attempts, private
methods. Each must be answered with an error (and the worker must live),
the database unchanged; the few inputs that are legitimate data (a long
name, quotes in a name) must be stored exactly as sent."""

from . import checks
from .hostile_cases import PARTNER_B, refused_cases
from .report import Row
from .rpc import Client, attempt

GROUP = "hostile"
TABLES = (
    "res_partner",
    "crm_lead",
    "mail_activity",
    "res_users",
    "res_groups_users_rel",
    "ir_config_parameter",
    "crm_retention_offboarding",
    "crm_retention_offboarding_line",
    "crm_retention_trait_assignment",
    "crm_retention_deletion_log",
    "crm_retention_deletion_request",
    "ir_rule",
    "ir_model_access",
)
INJECTION = "x'); DROP TABLE res_partner; --"


def fingerprint(run):
    return {
        table: run.cluster.value(
            run.db,
            f"SELECT count(*) || ':' || coalesce(sum(hashtext(t::text)), 0) "
            f"FROM {table} t",
        )
        for table in TABLES
    }


def run_all(run):
    clients = {
        login: Client(run.port, run.db, login, "admin" if login == "admin" else None)
        for login in ("sp1", "dm1", "admin")
    }
    cases, user_b = refused_cases(run)
    # Wizards made beforehand (their creation is legitimate).
    dm1, sp1 = clients["dm1"], clients["sp1"]
    trait = run.facts["traits"]["race"]
    made = {
        "TRAIT_B": sp1.call(
            "crm.retention.trait.wizard",
            "create",
            {
                "partner_ids": [(6, 0, [run.cluster.value(run.db, PARTNER_B)])],
                "trait_ids": [(6, 0, [trait])],
            },
        ),
        "OFFBOARD_B": dm1.call(
            "crm.retention.offboard.user",
            "create",
            {"user_id": user_b, "target_user_id": dm1.uid},
        ),
        # A Data Manager's wizard, that a salesperson tries to run.
        "OFFBOARD_SELF": dm1.call(
            "crm.retention.offboard.user",
            "create",
            {"user_id": checks.user_id(run, "target2"), "target_user_id": sp1.uid},
        ),
    }
    before = fingerprint(run)
    refused, wrong, log = {}, [], []
    for category, login, model, method, args, kwargs in cases:
        args = [[made[a]] if isinstance(a, str) and a in made else a for a in args]
        passed, answer = attempt(clients[login], model, method, *args, **kwargs)
        clear = not passed and answer and not answer.startswith("no answer")
        total, good = refused.get(category, (0, 0))
        refused[category] = (total + 1, good + bool(clear))
        log.append(
            f"{category} | {login} {model}.{method} -> "
            f"{'ACCEPTED' if passed else answer}"
        )
        if not clear:
            wrong.append(
                f"{model}.{method} ({category}): {'accepted' if passed else answer}"
            )
    after = fingerprint(run)
    changed = [table for table in TABLES if before[table] != after[table]]
    (run.cluster.local / "hostile.txt").write_text("\n".join(log) + "\n")
    rows = [
        Row(
            GROUP,
            f"{category}",
            f"{total} calls",
            f"{good} answered with an error"
            + (
                f"; not: {'; '.join(w for w in wrong if category in w)}"
                if good < total
                else ""
            ),
            ok=good == total,
        )
        for category, (total, good) in refused.items()
    ]
    rows.append(
        Row(
            GROUP,
            "nothing changed",
            f"{len(TABLES)} tables compared",
            f"changed: {', '.join(changed) or 'none'}",
            lost=len(changed),
            ok=not changed,
        )
    )
    rows.append(stored_verbatim(run, clients["sp1"]))
    return rows


def stored_verbatim(run, seller):
    """Data that looks hostile: stored exactly as sent, or refused with an
    error and nothing stored (a 200,000-character name does not fit in
    PostgreSQL's index of the names)."""
    values = [INJECTION, "<script>alert(1)</script>", "é" * 200_000, "'; --" * 1000]
    exact, refused = 0, []
    before = run.cluster.value(run.db, "SELECT count(*) FROM res_partner")
    for value in values:
        passed, partner = attempt(seller, "res.partner", "create", {"name": value})
        if passed:
            exact += run.cluster.value(
                run.db,
                "SELECT count(*) FROM res_partner WHERE id = %s AND name = %s",
                [partner, value],
            )
        else:
            refused.append(partner)
    after = run.cluster.value(run.db, "SELECT count(*) FROM res_partner")
    return Row(
        GROUP,
        "hostile-looking names",
        f"{len(values)} contacts created (SQL, script, 200,000 characters)",
        f"{exact} stored exactly as sent, {len(refused)} refused"
        + (f" ({refused[0]})" if refused else "")
        + f"; {after - before} contacts more",
        ok=exact + len(refused) == len(values) and after - before == exact,
    )


def scenarios():
    return [run_all]
