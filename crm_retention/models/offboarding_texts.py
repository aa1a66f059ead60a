# Copyright 2026 crm_retention contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""What an offboarding says to people: the summary, the chatter notes, the
lists of records in the wizard and in errors, the records left alone at
undo. Plain functions of an environment (for its language)."""

from collections import Counter, defaultdict

from . import history_counts
from .history_counts import join_words
from .offboarding_plan import reading_env, record_company

# Records listed in the wizard and in the errors.
LIST_LIMIT = 20


# The keys whose words are those of a kind of history (history_counts).
HISTORY_KIND = {
    "open_leads": "leads",
    "crm.lead": "leads",
    "activities": "activities",
    "mail.activity": "activities",
    "customers": "customers",
    "res.partner": "customers",
}


def count_words(env, key, count):
    """'1 opportunity', '6 opportunities'... of a category key or a moved
    model: correct plurals, translatable."""
    if key in HISTORY_KIND:
        return history_counts.count_words(env, HISTORY_KIND[key], count)
    one = count == 1
    if key == "crm.team":
        if one:
            return env._("1 sales team (as leader)")
        return env._("%(count)s sales teams (as leader)", count=count)
    if key == "closed_leads":
        if one:
            return env._("1 closed opportunity")
        return env._("%(count)s closed opportunities", count=count)
    if one:
        return env._("1 done activity")
    return env._("%(count)s done activities", count=count)


# The moved models, in the order the summary names them.
MOVED_ORDER = ("crm.lead", "mail.activity", "res.partner", "crm.team")
# What stays with the departing user when not handed over.
KEPT_KEYS = ("open_leads", "activities", "customers", "closed_leads", "done_activities")


def format_records(env, records):
    """One line per record with its company, LIST_LIMIT at most."""
    if not records:
        return False
    lines = [
        f"{record._description}: {record.display_name} "
        f"({record_company(env, record).name or ''})"
        for record in records[:LIST_LIMIT]
    ]
    if len(records) > LIST_LIMIT:
        lines.append(env._("... and %(count)s more", count=len(records) - LIST_LIMIT))
    return "\n".join(lines)


def departing_target(env, user):
    return env._(
        "%(user)s is the departing user: choose someone else to hand over to.",
        user=user.name,
    )


def summary(env, request, plan, moves, memberships):
    """The offboarding's summary: what went to whom, what ended, what was
    kept. moves: {model: [Move]}. Superuser: reading the new owners' names."""
    owners = {move.new_user for rows in moves.values() for move in rows}
    names = {
        user.id: user.name for user in reading_env(env)["res.users"].browse(owners)
    }
    lines = []
    for model in MOVED_ORDER:
        per_owner = Counter(move.new_user for move in moves.get(model, []))
        if per_owner:
            listed = ", ".join(
                f"{names[owner]} ({count})"
                for owner, count in sorted(per_owner.items())
            )
            lines.append(
                env._(
                    "%(what)s to %(owners)s",
                    what=count_words(env, model, sum(per_owner.values())),
                    owners=listed,
                )
            )
    if memberships:
        lines.append(
            env._("1 team membership ended")
            if len(memberships) == 1
            else env._("%(count)s team memberships ended", count=len(memberships))
        )
    kept = [
        count_words(env, key, len(plan.owned[key]))
        for key in KEPT_KEYS
        if plan.owned[key] and key not in request.include
    ]
    if kept:
        lines.append(
            env._(
                "Kept with %(user)s: %(kept)s",
                user=request.user.name,
                kept=join_words(env, kept),
            )
        )
    return "\n".join(lines) or env._("Nothing to hand over.")


def note_text(env, undo, own, count):
    """The chatter note of a record: its owner moved (own), its activities
    moved (count), or both; on offboarding or on undo. A %-format of old,
    new, gone (the departing user) and count."""
    if not undo:
        if own and count:
            return env._(
                "Reassigned from %(old)s to %(new)s, with %(count)s "
                "activities — offboarding of %(gone)s."
            )
        if own:
            return env._(
                "Reassigned from %(old)s to %(new)s — offboarding of %(gone)s."
            )
        return env._(
            "%(count)s activities reassigned from %(old)s to %(new)s — "
            "offboarding of %(gone)s."
        )
    if own and count:
        return env._(
            "Given back from %(old)s to %(new)s, with %(count)s activities "
            "— offboarding of %(gone)s undone."
        )
    if own:
        return env._(
            "Given back from %(old)s to %(new)s — offboarding of %(gone)s undone."
        )
    return env._(
        "%(count)s activities given back from %(old)s to %(new)s — "
        "offboarding of %(gone)s undone."
    )


def undo_reason(env, reason, **values):
    """Why the undo left a record alone (the line's skip reason)."""
    if reason == "deleted":
        return env._("deleted")
    if reason == "owner":
        return env._("now %(owner)s", owner=values["owner"] or env._("nobody"))
    if reason == "closed":
        return env._("closed since")
    if reason == "company":
        return env._("%(user)s has no access to its company", user=values["user"])
    return env._("done since")


def undo_summary(env, user, given, skipped, before):
    """The summary once undone: what was given back to user, what was left
    alone, and what the offboarding had handed over. given and skipped:
    {model: count}."""
    lines = []
    back = [
        count_words(env, model, given[model])
        for model in MOVED_ORDER
        if given.get(model)
    ]
    lines.append(
        env._(
            "Undone: %(what)s given back to %(user)s.",
            what=join_words(env, back),
            user=user.name,
        )
        if back
        else env._("Undone: nothing given back to %(user)s.", user=user.name)
    )
    alone = [
        count_words(env, model, skipped[model])
        for model in MOVED_ORDER
        if skipped.get(model)
    ]
    if alone:
        lines.append(
            env._(
                "Left alone, as they changed since: %(what)s.",
                what=join_words(env, alone),
            )
        )
    lines.append(env._("Handed over at the offboarding:\n%(before)s", before=before))
    return "\n".join(lines)


def undo_done(env, given, skipped):
    return env._(
        "Reassignment undone: %(given)s records given back, %(skipped)s "
        "left alone because they changed since.",
        given=given,
        skipped=skipped,
    )


def format_skipped(env, skipped):
    """The records left alone at undo, one a line: skipped is a list of
    (model, id, reason). Superuser: their names, for the record's trace."""
    if not skipped:
        return False
    env_su = reading_env(env)
    ids_by_model = defaultdict(list)
    for model, res_id, _reason in skipped:
        ids_by_model[model].append(res_id)
    names = {}
    for model, ids in ids_by_model.items():
        for record in env_su[model].browse(ids).exists():
            names[(model, record.id)] = record.display_name
    labels = {model: env_su["ir.model"]._get(model).name for model in ids_by_model}
    lines = []
    for model, res_id, reason in skipped:
        name = names.get((model, res_id))
        label = f"{labels[model]} #{res_id}"
        lines.append(f"{label} {name} ({reason})" if name else f"{label} ({reason})")
    return "\n".join(lines)
