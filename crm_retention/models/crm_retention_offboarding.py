# Copyright 2026 crm_retention contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import Counter, defaultdict

from odoo import Command, api, fields, models
from odoo.exceptions import UserError

from . import offboarding_texts as texts
from .crm_retention_offboarding_line import MOVE_FIELDS
from .offboarding_checks import (
    check_may_offboard,
    check_offboarding_right,
    check_plan,
)
from .offboarding_moves import (
    lock_owned,
    log_notes,
    move_owners,
    subscribe_new_owners,
)
from .offboarding_plan import MOVED_MODELS, make_plan, reading_env


class CrmRetentionOffboarding(models.Model):
    """What an offboarding did: who left, who did it, when, and exactly what
    moved (its lines: one per record, previous and new owner), so that it
    can be undone. Its execution and undo live here; the plan they carry out
    in offboarding_plan.py, their checks in offboarding_checks.py, their
    texts in offboarding_texts.py."""

    _name = "crm.retention.offboarding"
    _description = "CRM Offboarding"
    _inherit = ["mail.thread"]
    _order = "date desc, id desc"

    name = fields.Char(compute="_compute_name", store=True)
    user_id = fields.Many2one(
        comodel_name="res.users",
        string="Departing User",
        required=True,
        readonly=True,
        index=True,
        ondelete="restrict",
        context={"active_test": False},
    )
    user_active = fields.Boolean(related="user_id.active")
    done_by_id = fields.Many2one(
        comodel_name="res.users",
        readonly=True,
        default=lambda self: self.env.user,
    )
    date = fields.Datetime(readonly=True, default=fields.Datetime.now)
    target_user_ids = fields.Many2many(
        comodel_name="res.users",
        relation="crm_retention_offboarding_target_rel",
        column1="offboarding_id",
        column2="user_id",
        string="Handed Over To",
        readonly=True,
        context={"active_test": False},
    )
    state = fields.Selection(
        selection=[("done", "Done"), ("undone", "Reassignment Undone")],
        default="done",
        required=True,
        readonly=True,
        tracking=True,
    )
    line_ids = fields.One2many(
        comodel_name="crm.retention.offboarding.line",
        inverse_name="offboarding_id",
        string="Moved Records",
        readonly=True,
    )
    line_count = fields.Integer(compute="_compute_line_count")
    membership_ids = fields.Many2many(
        comodel_name="crm.team.member",
        relation="crm_retention_offboarding_membership_rel",
        column1="offboarding_id",
        column2="member_id",
        string="Team Memberships Ended",
        readonly=True,
        context={"active_test": False},
    )
    partner_marked_former = fields.Boolean(
        string="Contact Marked Former", readonly=True
    )
    lead_count = fields.Integer(string="Opportunities Moved", readonly=True)
    activity_count = fields.Integer(string="Activities Moved", readonly=True)
    customer_count = fields.Integer(string="Customers Moved", readonly=True)
    team_count = fields.Integer(string="Teams Handed Over", readonly=True)
    summary = fields.Text(readonly=True)
    undo_date = fields.Datetime(readonly=True, copy=False)
    undo_user_id = fields.Many2one(
        comodel_name="res.users", string="Undone By", readonly=True, copy=False
    )
    undo_skipped = fields.Text(
        string="Left Alone at Undo",
        readonly=True,
        copy=False,
        help="Records that had changed owner (or were deleted) since the "
        "offboarding: the undo left them as they were.",
    )

    @api.depends("user_id")
    def _compute_name(self):
        for offboarding in self:
            offboarding.name = self.env._(
                "Offboarding of %(user)s", user=offboarding.user_id.name or ""
            )

    def _compute_line_count(self):
        groups = self.env["crm.retention.offboarding.line"]._read_group(
            [("offboarding_id", "in", self.ids)], ["offboarding_id"], ["__count"]
        )
        counts = {offboarding.id: count for offboarding, count in groups}
        for offboarding in self:
            offboarding.line_count = counts.get(offboarding.id, 0)

    # ------------------------------------------------------------------
    # Offboarding: carry a plan out
    # ------------------------------------------------------------------

    @api.model
    def _offboard(self, request):
        """Plan, check, then deactivate the user and hand their work over,
        in one transaction: any error and nothing has changed. Returns the
        offboarding record.

        Superuser: deactivating the user, ending their memberships, marking
        their contact former, creating the (read-only) offboarding record
        and its lines, and, in _move_owners, writing the new owners. Checked
        first: check_plan (the acting user may offboard this user; the
        records are of their companies, of the unselected ones only when
        confirmed) and _move_owners' check_movable (the acting user's own
        search finds the records and they may write them)."""
        lock_owned(self.env, request.user)
        plan = make_plan(self.env, request)
        check_plan(self.env, request, plan)
        user = request.user.sudo()
        # A plain write: mail's action_archive() deletes the user's planned
        # activities and sales_team's archives their memberships; those are
        # handled below, on purpose and on record.
        if user.active:
            user.write({"active": False})
        moves = {}
        for model in MOVED_MODELS:
            if plan.owners[model]:
                moves[model] = self._move_owners(
                    model,
                    plan.owners[model],
                    plan.lead_team if model == "crm.lead" else None,
                    plan.lead_company if model == "crm.lead" else None,
                )
        subscribe_new_owners(self.env, moves)
        log_notes(self.env, moves, user)
        memberships = plan.memberships or self.env["crm.team.member"]
        memberships.sudo().write({"active": False})
        mark_former = request.mark_partner_former and not user.partner_id.is_former
        if mark_former:
            user.partner_id.write(
                {
                    "is_former": True,
                    "former_reason_id": self.env.ref(
                        "crm_retention.former_reason_changed_job"
                    ).id,
                }
            )
        moved_to = {move.new_user for rows in moves.values() for move in rows}
        offboarding = self.sudo().create(
            {
                "user_id": user.id,
                "done_by_id": self.env.uid,
                "target_user_ids": [Command.set(list(moved_to) or request.targets.ids)],
                "membership_ids": [Command.set(memberships.ids)],
                "partner_marked_former": bool(mark_former),
                "lead_count": len(moves.get("crm.lead", [])),
                "activity_count": len(moves.get("mail.activity", [])),
                "customer_count": len(moves.get("res.partner", [])),
                "team_count": len(moves.get("crm.team", [])),
                "summary": texts.summary(self.env, request, plan, moves, memberships),
            }
        )
        self.env["crm.retention.offboarding.line"].sudo()._insert_moves(
            offboarding, [move for rows in moves.values() for move in rows]
        )
        return offboarding

    @api.model
    def _move_owners(self, model, new_owner, new_team=None, new_company=None):
        """Give the records of model to new owners, checked and in bulk
        (offboarding_moves.move_owners); returns the Moves done."""
        return move_owners(self.env, model, new_owner, new_team, new_company)

    # ------------------------------------------------------------------
    # Afterwards: open, undo, reactivate
    # ------------------------------------------------------------------

    def _moved_ids(self, model):
        self.ensure_one()
        lines = self.env["crm.retention.offboarding.line"].search_fetch(
            [("offboarding_id", "=", self.id), ("res_model", "=", model)], ["res_id"]
        )
        return lines.mapped("res_id")

    def _open_moved(self, model, name):
        return {
            "type": "ir.actions.act_window",
            "name": name,
            "res_model": model,
            "view_mode": "list,form",
            "domain": [("id", "in", self._moved_ids(model))],
            "context": {"active_test": False, "create": False},
        }

    def action_view_leads(self):
        return self._open_moved("crm.lead", self.env._("Moved Opportunities"))

    def action_view_activities(self):
        return self._open_moved("mail.activity", self.env._("Moved Activities"))

    def action_view_customers(self):
        return self._open_moved("res.partner", self.env._("Moved Customers"))

    def action_view_lines(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_retention.crm_retention_offboarding_line_action"
        )
        action["domain"] = [("offboarding_id", "=", self.id)]
        return action

    def action_reactivate_user(self):
        """The user can log in again: their team memberships ended by the
        offboarding come back, and their contact is current again. Their
        records are not given back: that is 'Undo Reassignment'.

        Superuser: activating the user, their ended memberships and their
        contact, and the chatter note. Checked first: the acting user may
        offboard this user (check_may_offboard: Data Manager, Access Rights
        for a user with Access Rights, one of the user's companies)."""
        check_offboarding_right(self.env)
        for offboarding in self:
            check_may_offboard(self.env, offboarding.user_id)
            user = offboarding.user_id.sudo()
            if user.active:
                raise UserError(
                    self.env._("%(user)s is already active.", user=user.name)
                )
            user.write({"active": True})
            Member = self.env["crm.team.member"].sudo()
            ended = offboarding.membership_ids.sudo().filtered(
                lambda member: not member.active and member.crm_team_id.active
            )
            current = Member.search(
                [
                    ("user_id", "=", user.id),
                    ("crm_team_id", "in", ended.crm_team_id.ids),
                ]
            )
            ended.filtered(
                lambda member, teams=current.crm_team_id: member.crm_team_id
                not in teams
            ).write({"active": True})
            if offboarding.partner_marked_former:
                user.partner_id.action_make_current()
            offboarding.sudo().message_post(
                body=self.env._("%(user)s reactivated.", user=user.name)
            )
        return True

    def action_undo(self):
        """Give back every record that still belongs to the user it was moved
        to; records that changed owner since (or were deleted) are listed and
        left alone.

        Giving records back to the departing user is offboarding's move in
        reverse: it needs the rights to offboard that user
        (check_may_offboard), and the records must be in the acting user's
        reach (_move_owners checks it: AccessError and nothing changed
        otherwise). It never activates the user. Superuser: the writes, see
        _undo."""
        check_offboarding_right(self.env)
        for offboarding in self:
            check_may_offboard(self.env, offboarding.user_id)
            if offboarding.state != "done":
                raise UserError(
                    self.env._("This offboarding's reassignment is already undone.")
                )
            offboarding._undo()
        return True

    def _undo(self):
        """Superuser: reading the lines and the moved records (to tell which
        changed since) and, through _move_owners, writing them back; checked
        first: action_undo's check_may_offboard, and _move_owners'
        check_movable on the records given back."""
        env = reading_env(self.env)
        Line = env["crm.retention.offboarding.line"]
        lines = Line.search_fetch(
            [("offboarding_id", "=", self.id), ("undo_state", "=", "moved")],
            list(MOVE_FIELDS),
        )
        by_model = defaultdict(list)
        for line in lines:
            by_model[line.res_model].append(line)
        back_moves, skipped, given = {}, [], []
        reasons = defaultdict(list)
        for model in MOVED_MODELS:
            model_lines = by_model.get(model)
            if not model_lines:
                continue
            records = env[model].browse([line.res_id for line in model_lines])
            records = records.exists()
            existing = {record.id: record for record in records}
            open_ids = set()
            if model == "crm.lead":
                open_ids = set(records._crm_retention_open_leads().ids)
            back, back_team, back_company = {}, {}, {}
            for line in model_lines:
                record = existing.get(line.res_id)
                reason = self._undo_refusal(record, line, open_ids)
                if reason:
                    skipped.append((model, line.res_id, reason))
                    reasons[reason].append(line.id)
                    continue
                given.append(line.id)
                back[line.res_id] = line.previous_user_id.id
                # A lead's team and company are given back together, when
                # neither changed since (they were consistent then).
                if model == "crm.lead" and (
                    record.team_id,
                    record.company_id,
                ) == (line.new_team_id, line.new_company_id):
                    back_team[line.res_id] = line.previous_team_id.id
                    back_company[line.res_id] = line.previous_company_id.id
            if back:
                back_moves[model] = self._move_owners(
                    model, back, back_team, back_company
                )
        subscribe_new_owners(self.env, back_moves)
        log_notes(self.env, back_moves, self.user_id, undo=True)
        Line.browse(given).write({"undo_state": "undone"})
        for reason, ids in reasons.items():
            Line.browse(ids).write({"undo_state": "skipped", "skip_reason": reason})
        self.sudo().write(
            {
                "state": "undone",
                "undo_date": fields.Datetime.now(),
                "undo_user_id": self.env.uid,
                "undo_skipped": texts.format_skipped(self.env, skipped),
                "summary": texts.undo_summary(
                    self.env,
                    self.user_id,
                    Counter(Line.browse(given).mapped("res_model")),
                    Counter(model for model, __, __ in skipped),
                    self.summary,
                ),
            }
        )
        self.sudo().message_post(
            body=texts.undo_done(self.env, len(given), len(skipped))
        )
        return len(given), skipped

    def _undo_refusal(self, record, line, open_ids):
        """Why a moved record is not given back (None: it is). open_ids:
        the open leads among the records."""
        if not record:
            return texts.undo_reason(self.env, "deleted")
        if record.user_id != line.new_user_id:
            return texts.undo_reason(self.env, "owner", owner=record.user_id.name)
        if record._name == "crm.lead":
            if line.was_open and record.id not in open_ids:
                return texts.undo_reason(self.env, "closed")
            previous = line.previous_user_id
            company = record.company_id
            if (record.team_id, company) == (line.new_team_id, line.new_company_id):
                company = line.previous_company_id
            if company and company not in previous.company_ids:
                return texts.undo_reason(self.env, "company", user=previous.name)
        if record._name == "mail.activity" and line.was_open and not record.active:
            return texts.undo_reason(self.env, "done")
        return None
