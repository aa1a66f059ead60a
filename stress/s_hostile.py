# Copyright 2026 crm_retention contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Hostile input over RPC (plain Python): wrong types, other companies'
ids, 100,000 ids in one call, huge strings, injection attempts, private
methods. Each must be answered with an error (and the worker must live),
the database unchanged; the few inputs that are legitimate data (a long
name, quotes in a name) must be stored exactly as sent."""

from . import checks
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
PARTNER_B = "SELECT id FROM res_partner WHERE name = 'Stress Customer of B'"
MANY = list(range(10_000_000, 10_100_000))  # 100,000 ids


def fingerprint(run):
    return {
        table: run.cluster.value(
            run.db,
            f"SELECT count(*) || ':' || coalesce(sum(hashtext(t::text)), 0) "
            f"FROM {table} t",
        )
        for table in TABLES
    }


def refused_cases(run):
    """(category, login, model, method, args, kwargs): each must fail."""
    lead = run.cluster.value(run.db, "SELECT min(id) FROM crm_lead WHERE active")
    partner = run.cluster.value(
        run.db, "SELECT max(id) FROM res_partner WHERE name LIKE 'Stress Customer 01%%'"
    )
    lead_b = run.cluster.value(
        run.db, "SELECT id FROM crm_lead WHERE name = 'Stress deal of B'"
    )
    partner_b = run.cluster.value(run.db, PARTNER_B)
    user_b = checks.user_id(run, "sp_b")
    offboarding = run.cluster.value(
        run.db, "SELECT max(id) FROM crm_retention_offboarding"
    )
    entry = run.cluster.value(run.db, "SELECT max(id) FROM crm_retention_deletion_log")
    trait = run.facts["traits"]["race"]
    wizard = "crm.retention.trait.wizard"
    request = "crm.retention.request.deletion"
    offboard = "crm.retention.offboard.user"
    return [
        (
            "wrong types",
            "sp1",
            "crm.lead",
            "write",
            [[lead], {"probability": "abc"}],
            {},
        ),
        ("wrong types", "sp1", "crm.lead", "write", [["abc"], {"priority": "1"}], {}),
        (
            "wrong types",
            "sp1",
            "crm.lead",
            "write",
            [[lead], {"user_id": {"a": 1}}],
            {},
        ),
        ("wrong types", "sp1", "res.partner", "read", ["x"], {}),
        ("wrong types", "sp1", "res.partner", "search", [[("name", "=")]], {}),
        ("wrong types", "sp1", "res.partner", "search", ["not a domain"], {}),
        ("wrong types", "dm1", offboard, "create", [{"user_id": "abc"}], {}),
        (
            "wrong types",
            "sp1",
            wizard,
            "create",
            [{"partner_ids": "x", "trait_ids": 5}],
            {},
        ),
        (
            "wrong types",
            "sp1",
            request,
            "create",
            [{"res_model": "res.partner", "res_ids": {"a": 1}}],
            {},
        ),
        ("wrong types", "dm1", "crm.retention.offboarding", "action_undo", [["x"]], {}),
        ("other company", "sp1", "crm.lead", "read", [[lead_b], ["name"]], {}),
        (
            "other company",
            "sp1",
            "res.partner",
            "write",
            [[partner_b], {"name": "mine"}],
            {},
        ),
        ("other company", "dm1", "res.partner", "unlink", [[partner_b]], {}),
        # Its creation is only a transient wizard; confirming it is the act.
        ("other company", "sp1", wizard, "action_confirm", ["TRAIT_B"], {}),
        (
            "other company",
            "dm1",
            "crm.lead",
            "write",
            [[lead_b], {"user_id": False}],
            {},
        ),
        ("other company", "dm1", offboard, "action_offboard", ["OFFBOARD_B"], {}),
        # Not read(): Odoo's own read of missing ids takes minutes for
        # 100,000 (98 s for 10,000, with or without the addon).
        (
            "100,000 ids",
            "sp1",
            "crm.retention.request.deletion",
            "create",
            [{"res_model": "res.partner", "res_ids": MANY}],
            {},
        ),
        (
            "100,000 ids",
            "dm1",
            "crm.retention.mark.former",
            "create",
            [{"partner_ids": [(6, 0, MANY)]}],
            {},
        ),
        ("100,000 ids", "dm1", "res.partner", "unlink", [MANY], {}),
        ("100,000 ids", "sp1", "crm.lead", "write", [MANY, {"priority": "1"}], {}),
        (
            "100,000 ids",
            "sp1",
            wizard,
            "create",
            [{"partner_ids": [(6, 0, MANY)], "trait_ids": [(6, 0, [trait])]}],
            {},
        ),
        ("100,000 ids", "dm1", "crm.retention.offboarding", "action_undo", [MANY], {}),
        (
            "100,000 ids",
            "dm1",
            "crm.retention.deletion.log",
            "action_restore",
            [MANY],
            {},
        ),
        (
            "huge string",
            "sp1",
            "crm.lead",
            "write",
            [[lead], {"priority": "9" * 1_000_000}],
            {},
        ),
        (
            "huge string",
            "sp1",
            "res.partner",
            "search",
            [[("name", "=", partner)], 0, 0, "x" * 100_000],
            {},
        ),
        (
            "injection",
            "sp1",
            "res.partner",
            "search",
            [[("name; DROP TABLE x", "=", 1)]],
            {},
        ),
        (
            "injection",
            "sp1",
            "res.partner",
            "search",
            [[]],
            {"order": "id; DROP TABLE res_partner"},
        ),
        (
            "injection",
            "sp1",
            "res.partner",
            "search",
            [[("id", "in", "(SELECT id FROM res_users)")]],
            {},
        ),
        (
            "injection",
            "sp1",
            "res.partner",
            "read_group",
            [[], ["name"], ["name; DROP TABLE res_partner"]],
            {},
        ),
        (
            "injection",
            "sp1",
            request,
            "create",
            [{"res_model": "res.users; DROP TABLE res_partner", "res_ids": [partner]}],
            {},
        ),
        (
            "injection",
            "sp1",
            "res.partner",
            "search",
            [[("crm_retention_trait_ids", "any", "1=1) OR (1=1")]],
            {},
        ),
        ("private method", "dm1", "crm.retention.offboarding", "_offboard", [{}], {}),
        (
            "private method",
            "dm1",
            "crm.retention.offboarding",
            "_undo",
            [[offboarding]],
            {},
        ),
        (
            "private method",
            "dm1",
            "crm.retention.offboarding",
            "_move_owners",
            ["crm.lead", {str(lead): 1}],
            {},
        ),
        (
            "private method",
            "admin",
            "ir.model.fields",
            "_crm_retention_set_sensitive_fields",
            [[]],
            {},
        ),
        (
            "private method",
            "dm1",
            "crm.retention.trait.assignment",
            "_crm_retention_end_where",
            [[], "manual"],
            {},
        ),
        (
            "private method",
            "dm1",
            "crm.retention.offboarding.line",
            "_insert_moves",
            [[offboarding], []],
            {},
        ),
        (
            "private method",
            "dm1",
            "crm.retention.deletion.log",
            "_log_deletion",
            [[partner]],
            {},
        ),
        (
            "private method",
            "dm1",
            "crm.retention.deletion.log",
            "_restore",
            [[entry]],
            {},
        ),
        (
            "private method",
            "sp1",
            "res.partner",
            "_crm_retention_apply_definitions",
            [[partner], "trait", "remove"],
            {},
        ),
        (
            "not theirs",
            "sp1",
            "crm.retention.offboarding",
            "action_undo",
            [[offboarding]],
            {},
        ),
        (
            "not theirs",
            "sp1",
            "crm.retention.offboarding",
            "action_reactivate_user",
            [[offboarding]],
            {},
        ),
        (
            "not theirs",
            "sp1",
            "crm.retention.deletion.log",
            "action_restore",
            [[entry]],
            {},
        ),
        ("not theirs", "sp1", "res.partner", "unlink", [[partner]], {}),
        ("not theirs", "sp1", offboard, "action_offboard", ["OFFBOARD_SELF"], {}),
        ("not theirs", "sp1", offboard, "create", [{"user_id": lead}], {}),
        ("not theirs", "sp1", "ir.model.fields", "write", [[1], {"name": "x"}], {}),
        (
            "not theirs",
            "sp1",
            "ir.config_parameter",
            "set_param",
            ["crm_retention.restrict_export", "False"],
            {},
        ),
    ], user_b


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
