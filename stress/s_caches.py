# Copyright 2026 crm_retention contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The addon's settings across workers (plain Python): a setting changed in
one worker holds in the other worker at its next request, that worker
having served requests before the change (its registry and caches warm).

Which worker serves what is forced: worker X is held inside a request (a
row lock of ours), so the change is served by worker Y; then Y is held
and X released, so the check is served by X."""

from .blocking import Held
from .report import Row
from .rpc import Client, attempt

GROUP = "caches"


def customer(run):
    return run.cluster.value(
        run.db, "SELECT id FROM res_partner WHERE name = 'Stress Customer 02990'"
    )


def settings(admin, values):
    wizard = admin.call("res.config.settings", "create", values)
    admin.call("res.config.settings", "execute", [wizard])


def across_workers(run, change, check):
    """Change in one worker, check in the other: (check's outcome, the
    two pids)."""
    rows = run.cluster.sql(
        run.db,
        "SELECT id FROM res_partner WHERE name LIKE 'Stress Customer 029%%' "
        "ORDER BY id LIMIT 2",
    )
    holders = [Client(run.port, run.db, login) for login in ("sp3", "sp4")]
    first = Held(
        run,
        "res_partner",
        rows[0][0],
        holders[0],
        "res.partner",
        "write",
        [rows[0][0]],
        {"comment": "held"},
    )
    x = first.start()
    change()  # served by the other worker, y
    second = Held(
        run,
        "res_partner",
        rows[1][0],
        holders[1],
        "res.partner",
        "write",
        [rows[1][0]],
        {"comment": "held"},
    )
    y = second.start(exclude=[x])
    first.result()  # x is free again: the check goes to x
    try:
        outcome = check()
    finally:
        second.result()
    return outcome, (y, x)


def run_all(run):
    admin = Client(run.port, run.db, "admin", "admin")
    seller = Client(run.port, run.db, "sp1")
    partner = customer(run)
    phone = admin.call(
        "ir.model.fields",
        "search",
        [("model", "=", "res.partner"), ("name", "=", "phone")],
    )

    def read_phone():
        return attempt(seller, "res.partner", "read", [partner], ["phone"])

    def export():
        return attempt(seller, "res.partner", "export_data", [partner], ["name"])

    # The scope: another model added to the restricted ones, then removed.
    tag_model = admin.call(
        "ir.model", "search", [("model", "=", "res.partner.category")]
    )
    tag = admin.call("res.partner.category", "create", {"name": "Stress scope tag"})

    def export_tag():
        return attempt(seller, "res.partner.category", "export_data", [tag], ["name"])

    # The activity-history scope: maintenance requests (a document outside
    # CRM) added to the documents whose activities are kept, then removed. A
    # salesperson cancels a planned activity of theirs on one: kept
    # (archived as cancelled) in the scope, deleted as Odoo does outside it.
    request_model = admin.call(
        "ir.model", "search", [("model", "=", "maintenance.request")]
    )
    request = admin.call(
        "maintenance.request", "create", {"name": "Stress scope request"}
    )
    todo = admin.call(
        "ir.model.data", "check_object_reference", "mail", "mail_activity_data_todo"
    )[1]
    seller_id = admin.call("res.users", "search", [("login", "=", "sp1")])[0]

    def cancelled_activity_kept():
        activity = admin.call(
            "mail.activity",
            "create",
            {
                "res_model_id": request_model[0],
                "res_id": request,
                "activity_type_id": todo,
                "user_id": seller_id,
                "summary": "stress scope",
            },
        )
        seller.call("mail.activity", "unlink", [activity])
        kept = admin.call(
            "mail.activity",
            "search_count",
            [("id", "=", activity), ("active", "=", False)],
        )
        return bool(kept), "kept as cancelled" if kept else "deleted"

    # Both workers warm: they read the phone and export before any change.
    for __ in range(6):
        assert read_phone()[0] and export()[0] is False  # restricted after install
        assert export_tag()[0]  # tags: not in the scope yet
        assert not cancelled_activity_kept()[0]  # maintenance: not kept yet
    rows = []
    cases = [
        (
            "sensitive field marked",
            {"crm_retention_sensitive_field_ids": [(6, 0, phone)]},
            read_phone,
            False,
        ),
        (
            "sensitive field unmarked",
            {"crm_retention_sensitive_field_ids": [(6, 0, [])]},
            read_phone,
            True,
        ),
        (
            "export restriction off",
            {"crm_retention_restrict_export": False},
            export,
            True,
        ),
        (
            "export restriction on",
            {"crm_retention_restrict_export": True},
            export,
            False,
        ),
        (
            "export scope: tags added",
            {"crm_retention_export_model_ids": [(6, 0, tag_model)]},
            export_tag,
            False,
        ),
        (
            "export scope: tags removed",
            {"crm_retention_export_model_ids": [(6, 0, [])]},
            export_tag,
            True,
        ),
        (
            "history scope: maintenance added",
            {"crm_retention_history_model_ids": [(6, 0, request_model)]},
            cancelled_activity_kept,
            True,
        ),
        (
            "history scope: maintenance removed",
            {"crm_retention_history_model_ids": [(6, 0, [])]},
            cancelled_activity_kept,
            False,
        ),
    ]
    for name, values, check, allowed in cases:
        (passed, answer), (y, x) = across_workers(
            run, lambda values=values: settings(admin, values), check
        )
        ok = passed is allowed
        if check is cancelled_activity_kept:
            what, want = answer, "kept" if allowed else "deleted"
        else:
            what = "allowed" if passed else f"refused: {answer}"
            want = "allowed" if allowed else "refused"
        rows.append(
            Row(
                GROUP,
                name,
                f"admin changes it in worker {y}; a salesperson asks worker {x} "
                f"(warm) at its next request",
                f"{what} (expected {want})",
                ok=ok,
            )
        )
    return rows


def scenarios():
    return [run_all]
