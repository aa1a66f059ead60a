# Copyright 2026 crm_retention contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The hostile calls of s_hostile.py (plain Python): each must be answered
with an error and change nothing."""

from . import checks

PARTNER_B = "SELECT id FROM res_partner WHERE name = 'Stress Customer of B'"
MANY = list(range(10_000_000, 10_100_000))  # 100,000 ids


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
