# Copyright 2026 crm_retention contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Lifecycle (plain Python), on the database the other groups used: use the
features, then update, uninstall and install crm_retention again over RPC
in the multi-worker server. Every record of Odoo's own tables keeps its
values in Odoo's own columns (those of the database without the addon),
and the rights come back as before: after the uninstall as in the database
that never had the addon, after the reinstall as after the first install."""

from . import prepare
from .races import customers
from .report import Row
from .rpc import Client, attempt

GROUP = "lifecycle"
CORE_TABLES = (
    "res_partner",
    "crm_lead",
    "mail_activity",
    "res_users",
    "crm_team",
    "crm_team_member",
    "crm_stage",
    "res_company",
    "mail_message",
    "mail_followers",
    "res_partner_category",
    "mail_activity_type",
)


# Rows of Odoo's tables that belong to the addon's own records (their
# activities, followers and messages) go with them.
OWN_ROWS = {
    "mail_activity": "res_model NOT LIKE 'crm.retention.%%'",
    "mail_followers": "res_model NOT LIKE 'crm.retention.%%'",
    "mail_message": "coalesce(model, '') NOT LIKE 'crm.retention.%%'",
}
# The date and author of the last write are not the record's content.
LAST_WRITE = ("write_date", "write_uid")


def core_rows(run, db=None):
    """{table: {id: md5 of the row's values in Odoo's own columns}}."""
    snapshot = {}
    for table in CORE_TABLES:
        columns = run.cluster.sql(
            run.db_without,
            "SELECT column_name, data_type FROM information_schema.columns WHERE "
            "table_name = %s AND table_schema = 'public' ORDER BY column_name",
            [table],
        )
        # Odoo reads an empty boolean as False: the same value.
        values = ", ".join(
            f'coalesce("{c}", false)::text' if kind == "boolean" else f'"{c}"::text'
            for c, kind in columns
            if c not in LAST_WRITE
        )
        where = OWN_ROWS.get(table, "true")
        snapshot[table] = dict(
            run.cluster.sql(
                db or run.db,
                f"SELECT id, md5(concat_ws('|', {values})) FROM {table} WHERE {where}",
            )
        )
    return snapshot


def differences(before, after, details):
    """How many rows of Odoo's tables were lost, changed or added; their
    ids into details."""
    out = {}
    for table in CORE_TABLES:
        old, new = before[table], after[table]
        lost = len(old.keys() - new.keys())
        changed = sum(1 for key in old.keys() & new.keys() if old[key] != new[key])
        added = len(new.keys() - old.keys())
        if lost or changed or added:
            out[table] = (lost, changed, added)
            details.append(
                f"{table}: lost {sorted(old.keys() - new.keys())[:20]} changed "
                f"{sorted(k for k in old.keys() & new.keys() if old[k] != new[k])[:20]}"
                f" added {sorted(new.keys() - old.keys())[:20]}"
            )
    return out


def use_features(run, admin, manager, seller):
    """The features the other groups did not use (they used settings,
    offboarding and undo, traits, deletion, done and cancelled activities)."""
    partners = customers(run, 2400, 3)
    reason = manager.call("crm.retention.former.reason", "search", [], limit=1)
    wizard = manager.call(
        "crm.retention.mark.former",
        "create",
        {"partner_ids": [(6, 0, partners[:1])], "reason_id": reason[0]},
    )
    manager.call("crm.retention.mark.former", "action_confirm", [wizard])
    erase = manager.call(
        "crm.retention.erase",
        "create",
        {"partner_ids": [(6, 0, partners[1:2])], "reason": "stress"},
    )
    manager.call("crm.retention.erase", "action_erase", [erase])
    manager.call("res.partner", "unlink", partners[2:3])
    entry = manager.call(
        "crm.retention.deletion.log",
        "search",
        [("res_model", "=", "res.partner"), ("res_id", "=", partners[2])],
    )
    manager.call("crm.retention.deletion.log", "action_restore", entry)
    activities = run.cluster.sql(
        run.db,
        "SELECT a.id FROM mail_activity a JOIN res_users u ON u.id = a.user_id "
        "WHERE u.login = 'sp1' AND a.active LIMIT 2",
    )
    lead = run.cluster.value(
        run.db, "SELECT min(id) FROM crm_lead WHERE name LIKE 'load1 deal%%'"
    )
    lead_model = run.cluster.value(
        run.db, "SELECT id FROM ir_model WHERE model = 'crm.lead'"
    )
    seller.call(
        "mail.activity",
        "create",
        {"res_model_id": lead_model, "res_id": lead, "summary": "lifecycle"},
    )
    for (activity,) in activities:
        seller.call("mail.activity", "action_feedback", [activity], feedback="done")
    request = seller.call(
        "crm.retention.request.deletion",
        "create",
        {"reason": "stress"},
        context={"active_model": "res.partner", "active_ids": customers(run, 2300, 1)},
    )
    seller.call("crm.retention.request.deletion", "action_request", [request])
    return 5


UNINSTALL = (
    "env['ir.module.module'].search([('name', '=', 'crm_retention')])"
    ".button_immediate_uninstall()\n"
)


def expected_rights(reference, before, own=False):
    """The rights of reference (the database without the addon, or right
    after its first install), with the other modules' parameters as they
    were before the step: saving Odoo's settings (the caches group did)
    writes every parameter of the settings form, which is not the addon's
    doing. own: the addon's parameters as in reference too."""
    addon = "parameter crm_retention."

    def keep(line):
        if line is None:  # a rule without a name (templates seeded before)
            return False
        return not line.startswith("parameter ") or (own and line.startswith(addon))

    others = [line for line in before if line.startswith("parameter ")]
    return [line for line in reference if keep(line)] + [
        line for line in others if not line.startswith(addon)
    ]


