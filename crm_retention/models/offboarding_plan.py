# Copyright 2026 crm_retention contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The plan of an offboarding, in plain Python: what the departing user owns
(one category table), who gets what (the distributor), what stays. It reads
through the ORM and never writes; the checks of a plan are in
offboarding_checks.py, its execution in crm.retention.offboarding, its texts
in offboarding_texts.py."""

import heapq
from collections import defaultdict
from dataclasses import dataclass, field

SALESMAN = "sales_team.group_sale_salesman"

# The models an offboarding moves, in the order they are moved (activities
# last: they follow their document).
MOVED_MODELS = ("crm.lead", "res.partner", "crm.team", "mail.activity")


@dataclass(frozen=True)
class Category:
    """A kind of record the departing user owns. count_field and
    include_field are the wizard's fields; moves: whether the offboarding
    hands its records over (team memberships end instead)."""

    key: str
    model: str
    count_field: str
    include_field: str
    moves: bool = True


# The category table: the only place that lists what an offboarding knows.
# fmt: off
CATEGORIES = (
    Category("open_leads", "crm.lead", "open_lead_count", "include_open_leads"),
    Category("activities", "mail.activity", "activity_count", "include_activities"),
    Category("customers", "res.partner", "customer_count", "include_customers"),
    Category("teams_led", "crm.team", "team_led_count", "include_teams"),
    Category(
        "memberships", "crm.team.member", "team_member_count", "include_teams",
        moves=False,
    ),
    Category(
        "closed_leads", "crm.lead", "closed_lead_count", "include_closed_leads"
    ),
    Category(
        "done_activities", "mail.activity", "done_activity_count",
        "include_done_activities",
    ),
)
# fmt: on
CATEGORY = {category.key: category for category in CATEGORIES}


@dataclass
class Request:
    """What the Data Manager asked for (the wizard's fields, as records of
    the acting user's environment)."""

    user: object  # res.users: the departing user
    targets: object  # res.users: the new owners
    include: frozenset  # keys of CATEGORIES to hand over
    by_load: bool = False
    lead_team: object = None  # crm.team of the moved leads (empty: theirs)
    team_leader: object = None  # res.users leading their teams (empty: first)
    target_team: object = None  # crm.team whose members are the targets
    mark_partner_former: bool = False
    confirm_other_companies: bool = False
    confirm_unselected_companies: bool = False


@dataclass
class Move:
    """One record handed over (or back): a line of the offboarding."""

    res_model: str
    res_id: int
    previous_user: int | None
    new_user: int | None
    previous_team: int | None = None
    new_team: int | None = None
    previous_company: int | None = None
    new_company: int | None = None
    was_open: bool = True


@dataclass
class Plan:
    """Who gets what. owners: {model: {record id: new owner id}};
    companies: {(model, id): company id} of every record that moves;
    other_company: the records no new owner can access; lead_team and
    lead_company: {lead id: id} of the leads whose team or company change."""

    owned: dict
    owners: dict = field(default_factory=lambda: {m: {} for m in MOVED_MODELS})
    companies: dict = field(default_factory=dict)
    other_company: list = field(default_factory=list)
    memberships: object = None
    lead_team: dict = field(default_factory=dict)
    lead_company: dict = field(default_factory=dict)

    def anything_to_move(self, include):
        return any(
            self.owned[category.key]
            for category in CATEGORIES
            if category.key in include and category.moves
        )


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


def reading_env(env):
    """Superuser: what the departing user owns is searched and counted
    whatever the acting user may see (counts, plan, new owners' loads:
    nothing is written with it). Before anything moves, the checks refuse
    records out of the acting user's reach (offboarding_checks.py)."""
    return env(su=True, context=dict(env.context, active_test=False))


def owned_domains(env, users):
    """{category key: domain} of what users own."""
    ids = users.ids
    return {
        "open_leads": env["crm.lead"]._crm_retention_open_domain(ids),
        "closed_leads": env["crm.lead"]._crm_retention_closed_domain(ids),
        "activities": [("user_id", "in", ids), ("active", "=", True)],
        "done_activities": [("user_id", "in", ids), ("active", "=", False)],
        "customers": [("user_id", "in", ids), ("active", "=", True)],
        "teams_led": [("user_id", "in", ids)],
        "memberships": [("user_id", "in", ids), ("active", "=", True)],
    }


def owned(env, user):
    """The departing user's records, per category key."""
    env = reading_env(env)
    domains = owned_domains(env, user)
    return {c.key: env[c.model].search(domains[c.key]) for c in CATEGORIES}


def owned_counts(env, user):
    """{category key: count} of what user owns (zeros without a user)."""
    if not user:
        return dict.fromkeys(CATEGORY, 0)
    env = reading_env(env)
    domains = owned_domains(env, user)
    return {c.key: env[c.model].search_count(domains[c.key]) for c in CATEGORIES}


def open_loads(env, targets):
    """Current open work per target: {category key: {user id: count}}."""
    env = reading_env(env)
    domains = owned_domains(env, targets)
    loads = {}
    for key in ("open_leads", "activities", "customers"):
        groups = env[CATEGORY[key].model]._read_group(
            domains[key], ["user_id"], ["__count"]
        )
        loads[key] = {user.id: count for user, count in groups}
    return loads


def make_plan(env, request):
    """Decide who gets what for request, reading only."""
    plan = Plan(owned=owned(env, request.user))
    include = request.include
    if "memberships" in include:
        plan.memberships = plan.owned["memberships"]
    targets = request.targets
    if not targets:
        return plan
    loads = open_loads(env, targets) if request.by_load else {}
    allowed = set(targets.company_ids.ids)

    def assign(records, model, distributor):
        for record in records:
            company = record.company_id.id
            plan.owners[model][record.id] = distributor.pick(company)
            plan.companies[(model, record.id)] = company
            if company and company not in allowed:
                plan.other_company.append(record)

    # One turn (or load) for open and closed leads together.
    leads = Distributor(targets, request.by_load, loads.get("open_leads"))
    for key in ("open_leads", "closed_leads"):
        if key in include:
            assign(plan.owned[key], "crm.lead", leads)
    if "customers" in include:
        customers = Distributor(targets, request.by_load, loads.get("customers"))
        assign(plan.owned["customers"], "res.partner", customers)
    activities = plan.owned["activities"].browse()
    for key in ("activities", "done_activities"):
        if key in include:
            activities |= plan.owned[key]
    distributor = Distributor(targets, request.by_load, loads.get("activities"))
    _plan_activities(env, plan, activities, distributor, allowed)
    if "teams_led" in include and plan.owned["teams_led"]:
        leader = request.team_leader or targets[:1]
        for team in plan.owned["teams_led"]:
            plan.owners["crm.team"][team.id] = leader.id
            plan.companies[("crm.team", team.id)] = team.company_id.id
    _plan_lead_team_company(env, request, plan)
    return plan


def _plan_activities(env, plan, activities, distributor, allowed):
    """Activities follow their document when it moves; the others are
    handed out per document, so that a document's activities all go to the
    same person (and its note names one new owner). allowed: the companies
    the new owners can access."""
    by_document = defaultdict(list)
    for activity in activities:
        by_document[(activity.res_model, activity.res_id)].append(activity.id)
    companies = document_companies(env, by_document)
    for (model, res_id), ids in sorted(by_document.items()):
        owner = plan.owners.get(model, {}).get(res_id)
        company = companies.get((model, res_id))
        if not owner:
            owner = distributor.pick(company, weight=len(ids))
            if company and company not in allowed:
                plan.other_company.extend(activities.browse(ids))
        for activity_id in ids:
            plan.owners["mail.activity"][activity_id] = owner
            plan.companies[("mail.activity", activity_id)] = company


def document_companies(env, documents):
    """{(model, res id): company id} of documents (pairs), one query per
    model; documents of models without a stored company are left out."""
    env = reading_env(env)
    ids_by_model = defaultdict(list)
    for model, res_id in documents:
        ids_by_model[model].append(res_id)
    companies = {}
    for model, ids in ids_by_model.items():
        Model = env.get(model)
        if Model is None or "company_id" not in Model._fields:
            continue
        company_field = Model._fields["company_id"]
        if company_field.type != "many2one" or not company_field.store:
            continue
        for record in Model.browse(ids).exists():
            companies[(model, record.id)] = record.company_id.id
    return companies


def _plan_lead_team_company(env, request, plan):
    """New team and company of the moved leads, when they change. Odoo
    wants a lead's salesperson to belong to its company: a lead handed
    (with the manager's confirmation) to someone outside its company moves
    to that person's company, and leaves a team of the old one."""
    lead_owners = plan.owners["crm.lead"]
    if request.lead_team:
        plan.lead_team = dict.fromkeys(lead_owners, request.lead_team.id)
    users = reading_env(env)["res.users"].browse(set(lead_owners.values()))
    for lead in plan.other_company:
        if lead._name != "crm.lead":
            continue
        company = users.browse(lead_owners[lead.id]).company_id
        plan.lead_company[lead.id] = company.id
        team = request.lead_team or lead.team_id
        if team.company_id and team.company_id != company:
            plan.lead_team[lead.id] = False


def record_company(env, record):
    """The company of a planned record (an activity: its document's)."""
    if record._name == "mail.activity":
        document = reading_env(env)[record.res_model].browse(record.res_id)
        if "company_id" in document._fields:
            return document.company_id
        return env["res.company"]
    return record.company_id
