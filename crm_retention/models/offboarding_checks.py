# Copyright 2026 crm_retention contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The checks of an offboarding, before anything changes: who may offboard
whom (also for reactivation and undo), who may receive, which records the
acting user may move. Plain functions that read and raise, never write."""

from odoo import SUPERUSER_ID
from odoo.exceptions import AccessError, UserError
from odoo.osv import expression

from .data_manager import check_data_manager
from .offboarding_plan import SALESMAN
from .offboarding_texts import departing_target, format_records


def check_offboarding_right(env):
    check_data_manager(env, env._("Only Data Managers can offboard users."))


def check_may_offboard(env, user):
    """Whether the acting user may offboard user, or reactivate them, or
    give their records back (the same rights for all three): a Data
    Manager; for a user with Access Rights (administrators included) a Data
    Manager who has Access Rights too; and a Data Manager of one of user's
    companies. Odoo itself (superuser) may."""
    check_offboarding_right(env)
    if env.su:
        return
    if user.has_group("base.group_erp_manager") and not env.user.has_group(
        "base.group_erp_manager"
    ):
        raise AccessError(
            env._(
                "%(user)s manages users and access rights: only an "
                "administrator can offboard or reactivate them.",
                user=user.name,
            )
        )
    if not (user.sudo().company_ids & env.user.company_ids):
        raise AccessError(
            env._(
                "%(user)s works in companies you have no access to: ask a "
                "Data Manager of their company.",
                user=user.name,
            )
        )


def check_plan(env, request, plan):
    """Everything is checked before anything changes. Who may offboard
    whom (check_may_offboard); what may move: records of the acting user's
    companies only (check_companies_in_reach); the move itself checks that
    the acting user's own search finds them (check_movable). Superuser
    here: reading the administrators, the teams' and leads' companies."""
    check_offboarding_right(env)
    user = request.user
    if user == env.user:
        raise UserError(
            env._("You cannot offboard yourself: ask another Data Manager.")
        )
    if user.id == SUPERUSER_ID:
        raise UserError(env._("The superuser (OdooBot) cannot be offboarded."))
    if user.share:
        raise UserError(
            env._(
                "%(user)s is a portal user: only internal users are offboarded.",
                user=user.name,
            )
        )
    check_may_offboard(env, user)
    check_something_to_do(env, request, plan)
    admins = (
        env.ref("base.group_system")
        .sudo()
        .users.filtered(lambda admin: admin.active and admin.id != SUPERUSER_ID)
    )
    if user in admins and not (admins - user):
        raise UserError(
            env._(
                "%(user)s is the last administrator: give another user the "
                "Administration rights first.",
                user=user.name,
            )
        )
    targets = request.targets
    if request.target_team and not targets:
        raise UserError(
            env._(
                "The team %(team)s has no other member: choose another team or users.",
                team=request.target_team.name,
            )
        )
    if not targets and plan.anything_to_move(request.include):
        raise UserError(
            env._(
                "%(user)s owns records to hand over: choose who gets them, "
                "or untick those categories.",
                user=user.name,
            )
        )
    leader = request.team_leader if plan.owners["crm.team"] else None
    for target in targets | (leader or targets.browse()):
        check_target(env, request, target)
    _check_team_leaders(env, plan)
    _check_lead_companies(env, request, plan)
    check_companies_in_reach(env, request, plan)
    if plan.other_company and not request.confirm_other_companies:
        raise UserError(
            env._(
                "The new owners cannot access the company of these "
                "records:\n%(records)s\n\nTick 'Move Them Anyway' to hand "
                "them over all the same, or choose other users.",
                records=format_records(env, plan.other_company),
            )
        )


def check_something_to_do(env, request, plan):
    """An archived user with nothing left to hand over, no membership to
    end and no contact to mark: refused, rather than a second, empty
    offboarding record. It is what the second of two Data Managers
    offboarding the same user at once gets: Odoo runs their request again
    after the first one's commit (serialization failure), and then finds
    the work handed over."""
    user = request.user
    if user.active or plan.anything_to_move(request.include) or plan.memberships:
        return
    if request.mark_partner_former and not user.partner_id.is_former:
        return
    raise UserError(
        env._(
            "%(user)s is already archived and has nothing left to hand over "
            "(offboarded already?): nothing to do.",
            user=user.name,
        )
    )


def check_target(env, request, target):
    if target == request.user:
        raise UserError(departing_target(env, target))
    if not target.active:
        raise UserError(
            env._("%(user)s is inactive: choose an active user.", user=target.name)
        )
    if target.share:
        raise UserError(
            env._(
                "%(user)s is a portal user: choose an internal user.", user=target.name
            )
        )
    if not target.has_group(SALESMAN):
        raise UserError(
            env._(
                "%(user)s has no Sales rights: give them Sales access first, "
                "or choose someone else.",
                user=target.name,
            )
        )


def _check_team_leaders(env, plan):
    teams = env["crm.team"].sudo().browse(list(plan.owners["crm.team"]))
    for team in teams:
        new_leader = env["res.users"].browse(plan.owners["crm.team"][team.id])
        if team.company_id and team.company_id not in new_leader.company_ids:
            raise UserError(
                env._(
                    "%(user)s cannot lead %(team)s: they have no access to "
                    "its company %(company)s. Choose another team leader.",
                    user=new_leader.name,
                    team=team.name,
                    company=team.company_id.name,
                )
            )


def companies_out_of_reach(env, plan):
    """(records of companies the acting user has no access to, records of
    their companies not selected in the company switcher), as (model, id)
    pairs. Odoo itself (superuser) reaches every company."""
    if env.su:
        return [], []
    mine = set(env.user.company_ids.ids)
    selected = set(env.companies.ids)
    foreign, unselected = [], []
    for key, company in plan.companies.items():
        if not company or company in selected:
            continue
        (unselected if company in mine else foreign).append(key)
    return foreign, unselected


def check_companies_in_reach(env, request, plan):
    """The acting user moves records of their own companies only: never of
    a company they have no access to, and of their companies not selected
    in the company switcher only when they confirm it."""
    foreign, unselected = companies_out_of_reach(env, plan)
    if foreign:
        raise UserError(
            env._(
                "%(count)s of the records to hand over belong to companies "
                "you have no access to: nothing was changed. Untick their "
                "categories, or ask a Data Manager of those companies to "
                "offboard %(user)s.",
                count=len(foreign),
                user=request.user.name,
            )
        )
    if unselected and not request.confirm_unselected_companies:
        raise UserError(
            env._(
                "%(count)s of the records to hand over belong to your "
                "companies that are not selected in the company switcher: "
                "select those companies, or tick 'Move Records of My Other "
                "Companies'.",
                count=len(unselected),
            )
        )


def _check_lead_companies(env, request, plan):
    """The moved leads must stay consistent with their company, which Odoo
    checks on write: the chosen team's company, and for a lead handed to
    someone outside its company (which then moves to theirs) its customer's
    company. Superuser: reading the leads' companies (the plan's leads:
    their move is checked by check_movable)."""
    new_company = plan.lead_company
    leads = env["crm.lead"].sudo().browse(list(plan.owners["crm.lead"]))
    team = request.lead_team or env["crm.team"]
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
            env._(
                "The team %(team)s belongs to %(company)s: these "
                "opportunities of another company cannot join it:\n"
                "%(records)s\n\nChoose a team without company or of theirs, "
                "or leave the team empty.",
                team=team.name,
                company=team.company_id.name,
                records=format_records(env, wrong_team),
            )
        )
    if stuck:
        raise UserError(
            env._(
                "These opportunities cannot leave their company, their "
                "customer belongs to it:\n%(records)s\n\nHand them to "
                "someone with access to that company.",
                records=format_records(env, stuck),
            )
        )


def check_movable(env, model, ids):
    """The acting user may move these records of model themselves: their
    own search finds them all (access rights, record rules, any of their
    companies, archived records included), and for leads and customers the
    write rules hold too; for activities, their own search finds the
    activities' documents; for sales teams, the leader is handed over with
    the offboarding right. A query per model, so that the number of queries
    does not grow with the records. Raises AccessError otherwise. Odoo
    itself (superuser) may move anything."""
    if env.su or not ids:
        return
    ids = set(ids)
    if model == "mail.activity":
        groups = (
            env["mail.activity"]
            .sudo()
            .with_context(active_test=False)
            ._read_group([("id", "in", list(ids))], ["res_model"], ["res_id:array_agg"])
        )
        for res_model, res_ids in groups:
            _check_movable_in(env, res_model, set(res_ids), len(ids), model)
        return
    _check_movable_in(env, model, ids, len(ids), model)


def _check_movable_in(env, model, ids, total, moved_model):
    Model = env[model].with_context(
        active_test=False, allowed_company_ids=env.user.company_ids.ids
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
            env._(
                "%(count)s of the %(what)s to move are out of your reach "
                "(other companies or access rules): nothing was changed. "
                "Ask a Data Manager who can access them.",
                count=total if moved_model != model else len(ids) - found,
                what=env["ir.model"]._get(moved_model).name,
            )
        )
