# Copyright 2026 crm_retention contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Moving owners in bulk, for an offboarding and its undo: the checked move
itself, the new owners' subscriptions, the chatter notes. Each works on
all the records of a model at once, so that the number of queries does
not grow with the records."""

from collections import defaultdict

from markupsafe import Markup

from odoo.tools import SQL

from . import chatter_bulk
from . import offboarding_texts as texts
from .offboarding_checks import check_movable
from .offboarding_plan import Move, reading_env


def lock_owned(env, user):
    """Lock the departing user's row and the rows they own, first thing:
    a colleague's edit of one of their leads during the offboarding then
    waits for it, and Odoo runs the colleague's request again once it is
    committed (serialization failure), instead of the long offboarding
    failing at its end, again at each of Odoo's retries while the team
    keeps working. FOR NO KEY UPDATE: the lock an UPDATE takes."""
    env.cr.execute(
        SQL("SELECT id FROM res_users WHERE id = %s FOR NO KEY UPDATE", user.id)
    )
    for table in ("crm_lead", "res_partner", "crm_team", "mail_activity"):
        env.cr.execute(
            SQL(
                "SELECT id FROM %s WHERE user_id = %s FOR NO KEY UPDATE",
                SQL.identifier(table),
                user.id,
            )
        )


def move_owners(env, model, new_owner, new_team=None, new_company=None):
    """Give the records of model to new owners: new_owner is {record id:
    user id}; new_team and new_company {lead id: id} (leads keep their
    team and company otherwise). One write per (owner, team, company),
    so the number of queries doesn't grow with the records. Returns the
    Moves done.

    Superuser: the writes (the new owners' rights, Odoo's checks of a
    salesperson's company, chatter and followers are handled by the
    offboarding). Checked first: the acting user may move exactly these
    records themselves (check_movable: their own search finds them all,
    and they may write them)."""
    check_movable(env, model, new_owner)
    env = env(
        su=True,
        context=dict(env.context, active_test=False, tracking_disable=True),
    )
    records = env[model].browse(sorted(new_owner))
    if model == "crm.lead":
        open_ids = set(records._crm_retention_open_leads().ids)
    moves, groups = [], defaultdict(list)
    for record in records:
        owner = new_owner[record.id]
        move = Move(model, record.id, record.user_id.id, owner)
        if model == "crm.lead":
            move.previous_team = record.team_id.id
            move.new_team = (new_team or {}).get(record.id, record.team_id.id)
            move.previous_company = record.company_id.id
            move.new_company = (new_company or {}).get(record.id, record.company_id.id)
            move.was_open = record.id in open_ids
            groups[
                (
                    owner,
                    move.new_team,
                    move.new_company,
                    move.previous_team,
                    move.previous_company,
                )
            ].append(record.id)
        else:
            if model == "mail.activity":
                move.was_open = record.active
            groups[(owner,)].append(record.id)
        moves.append(move)
    for key, ids in groups.items():
        batch = records.browse(ids)
        if model == "crm.lead":
            batch._crm_retention_set_user(*key)
        elif model == "mail.activity":
            batch._crm_retention_set_user(env["res.users"].browse(key[0]))
        else:
            batch.write({"user_id": key[0]})
    # What the new owners change is recomputed now, without tracking as the
    # write itself (the note says what changed), not at the next flush.
    env.flush_all()
    return moves


def activity_documents(env, moves):
    """(move, activity) of the moved activities, with their document.
    Superuser: reading activities already moved (checked by
    _move_owners)."""
    rows = moves.get("mail.activity") or []
    activities = env["mail.activity"].sudo().browse([m.res_id for m in rows])
    return zip(rows, activities.with_context(active_test=False), strict=True)


def subscribe_new_owners(env, moves):
    """The new owners follow the opportunities they got and the
    documents of their (planned) activities, as Odoo does on assignment
    (not the customers: Odoo doesn't make the salesperson follow them):
    one INSERT per model and owner (chatter_bulk), each document once.

    Superuser: subscribing the new owners to the records just moved;
    checked first: _move_owners checked the acting user may move them."""
    env = reading_env(env)
    documents = defaultdict(set)
    for move in moves.get("crm.lead") or []:
        documents[("crm.lead", move.new_user)].add(move.res_id)
    for move, activity in activity_documents(env, moves):
        if activity.active:
            documents[(activity.res_model, move.new_user)].add(activity.res_id)
    users = env["res.users"].browse({owner for _model, owner in documents})
    partners = {
        user.id: user.partner_id.id
        for user in users
        if user.active and user.partner_id.active
    }
    for (model, owner), ids in documents.items():
        Model = env[model]
        if owner in partners and hasattr(Model, "message_subscribe"):
            records = Model.browse(sorted(ids)).exists()
            chatter_bulk.add_followers(env, model, records.ids, partners[owner])


def log_notes(env, moves, departing, undo=False):
    """One chatter note per record whose owner changed, and one per
    document whose activities moved (a lead moved with its activities
    gets one note). Logged in one INSERT per model (chatter_bulk), without
    notifications.

    Superuser: posting the notes on the records just moved (the acting
    user stays their author); checked first: _move_owners checked the
    acting user may move them."""
    acting = env
    env = reading_env(env)
    # {(model, res id): [previous owner, new owner, owner moved, activities]}
    notes = {}
    for model, rows in moves.items():
        if model == "mail.activity":
            continue
        for move in rows:
            notes[(model, move.res_id)] = [
                move.previous_user,
                move.new_user,
                True,
                0,
            ]
    for move, activity in activity_documents(env, moves):
        note = notes.setdefault(
            (activity.res_model, activity.res_id),
            [move.previous_user, move.new_user, False, 0],
        )
        note[3] += 1
    users = env["res.users"].browse(
        {user for note in notes.values() for user in note[:2] if user}
    )
    names = {user.id: user.name for user in users}
    gone = departing.name
    by_model = defaultdict(dict)
    for (model, res_id), (old, new, own, count) in notes.items():
        values = {
            "old": names.get(old, ""),
            "new": names.get(new, ""),
            "gone": gone,
            "count": count,
        }
        text = texts.note_text(acting, undo, own, count) % values
        by_model[model][res_id] = Markup("<p>%s</p>") % text
    for model, bodies in by_model.items():
        Model = env[model]
        if hasattr(Model, "_message_log_batch"):
            documents = Model.browse(list(bodies)).exists()
            chatter_bulk.log_notes(
                env,
                model,
                {res_id: bodies[res_id] for res_id in documents.ids},
                acting.user.partner_id.id,
            )
