# Copyright 2026 crm_retention contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..models import offboarding_texts
from ..models.history_counts import join_words
from ..models.offboarding_checks import companies_out_of_reach
from ..models.offboarding_plan import (
    CATEGORIES,
    CATEGORY,
    Request,
    make_plan,
    owned_counts,
    owned_domains,
)
from ..models.offboarding_texts import departing_target, format_records


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

    handover_count = fields.Integer(
        compute="_compute_confirm_text",
        help="How many records are to be handed over: then a new owner is needed.",
    )
    confirm_text = fields.Char(compute="_compute_confirm_text")

    @api.depends("user_id")
    def _compute_counts(self):
        for wizard in self:
            counts = owned_counts(self.env, wizard.user_id)
            for category in CATEGORIES:
                wizard[category.count_field] = counts[category.key]

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
            request = wizard._request()
            if not wizard.user_id or not request.targets:
                wizard.other_company_count = 0
                wizard.other_company_list = False
                wizard.unselected_company_count = 0
                continue
            plan = make_plan(self.env, request)
            wizard.other_company_count = len(plan.other_company)
            wizard.other_company_list = format_records(self.env, plan.other_company)
            wizard.unselected_company_count = len(
                companies_out_of_reach(self.env, plan)[1]
            )

    @api.depends(
        "user_id",
        "target_mode",
        "target_user_id",
        "target_user_ids",
        "target_team_id",
        "include_open_leads",
        "include_activities",
        "include_customers",
        "include_teams",
        "include_closed_leads",
        "include_done_activities",
    )
    def _compute_confirm_text(self):
        for wizard in self:
            handed = wizard._handover_words()
            wizard.handover_count = len(handed)
            wizard.confirm_text = wizard._confirm_sentence(handed)

    def _handover_words(self):
        """'6 opportunities', '3 activities'...: what is handed over."""
        self.ensure_one()
        return [
            offboarding_texts.count_words(self.env, key, count)
            for key, count, include in (
                ("open_leads", self.open_lead_count, self.include_open_leads),
                ("activities", self.activity_count, self.include_activities),
                ("customers", self.customer_count, self.include_customers),
                ("crm.team", self.team_led_count, self.include_teams),
                ("closed_leads", self.closed_lead_count, self.include_closed_leads),
                (
                    "done_activities",
                    self.done_activity_count,
                    self.include_done_activities,
                ),
            )
            if include and count
        ]

    def _confirm_sentence(self, handed):
        env = self.env
        if not self.user_id:
            return False
        name = self.user_id.name
        if not handed:
            return env._(
                "Deactivate %(name)s? They own nothing to hand over.", name=name
            )
        if self.target_mode == "team" and self.target_team_id:
            targets = env._("the members of %(team)s", team=self.target_team_id.name)
        else:
            targets = join_words(env, self._targets().mapped("name"))
        return env._(
            "Deactivate %(name)s and hand over %(what)s to %(targets)s?",
            name=name,
            what=join_words(env, handed),
            targets=targets or "?",
        )

    @api.model
    def crm_retention_counted(self, user_id, category):
        """What a count of the wizard counts, for its link: the model and
        domain of the records of that category the user owns."""
        counted = CATEGORY[category]
        user = self.env["res.users"].browse(user_id)
        return {
            "res_model": counted.model,
            "domain": owned_domains(self.env, user)[category],
            "name": self._fields[counted.count_field].get_description(self.env)[
                "string"
            ],
        }

    def action_review(self):
        """Check the choices, then ask for confirmation in words (the user,
        the numbers, the new owners) before anything is changed."""
        self.ensure_one()
        if self.handover_count and not self._targets():
            raise UserError(
                self.env._(
                    "Choose the new owner: %(name)s owns %(what)s to hand over.",
                    name=self.user_id.name,
                    what=join_words(self.env, self._handover_words()),
                )
            )
        view = self.env.ref("crm_retention.crm_retention_offboard_user_view_confirm")
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Offboard %(name)s", name=self.user_id.name),
            "res_model": self._name,
            "res_id": self.id,
            "views": [(view.id, "form")],
            "target": "new",
        }

    def action_back(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Offboard a User"),
            "res_model": self._name,
            "res_id": self.id,
            "views": [(False, "form")],
            "target": "new",
        }

    @api.constrains("target_user_id", "target_user_ids", "user_id")
    def _check_not_departing(self):
        for wizard in self:
            if wizard.user_id and wizard.user_id in (
                wizard.target_user_id | wizard.target_user_ids
            ):
                raise ValidationError(departing_target(self.env, wizard.user_id))

    def _targets(self):
        self.ensure_one()
        if self.target_mode == "user":
            return self.target_user_id
        if self.target_mode == "users":
            return self.target_user_ids
        team = self.target_team_id
        # Its active members: archived users stay members of their teams.
        return ((team.member_ids | team.user_id) - self.user_id).filtered("active")

    def _request(self):
        """The offboarding this wizard asks for (offboarding_plan.Request)."""
        self.ensure_one()
        return Request(
            user=self.user_id,
            targets=self._targets(),
            include=frozenset(
                category.key for category in CATEGORIES if self[category.include_field]
            ),
            by_load=self.distribution == "load",
            lead_team=self.lead_team_id,
            team_leader=self.team_leader_id,
            target_team=self.target_team_id if self.target_mode == "team" else None,
            mark_partner_former=self.mark_partner_former,
            confirm_other_companies=self.confirm_other_companies,
            confirm_unselected_companies=self.confirm_unselected_companies,
        )

    def action_offboard(self):
        """Deactivate the user and hand their work over
        (crm.retention.offboarding._offboard), then show the record."""
        self.ensure_one()
        offboarding = self.env["crm.retention.offboarding"]._offboard(self._request())
        return {
            "type": "ir.actions.act_window",
            "res_model": "crm.retention.offboarding",
            "res_id": offboarding.id,
            "view_mode": "form",
            "target": "current",
        }
