# Copyright 2026 crm_retention contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""What two requests at once need from the addon (found by ./dev stress,
which runs them for real in a multi-worker Odoo): a second offboarding of
the same user is refused, and the locks that make a concurrent request
wait, so that Odoo runs it again after the first one's commit."""

from psycopg2.errors import LockNotAvailable

from odoo.exceptions import UserError
from odoo.tools import SQL

from ..models.offboarding_moves import lock_owned
from .test_offboarding import OffboardingCase


class TestConcurrency(OffboardingCase):
    def assert_locked(self, table, record_id):
        """Another transaction cannot lock the row: it would wait."""
        with self.registry.cursor() as other:
            with self.assertRaises(LockNotAvailable):
                other.execute(
                    SQL(
                        "SELECT id FROM %s WHERE id = %s FOR NO KEY UPDATE NOWAIT",
                        SQL.identifier(table),
                        record_id,
                    )
                )

    def test_second_offboarding_of_the_same_user_is_refused(self):
        """What the second of two Data Managers gets when Odoo runs their
        request again after the first one's commit: a clear error, and one
        offboarding record, not a second empty one."""
        first = self.offboard()
        self.assertFalse(self.leaver.active)
        with self.assertRaisesRegex(UserError, "already archived and has nothing left"):
            self.offboard()
        Offboarding = self.env["crm.retention.offboarding"]
        self.assertEqual(Offboarding.search([("user_id", "=", self.leaver.id)]), first)

    def test_archived_user_with_work_left_is_still_offboarded(self):
        self.leaver.action_archive()
        offboarding = self.offboard()
        self.assertEqual(self.opps.user_id, self.heir)
        self.assertEqual(offboarding.lead_count, 3)

    def test_offboarding_locks_the_user_first(self):
        """lock_owned, the first thing _offboard does: a colleague's write
        to the user (or to what they own) waits for the offboarding."""
        admin = self.env.ref("base.user_admin")
        lock_owned(self.env, admin)
        self.assert_locked("res_users", admin.id)

    def test_adding_a_trait_locks_it(self):
        """Two users adding the same trait at once: the second waits, then
        Odoo runs it again and it finds the first one's assignment."""
        trait = self.env.ref("crm_retention.crm_retention_trait_newsletter")
        partner = self.env["res.partner"].create({"name": "Twice Added"})
        partner._crm_retention_apply_definitions("trait", "add", definitions=trait)
        self.assert_locked("crm_retention_trait", trait.id)
        partner._crm_retention_apply_definitions("trait", "add", definitions=trait)
        self.assertEqual(len(partner.crm_retention_trait_assignment_ids), 1)
