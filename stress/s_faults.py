# Copyright 2026 crm_retention contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Faults (plain Python): a worker killed (SIGKILL) inside a large
offboarding and inside a bulk trait removal; PostgreSQL restarted inside a
bulk deletion. The request is held inside its transaction by a row lock of
ours (blocking.Held), so the fault strikes mid-transaction every time."""

import os
import signal
import time

from . import checks
from .blocking import Held
from .races import customers
from .report import Row
from .rpc import Client, attempt
from .s_concurrency import offboard_wizard

GROUP = "faults"


def wait_gone(run, pid, timeout=60):
    """Until PostgreSQL has ended the killed worker's transaction, and the
    master has spawned a new worker."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        if not run.cluster.backend(run.db, pid) and len(run.cluster.workers()) >= 3:
            return
        time.sleep(0.2)
    raise RuntimeError(f"the transaction of killed worker {pid} did not end")


def written_tables(run, pid):
    """The tables the worker's transaction has written to, while held."""
    rows = run.cluster.sql(
        run.db,
        """SELECT DISTINCT c.relname FROM pg_locks l
             JOIN pg_stat_activity a ON a.pid = l.pid
             JOIN pg_class c ON c.oid = l.relation
            WHERE a.application_name = %s AND l.mode = 'RowExclusiveLock'
              AND c.relkind = 'r'""",
        [f"odoo-{pid}"],
    )
    return sorted(row[0] for row in rows)


def kill_offboarding(run):
    leaver = checks.user_id(run, "leaver_kill")
    targets = [checks.user_id(run, "target1"), checks.user_id(run, "target2")]
    # JSON-RPC: Python's XML-RPC client sends a request again, once, when
    # the connection is reset, and would hide the kill.
    manager = Client(run.port, run.db, "dm1", json_rpc=True)
    leads = checks.open_leads_of(run, leaver)
    # Held late, after the owners are written: when it subscribes the new
    # owners, on a follower row our transaction inserts and keeps open.
    follow = (
        """INSERT INTO mail_followers (res_model, res_id, partner_id)
           SELECT 'crm.lead', %s, partner_id FROM res_users WHERE id = ANY(%s)""",
        [min(leads), targets],
    )
    wizard = offboard_wizard(manager, leaver, targets)
    held = Held(
        run,
        None,
        follow,
        manager,
        "crm.retention.offboard.user",
        "action_offboard",
        [wizard],
    )
    pid = held.start()
    written = written_tables(run, pid)
    os.kill(pid, signal.SIGKILL)
    passed, answer = held.result()
    wait_gone(run, pid)
    after = {
        "user still active": run.cluster.value(
            run.db, "SELECT active FROM res_users WHERE id = %s", [leaver]
        ),
        "open leads": len(checks.open_leads_of(run, leaver)),
        "offboardings": len(checks.offboardings_of(run, leaver)),
        "customers": run.cluster.value(
            run.db, "SELECT count(*) FROM res_partner WHERE user_id = %s", [leaver]
        ),
    }
    rolled_back = (
        after["user still active"]
        and after["open leads"] == len(leads)
        and not after["offboardings"]
        and after["customers"] == 50
    )
    again = attempt(
        manager,
        "crm.retention.offboard.user",
        "action_offboard",
        [offboard_wizard(manager, leaver, targets)],
    )
    records = checks.offboardings_of(run, leaver)
    left = len(checks.open_leads_of(run, leaver))
    half = checks.half_moved(run, records[0][0]) if records else 0
    return Row(
        GROUP,
        "worker killed inside a large offboarding",
        f"offboarding of {len(leads)} open leads, 1,000 activities, 50 customers; "
        f"SIGKILL to worker {pid} once it had written {', '.join(written) or '-'}",
        f"client: {'success?!' if passed else answer}; after: "
        + ", ".join(f"{k} {v}" for k, v in after.items())
        + f"; run again: {'done' if again[0] else again[1]}, "
        f"{len(records)} offboarding, {left} open leads left, {half} half-moved",
        lost=0 if rolled_back else 1,
        ok=not passed and rolled_back and again[0] and len(records) == 1 and not left,
    )


