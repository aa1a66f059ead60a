# Copyright 2026 crm_retention contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The refusal to delete contacts with history: a user error (Odoo logs it
as a warning, without traceback, as every UserError raised in a request),
which the web client shows as a dialog with the ways out that apply to
these contacts and this user, each a button
(static/src/history_guard/history_guard_dialog.js)."""

from odoo.exceptions import UserError

from .data_manager import DATA_MANAGER
from .history_counts import format_counts


class HistoryGuardError(UserError):
    """Deleting contacts with history is refused. The message says it in
    words (XML-RPC callers read only it); `context` carries the dialog's
    title and buttons for the web client: each button calls a method of
    the model on some of the records."""

    def __init__(self, message, title, buttons, model="res.partner"):
        super().__init__(message)
        self.context = {
            "crm_retention_guard": {"title": title, "buttons": buttons, "model": model}
        }


def _ways_out(partners):
    """The buttons that apply to these contacts and this user, with their
    explanation: [(label, explanation, method, partner ids)]."""
    env = partners.env
    manager = env.user.has_group(DATA_MANAGER)
    ways = []
    current = partners.filtered(lambda partner: not partner.is_former)
    if current:
        ways.append(
            (
                env._("Mark as Former"),
                env._("the relation ended"),
                "action_mark_former",
                current.ids,
            )
        )
    # Odoo refuses to archive the contact of an active user.
    archivable = partners.filtered(
        lambda partner: partner.active and not partner.user_ids
    )
    if archivable:
        ways.append(
            (env._("Archive"), env._("hide it"), "action_archive", archivable.ids)
        )
    if manager and len(partners) == 1:
        ways.append(
            (
                env._("Move History To…"),
                env._("it duplicates another contact"),
                "action_move_history",
                partners.ids,
            )
        )
    erasable = partners.filtered(lambda partner: not partner.is_erased)
    if manager and erasable:
        ways.append(
            (
                env._("Erase Personal Data"),
                env._(
                    "a person asks to be forgotten; the history stays, pseudonymised"
                ),
                "action_erase_personal_data",
                erasable.ids,
            )
        )
    return ways


def _has_history_line(env, partner, counts, own):
    words = format_counts(env, counts)
    if own != counts:
        return env._(
            "%(name)s and its contacts have %(history)s.",
            name=partner.display_name,
            history=words,
        )
    return env._("%(name)s has %(history)s.", name=partner.display_name, history=words)


def history_guard_error(partners, counts, own, limit=10):
    """The error refusing to delete these contacts. counts: {id: {kind:
    count}} with their contacts' history, own: the same without it."""
    env = partners.env
    lines = [
        _has_history_line(env, partner, counts[partner.id], own.get(partner.id, {}))
        for partner in partners[:limit]
    ]
    if len(partners) > limit:
        lines.append(env._("And %(count)s more.", count=len(partners) - limit))
    if len(partners) == 1:
        title = env._("%(name)s cannot be deleted", name=partners.display_name)
        keep = env._("Deleting it would lose this history.")
    else:
        title = env._("%(count)s contacts cannot be deleted", count=len(partners))
        keep = env._("Deleting them would lose this history.")
    ways = _ways_out(partners)
    if ways:
        keep += " " + env._(
            "Instead: %(ways)s.",
            ways="; ".join(f"{label} ({why})" for label, why, __, __ in ways),
        )
    message = "\n".join(lines) + "\n\n" + keep
    buttons = [
        {"label": label, "method": method, "ids": ids}
        for label, __, method, ids in ways
    ]
    return HistoryGuardError(message, title, buttons)
