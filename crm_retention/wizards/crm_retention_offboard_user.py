# Copyright 2026 crm_retention contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import heapq
from collections import defaultdict

from odoo import SUPERUSER_ID, Command, api, fields, models
from odoo.exceptions import UserError, ValidationError

SALESMAN = "sales_team.group_sale_salesman"
# Other-company records listed in the wizard and in the error.
LIST_LIMIT = 20
# Count field of the wizard: category of what the departing user owns.
COUNT_FIELDS = {
    "open_lead_count": "open_leads",
    "activity_count": "activities",
    "customer_count": "customers",
    "team_led_count": "teams_led",
    "team_member_count": "memberships",
    "closed_lead_count": "closed_leads",
    "done_activity_count": "done_activities",
}


class Distributor:
    """Hands records out to the targets, round-robin or to the one with the
    least open work so far, preferring the targets that can access the
    record's company (all of them when none can: the manager confirmed)."""

    def __init__(self, targets, by_load, loads=None):
        self.targets = targets
        self.by_load = by_load
        self.loads = dict(loads or {})
        self.pools = {}

    def _pool(self, company_id):
        if company_id not in self.pools:
            allowed = [
                user.id
                for user in self.targets
                if not company_id or company_id in user.company_ids.ids
            ] or self.targets.ids
            heap = [
                (self.loads.get(uid, 0), index, uid)
                for index, uid in enumerate(allowed)
            ]
            heapq.heapify(heap)
            self.pools[company_id] = {"ids": allowed, "next": 0, "heap": heap}
        return self.pools[company_id]

    def pick(self, company_id, weight=1):
        pool = self._pool(company_id)
        if not self.by_load:
            user_id = pool["ids"][pool["next"] % len(pool["ids"])]
            pool["next"] += 1
            return user_id
        load, index, user_id = heapq.heappop(pool["heap"])
        heapq.heappush(pool["heap"], (load + weight, index, user_id))
        return user_id


