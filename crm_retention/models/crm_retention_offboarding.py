# Copyright 2026 crm_retention contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.osv import expression

from .history import is_data_manager

# The owner field of every kind of record an offboarding moves.
OWNED_MODELS = ("crm.lead", "res.partner", "mail.activity", "crm.team")


class CrmRetentionOffboarding(models.Model):
    """What an offboarding did: who left, who did it, when, and exactly what
    moved (record ids per model, previous and new owner), so that it can be
    undone."""

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
    moves = fields.Json(
        readonly=True,
        copy=False,
        help="Per model, one row per moved record: [id, previous owner, new "
        "owner]; leads add previous team, new team, previous company, new "
        "company and whether open; activities whether planned.",
    )
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

    def _check_data_manager(self):
        if not is_data_manager(self.env):
            raise AccessError(self.env._("Only Data Managers can offboard users."))

    @api.model
    def _check_may_offboard(self, user):
        """Whether the acting user may offboard user, or reactivate them, or
        give their records back (the same rights for all three): a Data
        Manager; for a user with Access Rights (administrators included) a
        Data Manager who has Access Rights too; and a Data Manager of one of
        user's companies. Odoo itself (superuser) may."""
        self._check_data_manager()
        if self.env.su:
            return
        if user.has_group("base.group_erp_manager") and not self.env.user.has_group(
            "base.group_erp_manager"
        ):
            raise AccessError(
                self.env._(
                    "%(user)s manages users and access rights: only an "
                    "administrator can offboard or reactivate them.",
                    user=user.name,
                )
            )
        if not (user.sudo().company_ids & self.env.user.company_ids):
            raise AccessError(
                self.env._(
                    "%(user)s works in companies you have no access to: ask a "
                    "Data Manager of their company.",
                    user=user.name,
                )
            )

    @api.model
    def _check_movable(self, model, ids):
        """The acting user may move these records of model themselves: their
        own search finds them all (access rights, record rules, any of their
        companies, archived records included), and for leads and customers
        the write rules hold too; for activities, their own search finds the
        activities' documents; for sales teams, the leader is handed over
        with the offboarding right. In SQL, a query per model, so that the
        number of queries does not grow with the records. Raises AccessError
        otherwise. Odoo itself (superuser) may move anything."""
        if self.env.su or not ids:
            return
        ids = set(ids)
        if model == "mail.activity":
            groups = (
                self.env["mail.activity"]
                .sudo()
                .with_context(active_test=False)
                ._read_group(
                    [("id", "in", list(ids))], ["res_model"], ["res_id:array_agg"]
                )
            )
            for res_model, res_ids in groups:
                self._check_movable_in(res_model, set(res_ids), len(ids), model)
            return
        self._check_movable_in(model, ids, len(ids), model)

    @api.model
    def _check_movable_in(self, model, ids, total, moved_model):
        Model = self.env[model].with_context(
            active_test=False, allowed_company_ids=self.env.user.company_ids.ids
        )
        domain = [("id", "in", list(ids))]
        if model in ("crm.lead", "res.partner") and model == moved_model:
            Model.browse().check_access("write")
            write_rules = Model.env["ir.rule"]._compute_domain(model, "write")
            if write_rules:
                domain = expression.AND([domain, write_rules])
        found = Model.search_count(domain)
        if found != len(ids):
            raise AccessError(
                self.env._(
                    "%(count)s of the %(what)s to move are out of your reach "
                    "(other companies or access rules): nothing was changed. "
                    "Ask a Data Manager who can access them.",
                    count=total if moved_model != model else len(ids) - found,
                    what=self.env["ir.model"]._get(moved_model).name,
                )
            )

    # ------------------------------------------------------------------
    # Moving owners, in bulk
    # ------------------------------------------------------------------

    @api.model
    def _move_owners(self, model, new_owner, new_team=None, new_company=None):
        """Give the records of model to new owners: new_owner is {record id:
        user id}; new_team and new_company {lead id: id} (leads keep their
        team and company otherwise). One write per (owner, team, company),
        so the number of queries doesn't grow with the records. Returns the
        rows to keep: [id, previous owner, new owner] (leads: + previous
        team, new team, previous company, new company).

        Superuser: the writes (the new owners' rights, Odoo's checks of a
        salesperson's company, chatter and followers are handled by the
        offboarding). Checked first: the acting user may move exactly these
        records themselves (_check_movable: their own search finds them
        all, and they may write them)."""
        self._check_movable(model, new_owner)
        env = self.env(
            su=True,
            context=dict(self.env.context, active_test=False, tracking_disable=True),
        )
        records = env[model].browse(sorted(new_owner))
        rows, groups = [], defaultdict(list)
        for record in records:
            owner = new_owner[record.id]
            if model == "crm.lead":
                team = (new_team or {}).get(record.id, record.team_id.id)
                company = (new_company or {}).get(record.id, record.company_id.id)
                rows.append(
                    [
                        record.id,
                        record.user_id.id,
                        owner,
                        record.team_id.id,
                        team,
                        record.company_id.id,
                        company,
                        int(record.active and not record.stage_id.is_won),
                    ]
                )
                groups[
                    (owner, team, company, record.team_id.id, record.company_id.id)
                ].append(record.id)
            elif model == "mail.activity":
                rows.append([record.id, record.user_id.id, owner, int(record.active)])
                groups[(owner,)].append(record.id)
            else:
                rows.append([record.id, record.user_id.id, owner])
                groups[(owner,)].append(record.id)
        for key, ids in groups.items():
            batch = records.browse(ids)
            if model == "crm.lead":
                batch._crm_retention_set_user(*key)
            elif model == "mail.activity":
                batch._crm_retention_set_user(env["res.users"].browse(key[0]))
            else:
                batch.write({"user_id": key[0]})
        return rows

    @api.model
    def _activity_documents(self, rows_by_model):
        """(row, activity) of the moved activities, with their document.
        Superuser: reading activities already moved (checked by
        _move_owners)."""
        rows = rows_by_model.get("mail.activity") or []
        activities = self.env["mail.activity"].sudo().browse([row[0] for row in rows])
        return zip(rows, activities.with_context(active_test=False), strict=True)

    @api.model
    def _subscribe_new_owners(self, rows_by_model):
        """The new owners follow the opportunities they got and the
        documents of their (planned) activities, as Odoo does on assignment
        (not the customers: Odoo doesn't make the salesperson follow them):
        one call per model and owner, each document once.

        Superuser: subscribing the new owners to the records just moved;
        checked first: _move_owners checked the acting user may move them."""
        env = self.env(su=True, context=dict(self.env.context, active_test=False))
        documents = defaultdict(set)
        for row in rows_by_model.get("crm.lead") or []:
            documents[("crm.lead", row[2])].add(row[0])
        for row, activity in self._activity_documents(rows_by_model):
            if activity.active:
                documents[(activity.res_model, row[2])].add(activity.res_id)
        users = env["res.users"].browse({owner for _model, owner in documents})
        partners = {user.id: user.partner_id for user in users if user.active}
        for (model, owner), ids in documents.items():
            Model = env[model]
            if owner in partners and hasattr(Model, "message_subscribe"):
                Model.browse(sorted(ids)).exists().message_subscribe(
                    partner_ids=partners[owner].ids
                )

    @api.model
    def _log_notes(self, rows_by_model, departing, undo=False):
        """One chatter note per record whose owner changed, and one per
        document whose activities moved (a lead moved with its activities
        gets one note). Logged in batch, without notifications.

        Superuser: posting the notes on the records just moved (the acting
        user stays their author); checked first: _move_owners checked the
        acting user may move them."""
        env = self.env(su=True, context=dict(self.env.context, active_test=False))
        # {(model, res id): [previous owner, new owner, owner moved, activities]}
        notes = {}
        for model, rows in rows_by_model.items():
            if model == "mail.activity":
                continue
            for row in rows:
                notes[(model, row[0])] = [row[1], row[2], True, 0]
        for row, activity in self._activity_documents(rows_by_model):
            note = notes.setdefault(
                (activity.res_model, activity.res_id), [row[1], row[2], False, 0]
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
            text = self._note_text(undo, own, count) % values
            by_model[model][res_id] = Markup("<p>%s</p>") % text
        for model, bodies in by_model.items():
            Model = env[model]
            if hasattr(Model, "_message_log_batch"):
                documents = Model.browse(list(bodies)).exists()
                documents._message_log_batch(
                    {res_id: bodies[res_id] for res_id in documents.ids},
                    author_id=self.env.user.partner_id.id,
                )

    def _note_text(self, undo, own, count):
        """The note of a record: its owner moved (own), its activities moved
        (count), or both; on offboarding or on undo."""
        if not undo:
            if own and count:
                return self.env._(
                    "Reassigned from %(old)s to %(new)s, with %(count)s "
                    "activities — offboarding of %(gone)s."
                )
            if own:
                return self.env._(
                    "Reassigned from %(old)s to %(new)s — offboarding of %(gone)s."
                )
            return self.env._(
                "%(count)s activities reassigned from %(old)s to %(new)s — "
                "offboarding of %(gone)s."
            )
        if own and count:
            return self.env._(
                "Given back from %(old)s to %(new)s, with %(count)s activities "
                "— offboarding of %(gone)s undone."
            )
        if own:
            return self.env._(
                "Given back from %(old)s to %(new)s — offboarding of %(gone)s undone."
            )
        return self.env._(
            "%(count)s activities given back from %(old)s to %(new)s — "
            "offboarding of %(gone)s undone."
        )

    # ------------------------------------------------------------------
    # Afterwards: open, undo, reactivate
    # ------------------------------------------------------------------

    def _moved_ids(self, model):
        self.ensure_one()
        return [row[0] for row in (self.moves or {}).get(model, [])]

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

    def action_reactivate_user(self):
        """The user can log in again: their team memberships ended by the
        offboarding come back, and their contact is current again. Their
        records are not given back: that is 'Undo Reassignment'.

        Superuser: activating the user, their ended memberships and their
        contact, and the chatter note. Checked first: the acting user may
        offboard this user (_check_may_offboard: Data Manager, Access Rights
        for a user with Access Rights, one of the user's companies)."""
        self._check_data_manager()
        for offboarding in self:
            self._check_may_offboard(offboarding.user_id)
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
        (_check_may_offboard), and the records must be in the acting user's
        reach (_move_owners checks it: AccessError and nothing changed
        otherwise). It never activates the user. Superuser: the writes, see
        _undo."""
        self._check_data_manager()
        for offboarding in self:
            self._check_may_offboard(offboarding.user_id)
            if offboarding.state != "done":
                raise UserError(
                    self.env._("This offboarding's reassignment is already undone.")
                )
            offboarding._undo()
        return True

    def _undo(self):
        """Superuser: reading the moved records (to tell which changed since)
        and, through _move_owners, writing them back; checked first:
        action_undo's _check_may_offboard, and _move_owners' _check_movable
        on the records given back."""
        env = self.env(su=True, context=dict(self.env.context, active_test=False))
        back_rows, skipped = {}, []
        for model in OWNED_MODELS:
            rows = (self.moves or {}).get(model)
            if not rows:
                continue
            records = env[model].browse([row[0] for row in rows]).exists()
            by_id = {record.id: record for record in records}
            back, back_team, back_company = {}, {}, {}
            for row in rows:
                record = by_id.get(row[0])
                reason = self._undo_refusal(record, row)
                if reason:
                    skipped.append((model, row[0], reason))
                    continue
                back[row[0]] = row[1]
                # A lead's team and company are given back together, when
                # neither changed since (they were consistent then).
                if model == "crm.lead" and (
                    record.team_id.id,
                    record.company_id.id,
                ) == (row[4], row[6]):
                    back_team[row[0]] = row[3]
                    back_company[row[0]] = row[5]
            if back:
                back_rows[model] = self._move_owners(
                    model, back, back_team, back_company
                )
        self._subscribe_new_owners(back_rows)
        self._log_notes(back_rows, self.user_id, undo=True)
        given = sum(len(rows) for rows in back_rows.values())
        self.sudo().write(
            {
                "state": "undone",
                "undo_date": fields.Datetime.now(),
                "undo_user_id": self.env.uid,
                "undo_skipped": self._format_skipped(skipped),
            }
        )
        body = self.env._(
            "Reassignment undone: %(given)s records given back, %(skipped)s "
            "left alone because they changed since.",
            given=given,
            skipped=len(skipped),
        )
        self.sudo().message_post(body=body)
        return given, skipped

    def _undo_refusal(self, record, row):
        """Why a moved record is not given back (None: it is)."""
        if not record:
            return self.env._("deleted")
        if record.user_id.id != row[2]:
            return self.env._(
                "now %(owner)s", owner=record.user_id.name or self.env._("nobody")
            )
        if record._name == "crm.lead":
            if row[7] and (not record.active or record.stage_id.is_won):
                return self.env._("closed since")
            previous = record.env["res.users"].browse(row[1])
            company = record.company_id
            if (record.team_id.id, company.id) == (row[4], row[6]):
                company = company.browse(row[5])
            if company and company not in previous.company_ids:
                return self.env._(
                    "%(user)s has no access to its company", user=previous.name
                )
        if record._name == "mail.activity" and row[3] and not record.active:
            return self.env._("done since")
        return None

    def _format_skipped(self, skipped):
        """Superuser: the names of the records left alone, for the record's
        trace; checked first: action_undo's _check_may_offboard."""
        if not skipped:
            return False
        env = self.env(su=True, context=dict(self.env.context, active_test=False))
        ids_by_model = defaultdict(list)
        for model, res_id, _reason in skipped:
            ids_by_model[model].append(res_id)
        names = {}
        for model, ids in ids_by_model.items():
            for record in env[model].browse(ids).exists():
                names[(model, record.id)] = record.display_name
        labels = {model: env["ir.model"]._get(model).name for model in ids_by_model}
        lines = []
        for model, res_id, reason in skipped:
            name = names.get((model, res_id))
            label = f"{labels[model]} #{res_id}"
            lines.append(
                f"{label} {name} ({reason})" if name else f"{label} ({reason})"
            )
        return "\n".join(lines)
