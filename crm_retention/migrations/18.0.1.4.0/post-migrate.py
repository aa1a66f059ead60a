# Copyright 2026 crm_retention contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json
import re
from collections import defaultdict

from odoo import SUPERUSER_ID, api
from odoo.tools import SQL
from odoo.tools.sql import column_exists

from odoo.addons.crm_retention.models.offboarding_plan import Move

# The positions in the JSON rows of earlier versions: every row starts with
# [id, previous owner, new owner]; leads go on with previous team, new team,
# previous company, new company, open; activities with planned.
LEAD_OPEN, ACTIVITY_PLANNED = 7, 3


def migrate(cr, version):
    """Earlier versions kept what an offboarding moved as JSON rows in the
    column 'moves': turn them into offboarding lines, then drop the column.
    For an undone offboarding, the records its undo listed as left alone
    (in 'undo_skipped') become skipped lines with their reason, the others
    given back."""
    if not version or not column_exists(cr, "crm_retention_offboarding", "moves"):
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    cr.execute(
        "SELECT id, moves, state, undo_skipped FROM crm_retention_offboarding "
        "WHERE moves IS NOT NULL ORDER BY id"
    )
    offboardings = cr.fetchall()
    Line = env["crm.retention.offboarding.line"]
    existing = {
        "res.users": set(
            env["res.users"].with_context(active_test=False).search([]).ids
        ),
        "crm.team": set(env["crm.team"].with_context(active_test=False).search([]).ids),
        "res.company": set(env["res.company"].search([]).ids),
    }

    def known(model, record_id):
        return record_id if record_id in existing[model] else None

    for offboarding_id, moves, state, undo_skipped in offboardings:
        if isinstance(moves, str):
            moves = json.loads(moves)
        offboarding = env["crm.retention.offboarding"].browse(offboarding_id)
        rows = []
        for model, model_rows in (moves or {}).items():
            for row in model_rows:
                move = Move(
                    model,
                    row[0],
                    known("res.users", row[1]),
                    known("res.users", row[2]),
                )
                if model == "crm.lead":
                    move.previous_team = known("crm.team", row[3])
                    move.new_team = known("crm.team", row[4])
                    move.previous_company = known("res.company", row[5])
                    move.new_company = known("res.company", row[6])
                    move.was_open = bool(row[LEAD_OPEN])
                elif model == "mail.activity":
                    move.was_open = bool(row[ACTIVITY_PLANNED])
                rows.append(move)
        Line._insert_moves(offboarding, rows)
        if state == "undone":
            _mark_undone(env, offboarding, undo_skipped or "")
    cr.execute(SQL("ALTER TABLE crm_retention_offboarding DROP COLUMN moves"))


def _mark_undone(env, offboarding, undo_skipped):
    """The lines of an undone offboarding: given back, but those its undo
    listed ('<model name> #<id> <name> (<reason>)', one a line)."""
    labels = {
        env["ir.model"]._get(model).name: model
        for model in ("crm.lead", "res.partner", "crm.team", "mail.activity")
    }
    skipped = {}
    for text in undo_skipped.splitlines():
        found = re.match(r"(.+?) #(\d+)\b.*\((.*)\)$", text)
        if found and found[1] in labels:
            skipped[(labels[found[1]], int(found[2]))] = found[3]
    undone, by_reason = [], defaultdict(list)
    for line in offboarding.line_ids:
        reason = skipped.get((line.res_model, line.res_id))
        if reason:
            by_reason[reason].append(line.id)
        else:
            undone.append(line.id)
    Line = offboarding.line_ids.browse()
    Line.browse(undone).write({"undo_state": "undone"})
    for reason, ids in by_reason.items():
        Line.browse(ids).write({"undo_state": "skipped", "skip_reason": reason})