class CrmRetentionOffboardUser(models.TransientModel):
    _name = "crm.retention.offboard.user"
    _description = "Offboard a departing user"

    user_id = fields.Many2one(
        comodel_name="res.users",
        string="Departing User",
        required=True,
        domain=[("share", "=", False)],
        context={"active_test": False},
        ondelete="cascade",
    )
    user_active = fields.Boolean(related="user_id.active")
    open_lead_count = fields.Integer(
        string="Open Leads/Opportunities", compute="_compute_counts"
    )
    activity_count = fields.Integer(
        string="Upcoming Activities", compute="_compute_counts"
    )
    customer_count = fields.Integer(
        string="Customers (Salesperson)", compute="_compute_counts"
    )
    team_led_count = fields.Integer(string="Teams Led", compute="_compute_counts")
    team_member_count = fields.Integer(
        string="Team Memberships", compute="_compute_counts"
    )
    closed_lead_count = fields.Integer(
        string="Closed Opportunities (Won, Lost or Archived)",
        compute="_compute_counts",
    )
    done_activity_count = fields.Integer(
        string="Done Activities", compute="_compute_counts"
    )

    target_mode = fields.Selection(
        selection=[
            ("user", "One user"),
            ("users", "Several users"),
            ("team", "Members of a sales team"),
        ],
        string="Hand Over To",
        default="user",
        required=True,
    )
    target_user_id = fields.Many2one(
        comodel_name="res.users",
        string="New Owner",
        domain=[("share", "=", False)],
        ondelete="cascade",
    )
    target_user_ids = fields.Many2many(
        comodel_name="res.users",
        relation="crm_retention_offboard_user_target_rel",
        column1="wizard_id",
        column2="user_id",
        string="New Owners",
        domain=[("share", "=", False)],
    )
    target_team_id = fields.Many2one(
        comodel_name="crm.team", string="Sales Team", ondelete="cascade"
    )
    distribution = fields.Selection(
        selection=[
            ("round_robin", "Round-robin"),
            ("load", "By current open load"),
        ],
        default="round_robin",
        required=True,
        help="Round-robin: one each in turn. By load: each record goes to the "
        "new owner with the least open work at that moment.",
    )
    include_open_leads = fields.Boolean(
        string="Move Open Leads/Opportunities", default=True
    )
    include_activities = fields.Boolean(string="Move Upcoming Activities", default=True)
    include_customers = fields.Boolean(string="Move Customers", default=True)
    include_teams = fields.Boolean(
        string="Hand Over Sales Teams",
        default=True,
        help="Teams they lead get the new team leader; their team memberships "
        "end (reactivating the user restores them). Unticked, they stay "
        "leader and member: Odoo's automatic lead assignment may still give "
        "them leads.",
    )
    include_closed_leads = fields.Boolean(string="Move Closed Opportunities")
    include_done_activities = fields.Boolean(string="Move Done Activities")
    lead_team_id = fields.Many2one(
        comodel_name="crm.team",
        string="Team of Moved Opportunities",
        ondelete="cascade",
        help="Empty: the opportunities keep their sales team.",
    )
    team_leader_id = fields.Many2one(
        comodel_name="res.users",
        string="New Team Leader",
        domain=[("share", "=", False)],
        ondelete="cascade",
        help="Takes over the teams the departing user leads. Empty: the "
        "first new owner.",
    )
    mark_partner_former = fields.Boolean(
        string="Mark Their Contact as Former",
        help="The departing user's own contact is marked Former (reason: changed job).",
    )
    other_company_count = fields.Integer(compute="_compute_other_company")
    other_company_list = fields.Text(
        string="Records of Other Companies", compute="_compute_other_company"
    )
    confirm_other_companies = fields.Boolean(
        string="Move Them Anyway",
        help="Hand over records of companies the new owners cannot access. "
        "Odoo wants a salesperson to belong to the company of their "
        "opportunities: such opportunities move to the new owner's company.",
    )
    unselected_company_count = fields.Integer(compute="_compute_other_company")
    confirm_unselected_companies = fields.Boolean(
        string="Move Records of My Other Companies",
        help="Hand over records of companies you have access to but did not "
        "select in the company switcher. Records of companies you have no "
        "access to are never moved by you.",
    )

    # ------------------------------------------------------------------
    # What the departing user owns
    # ------------------------------------------------------------------

    def _sudo_env(self):
        """Superuser: what the departing user owns is searched and counted
        whatever the acting user may see (counts, plan, new owners' loads:
        nothing is written with it). Checked first: the wizard is for Data
        Managers only (access rights), and before anything moves, _check
        refuses records out of the acting user's reach and
        crm.retention.offboarding._move_owners moves only what the acting
        user's own search finds."""
        return self.env(su=True, context=dict(self.env.context, active_test=False))

    @api.model
    def _open_lead_domain(self, users):
        return [
            ("user_id", "in", users.ids),
            ("active", "=", True),
            "|",
            ("stage_id", "=", False),
            ("stage_id.is_won", "=", False),
        ]

    @api.model
    def _closed_lead_domain(self, users):
        return [
            ("user_id", "in", users.ids),
            "|",
            ("active", "=", False),
            ("stage_id.is_won", "=", True),
        ]

    @api.model
    def _owned_domains(self, user):
        """{category: (model, domain)} of what user owns."""
        return {
            "open_leads": ("crm.lead", self._open_lead_domain(user)),
            "closed_leads": ("crm.lead", self._closed_lead_domain(user)),
            "activities": (
                "mail.activity",
                [("user_id", "=", user.id), ("active", "=", True)],
            ),
            "done_activities": (
                "mail.activity",
                [("user_id", "=", user.id), ("active", "=", False)],
            ),
            "customers": (
                "res.partner",
                [("user_id", "=", user.id), ("active", "=", True)],
            ),
            "teams_led": ("crm.team", [("user_id", "=", user.id)]),
            "memberships": (
                "crm.team.member",
                [("user_id", "=", user.id), ("active", "=", True)],
            ),
        }

    def _owned(self):
        """The departing user's records, per category."""
        env = self._sudo_env()
        return {
            category: env[model].search(domain)
            for category, (model, domain) in self._owned_domains(self.user_id).items()
        }

    @api.depends("user_id")
    def _compute_counts(self):
        env = self._sudo_env()
        for wizard in self:
            domains = wizard._owned_domains(wizard.user_id)
            for field, category in COUNT_FIELDS.items():
                model, domain = domains[category]
                wizard[field] = env[model].search_count(domain) if wizard.user_id else 0

    @api.depends(
        "user_id",
        "target_mode",
        "target_user_id",
        "target_user_ids",
        "target_team_id",
        "include_open_leads",
        "include_activities",
        "include_customers",
        "include_closed_leads",
        "include_done_activities",
    )
    def _compute_other_company(self):
        for wizard in self:
            targets = wizard._targets()
            if not wizard.user_id or not targets:
                wizard.other_company_count = 0
                wizard.other_company_list = False
                wizard.unselected_company_count = 0
                continue
            plan = wizard._plan(targets)
            wizard.other_company_count = len(plan["other_company"])
            wizard.other_company_list = wizard._format_other_company(
                plan["other_company"]
            )
            wizard.unselected_company_count = len(
                wizard._companies_out_of_reach(plan)[1]
            )

    # ------------------------------------------------------------------
    # To whom
    # ------------------------------------------------------------------

    def _targets(self):
        self.ensure_one()
        if self.target_mode == "user":
            return self.target_user_id
        if self.target_mode == "users":
            return self.target_user_ids
        team = self.target_team_id
        # Its active members: archived users stay members of their teams.
        return ((team.member_ids | team.user_id) - self.user_id).filtered("active")

    def _loads(self, targets):
        """Current open work per target: {category: {user id: count}}."""
        env = self._sudo_env()
        open_leads = env["crm.lead"]._read_group(
            self._open_lead_domain(targets), ["user_id"], ["__count"]
        )
        activities = env["mail.activity"]._read_group(
            [("user_id", "in", targets.ids), ("active", "=", True)],
            ["user_id"],
            ["__count"],
        )
        customers = env["res.partner"]._read_group(
            [("user_id", "in", targets.ids), ("active", "=", True)],
            ["user_id"],
            ["__count"],
        )
        return {
            "leads": {user.id: count for user, count in open_leads},
            "activities": {user.id: count for user, count in activities},
            "customers": {user.id: count for user, count in customers},
        }

    def _plan(self, targets):
        """Decide who gets what: {model: {record id: new owner id}}, the
        records no target can access (other companies), team leadership
        and the memberships that end."""
        self.ensure_one()
        owned = self._owned()
        by_load = self.distribution == "load"
        loads = self._loads(targets) if by_load and targets else {}
        plan = {
            "crm.lead": {},
            "res.partner": {},
            "mail.activity": {},
            "crm.team": {},
            "other_company": [],
            "memberships": owned["memberships"] if self.include_teams else None,
            "owned": owned,
            "lead_team": {},
            "lead_company": {},
            # {(model, record id): company id} of every record that moves.
            "companies": {},
        }
        if not targets:
            return plan
        allowed = set(targets.company_ids.ids)

        def assign(records, model, distributor):
            for record in records:
                company = record.company_id.id
                plan[model][record.id] = distributor.pick(company)
                plan["companies"][(model, record.id)] = company
                if company and company not in allowed:
                    plan["other_company"].append(record)

        # One turn (or load) for open and closed leads together.
        leads = Distributor(targets, by_load, loads.get("leads"))
        if self.include_open_leads:
            assign(owned["open_leads"], "crm.lead", leads)
        if self.include_closed_leads:
            assign(owned["closed_leads"], "crm.lead", leads)
        if self.include_customers:
            assign(
                owned["customers"],
                "res.partner",
                Distributor(targets, by_load, loads.get("customers")),
            )
        activities = owned["activities"].browse()
        if self.include_activities:
            activities |= owned["activities"]
        if self.include_done_activities:
            activities |= owned["done_activities"]
        self._plan_activities(
            activities,
            plan,
            Distributor(targets, by_load, loads.get("activities")),
            allowed,
        )
        if self.include_teams and owned["teams_led"]:
            leader = self.team_leader_id or targets[:1]
            for team in owned["teams_led"]:
                plan["crm.team"][team.id] = leader.id
                plan["companies"][("crm.team", team.id)] = team.company_id.id
        plan["lead_team"], plan["lead_company"] = self._lead_team_company(plan)
        return plan

    def _plan_activities(self, activities, plan, distributor, allowed):
        """Activities follow their document when it moves; the others are
        handed out per document, so that a document's activities all go to
        the same person (and its note names one new owner). allowed: the
        companies the new owners can access."""
        by_document = defaultdict(list)
        for activity in activities:
            by_document[(activity.res_model, activity.res_id)].append(activity.id)
        companies = self._document_companies(by_document)
        for (model, res_id), ids in sorted(by_document.items()):
            owner = plan.get(model, {}).get(res_id)
            company = companies.get((model, res_id))
            if not owner:
                owner = distributor.pick(company, weight=len(ids))
                if company and company not in allowed:
                    plan["other_company"].extend(self.env["mail.activity"].browse(ids))
            for activity_id in ids:
                plan["mail.activity"][activity_id] = owner
                plan["companies"][("mail.activity", activity_id)] = company

    def _document_companies(self, by_document):
        """{(model, res id): company id} of the activities' documents, one
        query per model."""
        env = self._sudo_env()
        ids_by_model = defaultdict(list)
        for model, res_id in by_document:
            ids_by_model[model].append(res_id)
        companies = {}
        for model, ids in ids_by_model.items():
            Model = env.get(model)
            if Model is None or "company_id" not in Model._fields:
                continue
            field = Model._fields["company_id"]
            if field.type != "many2one" or not field.store:
                continue
            for record in Model.browse(ids).exists():
                companies[(model, record.id)] = record.company_id.id
        return companies

    def _format_other_company(self, records):
        if not records:
            return False
        lines = [
            f"{record._description}: {record.display_name} "
            f"({self._record_company(record).name or ''})"
            for record in records[:LIST_LIMIT]
        ]
        if len(records) > LIST_LIMIT:
            lines.append(
                self.env._("... and %(count)s more", count=len(records) - LIST_LIMIT)
            )
        return "\n".join(lines)

    def _record_company(self, record):
        if record._name == "mail.activity":
            document = self._sudo_env()[record.res_model].browse(record.res_id)
            if "company_id" in document._fields:
                return document.company_id
            return self.env["res.company"]
        return record.company_id

    # ------------------------------------------------------------------
    # Checks
    # ------------------------------------------------------------------

    def _check(self, targets, plan):
        """Everything is checked before anything changes. Who may offboard
        whom: crm.retention.offboarding._check_may_offboard (shared with
        reactivation and undo). What may move: records of the acting user's
        companies only (_check_companies_in_reach), and their move
        primitive checks that their own search finds them. Superuser here:
        reading the administrators, the teams' and leads' companies."""
        self.env["crm.retention.offboarding"]._check_data_manager()
        user = self.user_id
        if user == self.env.user:
            raise UserError(
                self.env._("You cannot offboard yourself: ask another Data Manager.")
            )
        if user.id == SUPERUSER_ID:
            raise UserError(self.env._("The superuser (OdooBot) cannot be offboarded."))
        if user.share:
            raise UserError(
                self.env._(
                    "%(user)s is a portal user: only internal users are offboarded.",
                    user=user.name,
                )
            )
        self.env["crm.retention.offboarding"]._check_may_offboard(user)
        admins = (
            self.env.ref("base.group_system")
            .sudo()
            .users.filtered(lambda admin: admin.active and admin.id != SUPERUSER_ID)
        )
        if user in admins and not (admins - user):
            raise UserError(
                self.env._(
                    "%(user)s is the last administrator: give another user the "
                    "Administration rights first.",
                    user=user.name,
                )
            )
        if self.target_mode == "team" and self.target_team_id and not targets:
            raise UserError(
                self.env._(
                    "The team %(team)s has no other member: choose another team "
                    "or users.",
                    team=self.target_team_id.name,
                )
            )
        if not targets and self._anything_to_move(plan["owned"]):
            raise UserError(
                self.env._(
                    "%(user)s owns records to hand over: choose who gets them, "
                    "or untick those categories.",
                    user=user.name,
                )
            )
        leader = self.team_leader_id if plan["crm.team"] else self.env["res.users"]
        for target in targets | leader:
            self._check_target(target)
        teams = self.env["crm.team"].sudo().browse(list(plan["crm.team"]))
        for team in teams:
            new_leader = self.env["res.users"].browse(plan["crm.team"][team.id])
            if team.company_id and team.company_id not in new_leader.company_ids:
                raise UserError(
                    self.env._(
                        "%(user)s cannot lead %(team)s: they have no access to "
                        "its company %(company)s. Choose another team leader.",
                        user=new_leader.name,
                        team=team.name,
                        company=team.company_id.name,
                    )
                )
        self._check_lead_companies(plan)
        self._check_companies_in_reach(plan)
        if plan["other_company"] and not self.confirm_other_companies:
            raise UserError(
                self.env._(
                    "The new owners cannot access the company of these "
                    "records:\n%(records)s\n\nTick 'Move Them Anyway' to hand "
                    "them over all the same, or choose other users.",
                    records=self._format_other_company(plan["other_company"]),
                )
            )

    def _companies_out_of_reach(self, plan):
        """(records of companies the acting user has no access to, records
        of their companies not selected in the company switcher), as
        (model, id) pairs. Odoo itself (superuser) reaches every company."""
        if self.env.su:
            return [], []
        mine = set(self.env.user.company_ids.ids)
        selected = set(self.env.companies.ids)
        foreign, unselected = [], []
        for key, company in plan["companies"].items():
            if not company or company in selected:
                continue
            (unselected if company in mine else foreign).append(key)
        return foreign, unselected

    def _check_companies_in_reach(self, plan):
        """The acting user moves records of their own companies only: never
        of a company they have no access to, and of their companies not
        selected in the company switcher only when they confirm it."""
        foreign, unselected = self._companies_out_of_reach(plan)
        if foreign:
            raise UserError(
                self.env._(
                    "%(count)s of the records to hand over belong to companies "
                    "you have no access to: nothing was changed. Untick their "
                    "categories, or ask a Data Manager of those companies to "
                    "offboard %(user)s.",
                    count=len(foreign),
                    user=self.user_id.name,
                )
            )
        if unselected and not self.confirm_unselected_companies:
            raise UserError(
                self.env._(
                    "%(count)s of the records to hand over belong to your "
                    "companies that are not selected in the company switcher: "
                    "select those companies, or tick 'Move Records of My Other "
                    "Companies'.",
                    count=len(unselected),
                )
            )

    def _check_lead_companies(self, plan):
        """The moved leads must stay consistent with their company, which
        Odoo checks on write: the chosen team's company, and for a lead
        handed to someone outside its company (which then moves to theirs)
        its customer's company. Superuser: reading the leads' companies
        (the plan's leads: their move is checked by _check)."""
        new_company = plan["lead_company"]
        leads = self.env["crm.lead"].sudo().browse(list(plan["crm.lead"]))
        team = self.lead_team_id
        wrong_team, stuck = [], []
        for lead in leads:
            company_id = new_company.get(lead.id, lead.company_id.id)
            if team.company_id and company_id and team.company_id.id != company_id:
                wrong_team.append(lead)
            if lead.id in new_company and lead.partner_id.company_id.id not in (
                False,
                company_id,
            ):
                stuck.append(lead)
        if wrong_team:
            raise UserError(
                self.env._(
                    "The team %(team)s belongs to %(company)s: these "
                    "opportunities of another company cannot join it:\n"
                    "%(records)s\n\nChoose a team without company or of theirs, "
                    "or leave the team empty.",
                    team=team.name,
                    company=team.company_id.name,
                    records=self._format_other_company(wrong_team),
                )
            )
        if stuck:
            raise UserError(
                self.env._(
                    "These opportunities cannot leave their company, their "
                    "customer belongs to it:\n%(records)s\n\nHand them to "
                    "someone with access to that company.",
                    records=self._format_other_company(stuck),
                )
            )

    def _anything_to_move(self, owned):
        return (
            (self.include_open_leads and owned["open_leads"])
            or (self.include_closed_leads and owned["closed_leads"])
            or (self.include_activities and owned["activities"])
            or (self.include_done_activities and owned["done_activities"])
            or (self.include_customers and owned["customers"])
            or (self.include_teams and owned["teams_led"])
        )

    def _check_target(self, target):
        if target == self.user_id:
            raise UserError(
                self.env._(
                    "%(user)s is the departing user: choose someone else to hand "
                    "over to.",
                    user=target.name,
                )
            )
        if not target.active:
            raise UserError(
                self.env._(
                    "%(user)s is inactive: choose an active user.", user=target.name
                )
            )
        if target.share:
            raise UserError(
                self.env._(
                    "%(user)s is a portal user: choose an internal user.",
                    user=target.name,
                )
            )
        if not target.has_group(SALESMAN):
            raise UserError(
                self.env._(
                    "%(user)s has no Sales rights: give them Sales access first, "
                    "or choose someone else.",
                    user=target.name,
                )
            )

    # ------------------------------------------------------------------
    # Do it
    # ------------------------------------------------------------------

    def action_offboard(self):
        """Deactivate the user, then hand their work over, in one
        transaction: any error and nothing has changed.

        Superuser: deactivating the user, ending their memberships, marking
        their contact former, creating the (read-only) offboarding record,
        and, in crm.retention.offboarding._move_owners, writing the new
        owners. Checked first: _check (the acting user may offboard this
        user; the records are of their companies, of the unselected ones
        only when confirmed) and _move_owners' own check that the acting
        user's search finds the records and they may write them."""
        self.ensure_one()
        targets = self._targets()
        plan = self._plan(targets)
        self._check(targets, plan)
        user = self.user_id.sudo()
        # A plain write: mail's action_archive() deletes the user's planned
        # activities and sales_team's archives their memberships; those are
        # handled below, on purpose and on record.
        if user.active:
            user.write({"active": False})
        Offboarding = self.env["crm.retention.offboarding"]
        rows = {}
        for model in ("crm.lead", "res.partner", "crm.team", "mail.activity"):
            if plan[model]:
                rows[model] = Offboarding._move_owners(
                    model,
                    plan[model],
                    plan["lead_team"] if model == "crm.lead" else None,
                    plan["lead_company"] if model == "crm.lead" else None,
                )
        Offboarding._subscribe_new_owners(rows)
        Offboarding._log_notes(rows, user)
        memberships = plan["memberships"] or self.env["crm.team.member"]
        memberships.sudo().write({"active": False})
        mark_former = self.mark_partner_former and not user.partner_id.is_former
        if mark_former:
            user.partner_id.write(
                {
                    "is_former": True,
                    "former_reason_id": self.env.ref(
                        "crm_retention.former_reason_changed_job"
                    ).id,
                }
            )
        moved_to = self.env["res.users"].browse(
            {row[2] for model_rows in rows.values() for row in model_rows}
        )
        offboarding = Offboarding.sudo().create(
            {
                "user_id": user.id,
                "done_by_id": self.env.uid,
                "target_user_ids": [Command.set(moved_to.ids or targets.ids)],
                "moves": rows,
                "membership_ids": [Command.set(memberships.ids)],
                "partner_marked_former": bool(mark_former),
                "lead_count": len(rows.get("crm.lead", [])),
                "activity_count": len(rows.get("mail.activity", [])),
                "customer_count": len(rows.get("res.partner", [])),
                "team_count": len(rows.get("crm.team", [])),
                "summary": self._summary(rows, memberships),
            }
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": "crm.retention.offboarding",
            "res_id": offboarding.id,
            "view_mode": "form",
            "target": "current",
        }

    def _lead_team_company(self, plan):
        """New team and company of the moved leads, when they change. Odoo
        wants a lead's salesperson to belong to its company: a lead handed
        (with the manager's confirmation) to someone outside its company
        moves to that person's company, and leaves a team of the old one.
        Superuser: reading the new owners' companies."""
        new_team, new_company = {}, {}
        if self.lead_team_id:
            new_team = dict.fromkeys(plan["crm.lead"], self.lead_team_id.id)
        users = self.env["res.users"].sudo().browse(set(plan["crm.lead"].values()))
        for lead in plan["other_company"]:
            if lead._name != "crm.lead":
                continue
            owner = users.browse(plan["crm.lead"][lead.id])
            company = owner.company_id
            new_company[lead.id] = company.id
            team = self.lead_team_id or lead.team_id
            if team.company_id and team.company_id != company:
                new_team[lead.id] = False
        return new_team, new_company

    def _summary(self, rows, memberships):
        """Superuser: reading the new owners' names for the summary."""
        names = {
            user.id: user.name
            for user in self.env["res.users"]
            .sudo()
            .browse({row[2] for model_rows in rows.values() for row in model_rows})
        }
        labels = {
            "crm.lead": self.env._("opportunities/leads"),
            "mail.activity": self.env._("activities"),
            "res.partner": self.env._("customers"),
            "crm.team": self.env._("sales teams (leader)"),
        }
        lines = []
        for model, label in labels.items():
            per_owner = defaultdict(int)
            for row in rows.get(model, []):
                per_owner[row[2]] += 1
            if per_owner:
                owners = ", ".join(
                    f"{names[owner]} ({count})"
                    for owner, count in sorted(per_owner.items())
                )
                lines.append(
                    self.env._(
                        "%(count)s %(label)s to %(owners)s",
                        count=sum(per_owner.values()),
                        label=label,
                        owners=owners,
                    )
                )
        if memberships:
            lines.append(
                self.env._("%(count)s team memberships ended", count=len(memberships))
            )
        kept = [
            self.env._("%(count)s %(what)s", count=count, what=what)
            for included, count, what in (
                (
                    self.include_open_leads,
                    self.open_lead_count,
                    self.env._("open opportunities/leads"),
                ),
                (
                    self.include_activities,
                    self.activity_count,
                    self.env._("upcoming activities"),
                ),
                (self.include_customers, self.customer_count, self.env._("customers")),
                (
                    self.include_closed_leads,
                    self.closed_lead_count,
                    self.env._("closed opportunities"),
                ),
                (
                    self.include_done_activities,
                    self.done_activity_count,
                    self.env._("done activities"),
                ),
            )
            if count and not included
        ]
        if kept:
            lines.append(
                self.env._(
                    "Kept with %(user)s: %(kept)s",
                    user=self.user_id.name,
                    kept=", ".join(kept),
                )
            )
        return "\n".join(lines) or self.env._("Nothing to hand over.")

    @api.constrains("target_user_id", "target_user_ids", "user_id")
    def _check_not_departing(self):
        for wizard in self:
            if wizard.user_id and wizard.user_id in (
                wizard.target_user_id | wizard.target_user_ids
            ):
                raise ValidationError(
                    self.env._(
                        "%(user)s is the departing user: choose someone else to "
                        "hand over to.",
                        user=wizard.user_id.name,
                    )
                )