def module_step(run, step):
    """-u, uninstall or -i in an Odoo process of its own, as an
    administrator does, while the multi-worker server keeps running."""
    try:
        if step == "uninstall":
            run.cluster.odoo_shell(run.db, UNINSTALL)
        else:
            run.cluster.odoo_bin(
                "-d",
                run.db,
                step,
                "crm_retention",
                "--stop-after-init",
                "--log-level=warn",
            )
    except RuntimeError as error:
        return False, str(error)
    return True, ""


def served(run, installed):
    """The running server's workers follow (registry signaling): the
    addon's model answers, or is unknown, as it should. Asked 4 times."""
    client = Client(run.port, run.db, "admin", "admin")
    answers = [
        attempt(client, "crm.retention.trait", "search_count", [])[0] for __ in range(4)
    ]
    return sum(answers) if installed else 4 - sum(answers)


def run_all(run):
    admin = Client(run.port, run.db, "admin", "admin")
    manager, seller = Client(run.port, run.db, "dm1"), Client(run.port, run.db, "sp1")
    used = use_features(run, admin, manager, seller)
    before = core_rows(run)
    rights_before = prepare.rights(run.cluster, run.db)
    rows = []
    steps = (
        ("update (-u crm_retention)", "-u", rights_before),
        (
            "uninstall",
            "uninstall",
            expected_rights(prepare.rights(run.cluster, run.db_without), rights_before),
        ),
        (
            "install again",
            "-i",
            expected_rights(run.facts["rights_installed"], rights_before, own=True),
        ),
    )
    for name, method, rights_expected in steps:
        done, answer = module_step(run, method)
        follows = served(run, method != "uninstall")
        state = run.cluster.value(
            run.db, "SELECT state FROM ir_module_module WHERE name = 'crm_retention'"
        )
        expected = dict(before)
        if method == "uninstall":
            # The addon gives the activity types back as before its install.
            expected["mail_activity_type"] = core_rows(run, run.db_without)[
                "mail_activity_type"
            ]
        details = []
        diff = differences(expected, core_rows(run), details)
        rights = prepare.rights(run.cluster, run.db)
        extra = sorted(set(rights) - set(rights_expected))
        missing = sorted(set(rights_expected) - set(rights))
        (run.cluster.local / f"lifecycle{method}.txt").write_text(
            "\n".join(details + ["+ " + r for r in extra] + ["- " + r for r in missing])
            + "\n"
        )
        lost = sum(lost for lost, __, __ in diff.values())
        rows.append(
            Row(
                GROUP,
                name,
                f"after using {used} more features; "
                f"{sum(map(len, before.values()))} rows of {len(CORE_TABLES)} "
                f"Odoo tables, {len(rights_expected)} rights compared",
                f"{'done' if done else answer}, module {state}; "
                "rows lost/changed/added: "
                + (", ".join(f"{t} {v}" for t, v in diff.items()) or "none")
                + f"; rights: {len(extra)} more, {len(missing)} fewer; the running "
                f"server followed in {follows} of 4 calls",
                lost=lost,
                # Rows added are reported, not refused: installing posts a
                # notice to the administrators about the export restriction.
                ok=done
                and not any(lost or changed for lost, changed, __ in diff.values())
                and not extra
                and not missing
                and follows == 4,
            )
        )
    return rows


def scenarios():
    return [run_all]
