# Copyright 2026 crm_retention contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import importlib.util
import json
from pathlib import Path

from odoo.tools import SQL
from odoo.tools.sql import column_exists

from .test_offboarding import OffboardingCase

MIGRATION = (
    Path(__file__).parent.parent / "migrations" / "18.0.1.4.0" / "post-migrate.py"
)


def migrate(cr, version):
    spec = importlib.util.spec_from_file_location("crm_retention_post_1_4", MIGRATION)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.migrate(cr, version)


class TestOffboardingMigration(OffboardingCase):
    """18.0.1.4.0: the JSON rows of earlier offboardings become lines."""

    def as_before(self, offboarding):
        """Put offboarding back as 18.0.1.2.0 kept it: the lines as JSON
        rows in the column 'moves', and no line."""
        rows = {}
        for model in ("crm.lead", "res.partner", "mail.activity", "crm.team"):
            found = [
                [int(value) if isinstance(value, bool) else value for value in row]
                for row in self.lines(offboarding, model)
            ]
            if found:
                rows[model] = found
        cr = self.env.cr
        self.env.flush_all()
        cr.execute("ALTER TABLE crm_retention_offboarding ADD COLUMN moves jsonb")
        cr.execute(
            SQL(
                "UPDATE crm_retention_offboarding SET moves = %s WHERE id = %s",
                json.dumps(rows),
                offboarding.id,
            )
        )
        cr.execute(
            SQL(
                "DELETE FROM crm_retention_offboarding_line WHERE offboarding_id = %s",
                offboarding.id,
            )
        )
        self.env.invalidate_all()
        return rows

    def test_json_rows_become_lines(self):
        offboarding = self.offboard()
        before = {
            model: sorted(self.lines(offboarding, model))
            for model in ("crm.lead", "res.partner", "mail.activity", "crm.team")
        }
        self.as_before(offboarding)
        self.assertFalse(offboarding.line_ids)
        migrate(self.env.cr, "18.0.1.2.0")
        self.assertFalse(
            column_exists(self.env.cr, "crm_retention_offboarding", "moves")
        )
        after = {model: sorted(self.lines(offboarding, model)) for model in before}
        self.assertEqual(after, before)
        self.assertEqual(set(offboarding.line_ids.mapped("undo_state")), {"moved"})
        # The undo reads the migrated lines.
        offboarding.with_user(self.data_manager).action_undo()
        self.assertEqual(self.opps.user_id, self.leaver)
        self.assertEqual(self.customers.user_id, self.leaver)

    def test_undone_offboarding_keeps_what_was_left_alone(self):
        offboarding = self.offboard()
        self.customers[1].user_id = self.heir2
        offboarding.with_user(self.data_manager).action_undo()
        self.as_before(offboarding)
        migrate(self.env.cr, "18.0.1.2.0")
        lines = offboarding.line_ids
        skipped = lines.filtered(lambda line: line.undo_state == "skipped")
        self.assertEqual(
            (skipped.res_model, skipped.res_id, skipped.skip_reason),
            ("res.partner", self.customers[1].id, "now Hanna Heir"),
        )
        self.assertEqual(set((lines - skipped).mapped("undo_state")), {"undone"}, lines)

    def test_new_database_has_nothing_to_migrate(self):
        migrate(self.env.cr, "18.0.1.2.0")
        migrate(self.env.cr, False)
