# Copyright 2026 crm_retention contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Load (plain Python): 20 client processes on loopback, each a salesperson
reading contacts and opportunities, marking activities done, cancelling
activities and searching contacts by trait, against two databases seeded
identically, one with crm_retention and one without, on the same server.

The sides alternate in eight slices, without-with-with-without twice
(ABBA ABBA), so that the machine's drift weighs on both alike. Vanilla
Odoo has no traits: its clients search by the contacts' tag instead, the
nearest query."""

import multiprocessing
import os
import time

from .report import Row
from .rpc import Client, RpcError

GROUP = "load"
CLIENTS = 20
WARM_UP = 8
# A later slice of a side warms up shortly: the workers know the users.
WARM_UP_AGAIN = 2
ORDER = ("without", "with", "with", "without") * 2
SLICES = ORDER.count("with")
OPS = ("read contacts", "read opportunities", "mark done", "cancel", "search by trait")


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))] if ordered else 0


def client_loop(task):
    """One client process: the five operations in turn until the end; the
    calls before start (warming up: reads only) are not counted."""
    port, db, login, uid, activities, trait_domain, start, end = task
    client = Client(port, db, login, json_rpc=True, uid=uid)
    latencies, errors, n = [], [], 0
    while time.time() < end:
        warming = time.time() < start
        op = OPS[n % len(OPS)]
        n += 1
        if op in ("mark done", "cancel") and (warming or not activities):
            continue
        started = time.perf_counter()
        try:
            if op == "read contacts":
                client.call(
                    "res.partner",
                    "search_read",
                    [("active", "=", True)],
                    fields=["name", "email", "phone", "city"],
                    limit=40,
                    offset=(n * 40) % 2000,
                )
            elif op == "read opportunities":
                client.call(
                    "crm.lead",
                    "search_read",
                    [("type", "=", "opportunity")],
                    fields=[
                        "name",
                        "partner_id",
                        "user_id",
                        "stage_id",
                        "expected_revenue",
                        "activity_state",
                    ],
                    limit=40,
                )
            elif op == "mark done":
                client.call(
                    "mail.activity",
                    "action_feedback",
                    [activities.pop()],
                    feedback="Done under load",
                )
            elif op == "cancel":
                client.call("mail.activity", "unlink", [activities.pop()])
            else:
                client.call("res.partner", "search_count", trait_domain)
        except RpcError as error:
            if not warming:
                errors.append(f"{op}: {error}")
            continue
        if not warming:
            latencies.append((op, time.perf_counter() - started))
    return latencies, errors


def activities_of(run, db):
    rows = run.cluster.sql(
        db,
        """SELECT u.login, array_agg(a.id ORDER BY a.id) FROM mail_activity a
             JOIN res_users u ON u.id = a.user_id
            WHERE u.login LIKE 'load%%' AND a.active GROUP BY u.login""",
    )
    return dict(rows)


def one_slice(run, db, trait_domain, pool_activities, seconds, part):
    """One slice of a side: a warm-up of reads not counted (the workers
    check each user's password once), then seconds counted."""
    start = time.time() + (WARM_UP if part == 0 else WARM_UP_AGAIN)
    end = start + seconds
    uids = dict(run.cluster.sql(db, "SELECT login, id FROM res_users"))
    tasks = []
    for n in range(1, CLIENTS + 1):
        login = f"load{n}"
        ids = pool_activities[login]
        share = len(ids) // SLICES
        tasks.append(
            (
                run.port,
                db,
                login,
                uids[login],
                ids[part * share : (part + 1) * share],
                trait_domain,
                start,
                end,
            )
        )
    with multiprocessing.get_context("fork").Pool(CLIENTS) as pool:
        results = pool.map(client_loop, tasks)
    latencies = [lat for lats, __ in results for lat in lats]
    errors = [err for __, errs in results for err in errs]
    return latencies, errors


def run_all(run):
    seconds = float(os.environ.get("CRM_RETENTION_STRESS_LOAD_SECONDS", 60))
    tag = run.facts["tag"]
    sides = {
        "without": (run.db_without, [("category_id", "in", [tag])]),
        "with": (
            run.db,
            [("crm_retention_trait_ids", "in", [run.facts["traits"]["load"]])],
        ),
    }
    activities = {side: activities_of(run, db) for side, (db, __) in sides.items()}
    # Both databases warm (registry loaded in both workers) before measuring.
    for db, domain in sides.values():
        for __ in range(4):
            Client(run.port, db, "load1").call("res.partner", "search_count", domain)
    measured = {side: ([], []) for side in sides}
    parts = dict.fromkeys(sides, 0)
    for side in ORDER:
        db, domain = sides[side]
        lats, errs = one_slice(
            run, db, domain, activities[side], seconds / SLICES, parts[side]
        )
        parts[side] += 1
        measured[side][0].extend(lats)
        measured[side][1].extend(errs)
    stats = {
        side: (
            len(lats) / seconds,
            percentile([lat for __, lat in lats], 0.95) * 1000,
            len(lats),
            errs,
        )
        for side, (lats, errs) in measured.items()
    }
    by_op = {
        side: {
            op: percentile([lat for name, lat in lats if name == op], 0.95) * 1000
            for op in OPS
        }
        for side, (lats, __) in measured.items()
    }
    rps_ratio = stats["with"][0] / stats["without"][0]
    p95_ratio = stats["with"][1] / stats["without"][1]
    rows = []
    for side in sides:
        rps, p95, calls, errs = stats[side]
        rows.append(
            Row(
                GROUP,
                f"{side} crm_retention",
                f"{CLIENTS} clients, {seconds:.0f} s "
                f"({SLICES} slices a side, alternating ABBA ABBA)",
                f"{calls} calls, {rps:.1f} calls/s, p95 {p95:.0f} ms "
                f"({', '.join(f'{op} {ms:.0f}' for op, ms in by_op[side].items())}), "
                f"{len(errs)} errors" + (f" ({errs[0]})" if errs else ""),
                ok=not errs,
            )
        )
    rows.append(
        Row(
            GROUP,
            "with / without",
            "goal: throughput >= 0.95, p95 <= 1.10",
            f"throughput {rps_ratio:.2f}, p95 {p95_ratio:.2f}",
            ok=rps_ratio >= 0.95 and p95_ratio <= 1.10,
        )
    )
    return rows


def scenarios():
    return [run_all]
