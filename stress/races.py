# Copyright 2026 crm_retention contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Races on traits and deletions (plain Python), part of the concurrency
group: an automation removes a trait while users add it; two Data Managers
delete the same contact at once."""

import threading

from .blocking import together
from .report import Row
from .rpc import Client, attempt

GROUP = "concurrency"


def customers(run, first, count):
    return [
        row[0]
        for row in run.cluster.sql(
            run.db,
            "SELECT id FROM res_partner WHERE name >= %s AND name LIKE "
            "'Stress Customer %%' ORDER BY name LIMIT %s",
            [f"Stress Customer {first:05d}", count],
        )
    ]


def removal_rule(admin, trait):
    """A server action as an automation rule runs it: remove the trait."""
    model = admin.call("ir.model", "search", [("model", "=", "res.partner")])[0]
    return admin.call(
        "ir.actions.server",
        "create",
        {
            "name": "Stress: remove the race trait",
            "model_id": model,
            "state": "crm_retention_traits",
            "crm_retention_operation": "remove",
            "crm_retention_target": "trait",
            "crm_retention_trait_ids": [(6, 0, [trait])],
        },
    )


def trait_race(run):
    trait = run.facts["traits"]["race"]
    partners = customers(run, 1000, 200)
    admin = Client(run.port, run.db, "admin", "admin")
    action = removal_rule(admin, trait)
    adders = [Client(run.port, run.db, login) for login in ("sp1", "sp2")]
    chunks = [partners[i : i + 20] for i in range(0, len(partners), 20)]
    outcomes = {"add": [0, []], "remove": [0, []]}
    lock = threading.Lock()

    def note(kind, outcome):
        with lock:
            if outcome[0]:
                outcomes[kind][0] += 1
            else:
                outcomes[kind][1].append(outcome[1])

    def add(client):
        for __ in range(2):
            for chunk in chunks:
                wizard = client.call(
                    "crm.retention.trait.wizard",
                    "create",
                    {
                        "partner_ids": [(6, 0, chunk)],
                        "operation": "add",
                        "target": "trait",
                        "trait_ids": [(6, 0, [trait])],
                    },
                )
                note(
                    "add",
                    attempt(
                        client, "crm.retention.trait.wizard", "action_confirm", [wizard]
                    ),
                )

    def remove():
        for __ in range(8):
            note(
                "remove",
                attempt(
                    admin,
                    "ir.actions.server",
                    "run",
                    [action],
                    context={"active_model": "res.partner", "active_ids": partners},
                ),
            )

    together(lambda: add(adders[0]), lambda: add(adders[1]), remove)
    duplicates = run.cluster.value(
        run.db,
        """SELECT count(*) FROM (
               SELECT partner_id FROM crm_retention_trait_assignment
                WHERE trait_id = %s AND active
                GROUP BY partner_id HAVING count(*) > 1) d""",
        [trait],
    )
    broken = run.cluster.value(
        run.db,
        """SELECT count(*) FROM crm_retention_trait_assignment WHERE trait_id = %s
            AND (active = (removed_date IS NOT NULL))""",
        [trait],
    )
    note(
        "remove",
        attempt(
            admin,
            "ir.actions.server",
            "run",
            [action],
            context={"active_model": "res.partner", "active_ids": partners},
        ),
    )
    left = run.cluster.value(
        run.db,
        "SELECT count(*) FROM crm_retention_trait_assignment "
        "WHERE trait_id = %s AND active",
        [trait],
    )
    errors = outcomes["add"][1] + outcomes["remove"][1]
    return Row(
        GROUP,
        "automation removes a trait while users add it",
        "2 salespeople add a trait to 200 contacts (20 a call, twice) while a "
        "server action (an automation rule's action) removes it 8 times",
        f"{outcomes['add'][0]} adds and {outcomes['remove'][0]} removals succeeded, "
        f"{len(errors)} refused{': ' + errors[0] if errors else ''}; {duplicates} "
        f"contacts with the trait twice, {broken} assignments half-ended; "
        f"{left} current after a last removal",
        ok=not duplicates and not broken and not left,
    )


def double_delete(run):
    partners = customers(run, 2950, 10)
    managers = [Client(run.port, run.db, login) for login in ("dm1", "dm2")]
    passed, errors = 0, []
    for partner in partners:
        outcomes = together(
            *(
                lambda m=m, p=partner: attempt(m, "res.partner", "unlink", [p])
                for m in managers
            )
        )
        passed += sum(1 for o in outcomes if o[0])
        errors += [o[1] for o in outcomes if not o[0]]
    left = run.cluster.value(
        run.db, "SELECT count(*) FROM res_partner WHERE id = ANY(%s)", [partners]
    )
    entries = run.cluster.value(
        run.db,
        "SELECT count(*) FROM crm_retention_deletion_log WHERE res_model = "
        "'res.partner' AND res_id = ANY(%s)",
        [partners],
    )
    return Row(
        GROUP,
        "two Data Managers delete the same contact",
        "10 contacts, each deleted by 2 Data Managers at the same moment",
        f"{passed} deletions succeeded, {len(errors)} refused"
        f"{' (' + errors[0] + ')' if errors else ''}; {left} contacts left, "
        f"{entries} recycle-bin entries (expected 10)",
        ok=passed == 10 and not left and entries == 10,
    )