def current_kill_trait(run):
    return run.cluster.value(
        run.db,
        "SELECT count(*) FROM crm_retention_trait_assignment WHERE trait_id = %s "
        "AND active",
        [run.facts["traits"]["kill"]],
    )


def kill_trait_removal(run):
    trait = run.facts["traits"]["kill"]
    partners = customers(run, 1000, 2000)
    manager = Client(run.port, run.db, "dm1", json_rpc=True)
    before = current_kill_trait(run)
    last = run.cluster.value(
        run.db,
        "SELECT max(id) FROM crm_retention_trait_assignment WHERE trait_id = %s",
        [trait],
    )

    def wizard():
        return manager.call(
            "crm.retention.trait.wizard",
            "create",
            {
                "partner_ids": [(6, 0, partners)],
                "operation": "remove",
                "target": "trait",
                "trait_ids": [(6, 0, [trait])],
            },
        )

    held = Held(
        run,
        "crm_retention_trait_assignment",
        last,
        manager,
        "crm.retention.trait.wizard",
        "action_confirm",
        [wizard()],
    )
    pid = held.start()
    os.kill(pid, signal.SIGKILL)
    passed, answer = held.result()
    wait_gone(run, pid)
    after = current_kill_trait(run)
    again = attempt(manager, "crm.retention.trait.wizard", "action_confirm", [wizard()])
    final = current_kill_trait(run)
    return Row(
        GROUP,
        "worker killed inside a bulk trait removal",
        f"removal of a trait from {len(partners)} contacts; SIGKILL to worker {pid} "
        "inside its UPDATE",
        f"client: {'success?!' if passed else answer}; current after the kill "
        f"{after} of {before}; run again: {'done' if again[0] else again[1]}, "
        f"{final} current",
        lost=before - after,
        ok=not passed and after == before and again[0] and final == 0,
    )


def deletion_state(run, partners):
    left = run.cluster.value(
        run.db, "SELECT count(*) FROM res_partner WHERE id = ANY(%s)", [partners]
    )
    entries = run.cluster.value(
        run.db,
        "SELECT count(*) FROM crm_retention_deletion_log WHERE res_model = "
        "'res.partner' AND res_id = ANY(%s)",
        [partners],
    )
    return left, entries


def restart_during_deletion(run):
    partners = customers(run, 2500, 300)
    manager = Client(run.port, run.db, "dm1", json_rpc=True)
    held = Held(
        run, "res_partner", partners[-1], manager, "res.partner", "unlink", partners
    )
    pid = held.start()
    started = time.time()
    run.cluster.pg_restart()
    restart = time.time() - started
    passed, answer = held.result()
    left, entries = deletion_state(run, partners)
    consistent = (left, entries) in ((300, 0), (0, 300))
    errors, deadline = 0, time.time() + 60
    while time.time() < deadline:
        done, __ = attempt(
            Client(run.port, run.db, "dm2"), "res.partner", "search_count", []
        )
        if done:
            break
        errors += 1
        time.sleep(0.5)
    again = attempt(manager, "res.partner", "unlink", partners)
    final = deletion_state(run, partners)
    return Row(
        GROUP,
        "PostgreSQL restarted inside a bulk deletion",
        "a Data Manager deletes 300 contacts; pg_ctl restart -m fast "
        f"({restart:.1f} s) while worker {pid} is inside the transaction",
        f"client: {'success' if passed else answer}; after: {left} contacts, {entries} "
        f"recycle-bin entries; {errors} failed calls before Odoo answered again; "
        f"run again: {'done' if again[0] else again[1]}, "
        f"{final[0]} left, {final[1]} entries",
        lost=0 if consistent else 1,
        ok=consistent and (passed or left == 300) and again[0] and final == (0, 300),
    )


def scenarios():
    return [kill_offboarding, kill_trait_removal, restart_during_deletion]
