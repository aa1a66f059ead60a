# Copyright 2026 crm_retention contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""What the recycle bin costs: snapshots at deletion, restore in bulk."""

from odoo.addons.base.models.ir_model import MODULE_UNINSTALL_FLAG

from .harness import Benchmark

CONTACTS = 10_000
RESTORED = 1_000


def _values(count, prefix):
    return [
        {"name": f"{prefix} {i}", "email": f"rb{i}@bench.example"} for i in range(count)
    ]


class RecycleBinDelete(Benchmark):
    name = "recycle_bin_delete"
    description = (
        f"delete {CONTACTS:,} contacts without history, with the addon's guard, "
        f"deletion log and snapshots; baseline: the same unlink() with the "
        f"addon's logic off (as at module uninstall)"
    )
    repeat = 5

    def seed(self, env):
        return {"ids": env["res.partner"].create(_values(CONTACTS, "Bench RB")).ids}

    def baseline(self, env, data):
        env["res.partner"].browse(data["ids"]).with_context(
            **{MODULE_UNINSTALL_FLAG: True}
        ).unlink()

    def candidate(self, env, data):
        env["res.partner"].browse(data["ids"]).unlink()


class RecycleBinRestore(Benchmark):
    name = "recycle_bin_restore"
    description = (
        f"restore {RESTORED:,} deleted contacts at once; baseline: create() of "
        f"the same contacts in one call"
    )
    repeat = 3

    def seed(self, env):
        partners = env["res.partner"].create(_values(RESTORED, "Bench RB restore"))
        ids = partners.ids
        partners.unlink()
        entries = env["crm.retention.deletion.log"].search(
            [("res_model", "=", "res.partner"), ("res_id", "in", ids)]
        )
        return {"entries": entries.ids}

    def baseline(self, env, data):
        env["res.partner"].create(_values(RESTORED, "Bench RB restore"))

    def candidate(self, env, data):
        env["crm.retention.deletion.log"].browse(data["entries"]).action_restore()


BENCHMARKS = [RecycleBinDelete, RecycleBinRestore]
