# Copyright 2026 crm_retention contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""What the partner deletion guard adds to deleting partners in bulk."""

from .harness import Benchmark

COMPANIES = 500
HISTORY_EVERY = 10  # one company in ten has a lead (and is not deleted)


class PartnerUnlinkGuard(Benchmark):
    name = "partner_unlink_guard"
    description = (
        f"delete {2 * COMPANIES} partners ({COMPANIES} companies with one contact "
        f"each) next to guarded ones, with the addon's history guard and "
        f"deletion log; baseline: the same unlink() without them (as at module "
        f"uninstall)"
    )
    repeat = 7

    def seed(self, env):
        Partner = env["res.partner"]
        companies = Partner.create(
            [{"name": f"Bench Co {i}", "is_company": True} for i in range(COMPANIES)]
        )
        contacts = Partner.create(
            [
                {"name": f"Bench Contact {i}", "parent_id": company.id}
                for i, company in enumerate(companies)
            ]
        )
        guarded = Partner.create(
            [{"name": f"Bench Guarded {i}"} for i in range(COMPANIES // HISTORY_EVERY)]
        )
        env["crm.lead"].create(
            [{"name": f"Bench deal {p.id}", "partner_id": p.id} for p in guarded]
        )
        return {"free": (companies | contacts).ids}

    def baseline(self, env, data):
        env["res.partner"].browse(data["free"]).with_context(
            _force_unlink=True
        ).unlink()

    def candidate(self, env, data):
        env["res.partner"].browse(data["free"]).unlink()


BENCHMARKS = [PartnerUnlinkGuard]
