# Copyright 2026 crm_retention contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Concurrency (plain Python): two Data Managers offboard the same user at
once; salespeople work on the leads of a user being offboarded; an
automation removes a trait while users add it; two users delete the same
contact."""

import threading
import time

from . import checks
from .blocking import together
from .report import Row
from .rpc import Client, attempt

GROUP = "concurrency"


def offboard_wizard(client, user, targets):
    values = {
        "user_id": user,
        "target_mode": "users",
        "target_user_ids": [(6, 0, targets)],
    }
    return client.call("crm.retention.offboard.user", "create", values)


def double_offboarding(run):
    leaver = checks.user_id(run, "leaver_dup")
    targets = [checks.user_id(run, "target1")]
    managers = [Client(run.port, run.db, login) for login in ("dm1", "dm2")]
    leads = checks.open_leads_of(run, leaver)
    wizards = [offboard_wizard(m, leaver, targets) for m in managers]
    outcomes = together(
        *(
            lambda m=m, w=w: attempt(
                m, "crm.retention.offboard.user", "action_offboard", [w]
            )
            for m, w in zip(managers, wizards, strict=True)
        )
    )
    records = checks.offboardings_of(run, leaver)
    passed = [o for o in outcomes if o[0]]
    errors = [o[1] for o in outcomes if not o[0]]
    left = len(checks.open_leads_of(run, leaver))
    half = checks.half_moved(run, records[0][0]) if records else 0
    lines = len(checks.lines_of(run, records[0][0])) if records else 0
    ok = len(passed) == 1 and len(records) == 1 and not left and not half
    return Row(
        GROUP,
        "two Data Managers offboard the same user at once",
        f"2 simultaneous offboardings of a user with {len(leads)} open leads "
        "and 100 activities",
        f"{len(passed)} succeeded, {len(errors)} refused ({'; '.join(errors) or '-'}); "
        f"{len(records)} offboarding record(s), {lines} lines, {left} open leads "
        f"left, {half} half-moved",
        lost=left + half,
        ok=ok,
    )


class Seller(threading.Thread):
    """A salesperson working on their slice of leads until told to stop:
    edits, wins every 5th, schedules an activity every 3rd."""

    def __init__(self, run, login, leads, stop):
        super().__init__(daemon=True)
        self.client = Client(run.port, run.db, login)
        self.lead_model = run.cluster.value(
            run.db, "SELECT id FROM ir_model WHERE model = 'crm.lead'"
        )
        self.login, self.leads, self.stop = login, leads, stop
        self.edits, self.wins, self.activities, self.errors = {}, set(), [], []

    def run(self):
        n = 0
        while not self.stop.is_set() and n < 400:
            lead = self.leads[n % len(self.leads)]
            n += 1
            text = f"{self.login} edit {n}"
            done, answer = attempt(
                self.client, "crm.lead", "write", [lead], {"description": text}
            )
            if done:
                self.edits[lead] = text
            else:
                self.errors.append(answer)
            if n % 5 == 0 and lead not in self.wins:
                done, answer = attempt(
                    self.client, "crm.lead", "action_set_won", [lead]
                )
                (self.wins.add(lead) if done else self.errors.append(answer))
            if n % 3 == 0:
                summary = f"{self.login} follow-up {n}"
                # create(), not activity_schedule(): it returns records,
                # which XML-RPC cannot send back.
                done, answer = attempt(
                    self.client,
                    "mail.activity",
                    "create",
                    {
                        "res_model_id": self.lead_model,
                        "res_id": lead,
                        "summary": summary,
                        "user_id": self.client.uid,
                    },
                )
                (
                    self.activities.append(summary)
                    if done
                    else self.errors.append(answer)
                )


def lost_work(run, sellers):
    """Successful edits, wins and activities that are not in the database."""
    lost = 0
    for seller in sellers:
        for lead, text in seller.edits.items():
            lost += run.cluster.value(
                run.db,
                "SELECT count(*) FROM crm_lead "
                "WHERE id = %s AND description NOT LIKE %s",
                [lead, f"%{text}<%"],
            )
        for lead in seller.wins:
            lost += run.cluster.value(
                run.db,
                "SELECT count(*) FROM crm_lead l JOIN crm_stage s ON "
                "s.id = l.stage_id WHERE l.id=%s AND NOT s.is_won",
                [lead],
            )
        found = run.cluster.value(
            run.db,
            "SELECT count(*) FROM mail_activity WHERE summary = ANY(%s)",
            [seller.activities],
        )
        lost += len(seller.activities) - found
    return lost


def work_during_offboarding(run):
    leaver = checks.user_id(run, "leaver_busy")
    targets = [checks.user_id(run, "target1"), checks.user_id(run, "target2")]
    leads = checks.open_leads_of(run, leaver)
    manager = Client(run.port, run.db, "dm1")
    wizard = offboard_wizard(manager, leaver, targets)
    stop = threading.Event()
    sellers = [
        Seller(run, f"sp{n + 1}", leads[n * 30 : (n + 1) * 30], stop) for n in range(4)
    ]
    for seller in sellers:
        seller.start()
    time.sleep(3)
    started = time.time()
    done, answer = attempt(
        manager, "crm.retention.offboard.user", "action_offboard", [wizard]
    )
    took = time.time() - started
    time.sleep(3)
    stop.set()
    for seller in sellers:
        seller.join()
    records = checks.offboardings_of(run, leaver)
    calls = sum(len(s.edits) + len(s.wins) + len(s.activities) for s in sellers)
    errors = [e for s in sellers for e in s.errors]
    lost = lost_work(run, sellers)
    orphans = checks.open_leads_without_active_owner(run, leads)
    rows = [
        Row(
            GROUP,
            "salespeople work while the owner is offboarded",
            f"offboarding of a user with {len(leads)} open leads ({took:.1f} s) while "
            "4 salespeople edit, win and schedule activities on 120 of them",
            f"offboarding {'done' if done else 'failed: ' + answer}; {calls} calls "
            f"succeeded, {len(errors)} refused{': ' + errors[0] if errors else ''}; "
            f"{orphans} open leads without an active owner",
            lost=lost,
            ok=done and len(records) == 1 and not orphans,
        )
    ]
    if records:
        rows.append(undo_after_changes(run, manager, records[0][0], leads, sellers))
    return rows


def undo_after_changes(run, manager, offboarding, leads, sellers):
    """Change some moved leads, undo: exactly those are listed as left
    alone, the others are given back."""
    won = set().union(*(s.wins for s in sellers))
    moved = [
        res_id
        for model, res_id, __, __, state in checks.lines_of(run, offboarding)
        if model == "crm.lead" and res_id not in won
    ]
    seller = Client(run.port, run.db, "sp1")
    taken, closed = moved[:10], moved[10:20]
    seller.call("crm.lead", "write", taken, {"user_id": seller.uid})
    seller.call("crm.lead", "action_set_won", closed)
    done, answer = attempt(
        manager, "crm.retention.offboarding", "action_undo", [offboarding]
    )
    states = {
        res_id: state
        for model, res_id, __, __, state in checks.lines_of(run, offboarding)
        if model == "crm.lead"
    }
    skipped = {res_id for res_id, state in states.items() if state == "skipped"}
    given = {res_id for res_id, state in states.items() if state == "undone"}
    # Leads won by the salespeople after the move are listed too (closed).
    expected = set(taken) | set(closed) | (won & set(states))
    ok = done and skipped == expected and given == set(states) - expected
    return Row(
        GROUP,
        "undo after salespeople changed moved leads",
        "10 moved leads taken over by a salesperson, 10 won, then undo",
        f"undo {'done' if done else 'failed: ' + answer}; {len(skipped)} listed as "
        f"changed since (expected {len(expected)}: the 20 and those won during the "
        f"offboarding), {len(given)} given back",
        ok=ok,
    )


def scenarios():
    from .races import double_delete, trait_race

    return [double_offboarding, work_during_offboarding, trait_race, double_delete]
