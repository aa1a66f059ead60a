# Copyright 2026 crm_retention contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from xmlrpc.client import Fault

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.base.tests.common import BaseCommon

MANAGER_GROUPS = (
    "sales_team.group_sale_salesman_all_leads,crm_retention.crm_retention_group_manager"
)


class CompanyWallsFixtures:
    """Two companies; a Data Manager of each; the data of company A: an
    offboarding of a user of A, deletion-log entries of a contact and of an
    activity of A, trait and dossier-action assignments of contacts of A,
    their dossier report lines, the work left by an archived user of A (an
    opportunity and its activity, an activity of a contact) and an erasure
    of a contact of A."""

    @classmethod
    def setup_walls(cls):
        env = cls.env
        cls.company_a = env["res.company"].create({"name": "Walls A"})
        cls.company_b = env["res.company"].create({"name": "Walls B"})

        def user(login, company, groups):
            return new_test_user(
                env,
                login=login,
                password=f"{login}_pw_123",
                groups=groups,
                company_id=company.id,
                company_ids=[Command.set(company.ids)],
            )

        cls.manager_a = user("rt_walls_manager_a", cls.company_a, MANAGER_GROUPS)
        cls.manager_b = user("rt_walls_manager_b", cls.company_b, MANAGER_GROUPS)
        salesman = "sales_team.group_sale_salesman"
        cls.leaver_a = user("rt_walls_leaver_a", cls.company_a, salesman)
        cls.heir_a = user("rt_walls_heir_a", cls.company_a, salesman)
        cls.idle_a = user("rt_walls_idle_a", cls.company_a, salesman)
        Partner = env["res.partner"]
        Lead = env["crm.lead"]
        # Offboarding of a user of A, by the Data Manager of A.
        cls.leaver_lead = Lead.create(
            {
                "name": "Walls A leaver deal",
                "type": "opportunity",
                "user_id": cls.leaver_a.id,
                "company_id": cls.company_a.id,
            }
        )
        result = (
            env["crm.retention.offboard.user"]
            .with_user(cls.manager_a)
            .create({"user_id": cls.leaver_a.id, "target_user_id": cls.heir_a.id})
            .action_offboard()
        )
        cls.offboarding = env["crm.retention.offboarding"].browse(result["res_id"])
        # Deletion log: a contact of A and an activity of an opportunity of A,
        # deleted by the Data Manager of A.
        gone = Partner.create({"name": "Gone Walls A", "company_id": cls.company_a.id})
        gone.with_user(cls.manager_a).unlink()
        activity = cls.leaver_lead.activity_schedule(
            "mail.mail_activity_data_todo",
            summary="Walls A call",
            user_id=cls.heir_a.id,
        )
        activity.with_user(cls.manager_a).unlink()
        cls.log = env["crm.retention.deletion.log"].search(
            [
                "|",
                "&",
                ("res_model", "=", "res.partner"),
                ("res_id", "=", gone.id),
                "&",
                ("res_model", "=", "mail.activity"),
                ("res_id", "=", activity.id),
            ]
        )
        # Trait and dossier-action assignments, and their report lines.
        cls.dossier_a = Partner.create(
            {"name": "Walls A Corp", "is_company": True, "company_id": cls.company_a.id}
        )
        cls.person_a = Partner.create(
            {
                "name": "Walls A Person",
                "parent_id": cls.dossier_a.id,
                "company_id": cls.company_a.id,
            }
        )
        trait = env["crm.retention.trait"].create({"name": "Walls VIP", "code": "wv"})
        action = env["crm.retention.dossier.action"].create(
            {"name": "Walls audit", "code": "wa"}
        )
        cls.trait_assignment = env["crm.retention.trait.assignment"].create(
            {"partner_id": cls.person_a.id, "trait_id": trait.id}
        )
        cls.action_assignment = env["crm.retention.dossier.action.assignment"].create(
            {"partner_id": cls.dossier_a.id, "dossier_action_id": action.id}
        )
        Report = env["crm.retention.dossier.report"]
        cls.report = Report.browse(
            [cls.trait_assignment.id * 2, cls.action_assignment.id * 2 + 1]
        )
        # Work of an archived user of A: an opportunity, an activity on it
        # and one on a contact of A.
        idle_lead = Lead.create(
            {
                "name": "Walls A idle deal",
                "type": "opportunity",
                "user_id": cls.idle_a.id,
                "company_id": cls.company_a.id,
            }
        )
        idle_activities = idle_lead.activity_schedule(
            "mail.mail_activity_data_todo", summary="Walls A", user_id=cls.idle_a.id
        ) | cls.person_a.activity_schedule(
            "mail.mail_activity_data_todo", summary="Walls A", user_id=cls.idle_a.id
        )
        cls.idle_a.active = False
        cls.work = env["crm.retention.inactive.work"].browse(
            [idle_lead.id * 3] + [a.id * 3 + 1 for a in idle_activities]
        )
        # An erasure of a contact of A (the rule of the erasures is older).
        erased = Partner.create(
            {"name": "Walls Erased", "company_id": cls.company_a.id}
        )
        cls.erasure = (
            env["crm.retention.erasure"]
            .with_user(cls.manager_a)
            ._erase(erased, reason="Walls A request")
        )
        cls.records = {
            "crm.retention.offboarding": cls.offboarding,
            "crm.retention.deletion.log": cls.log,
            "crm.retention.trait.assignment": cls.trait_assignment,
            "crm.retention.dossier.action.assignment": cls.action_assignment,
            "crm.retention.dossier.report": cls.report,
            "crm.retention.inactive.work": cls.work,
            "crm.retention.erasure": cls.erasure,
        }


@tagged("post_install", "-at_install")
class TestCompanyWalls(CompanyWallsFixtures, BaseCommon):
    """A Data Manager of company B tries to read what the addon keeps about
    company A, through lists, counts, grouped reports and direct reads: each
    attempt sees nothing or is refused. The Data Manager of A still sees,
    and works with, the records of A."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_walls()

    def as_b(self, model):
        return self.env[model].with_user(self.manager_b).with_context(active_test=False)

    def assert_listed_nowhere(self, model):
        records = self.records[model]
        Model = self.as_b(model)
        self.assertFalse(Model.search([("id", "in", records.ids)]))
        self.assertFalse(set(records.ids) & set(Model.search([]).ids))
        self.assertEqual(Model.search_count([("id", "in", records.ids)]), 0)
        self.assertFalse(Model.search_read([("id", "in", records.ids)], ["id"]))

    def assert_grouped_nowhere(self, model, groupby):
        records = self.records[model]
        Model = self.as_b(model)
        domain = [("id", "in", records.ids)]
        self.assertEqual(Model._read_group(domain, [groupby], ["__count"]), [])
        self.assertEqual(Model.read_group(domain, [groupby], [groupby]), [])
        self.assertEqual(Model._read_group(domain, [], ["__count"]), [(0,)])

    def assert_read_refused(self, model):
        records = self.records[model]
        for record in records:
            with self.assertRaises(AccessError):
                self.as_b(model).browse(record.id).read(["display_name"])

    def test_fixtures_belong_to_company_a(self):
        """The data of A is really there and really of A: otherwise every
        other test would pass for nothing."""
        for model, records in self.records.items():
            self.assertTrue(records.exists(), model)
        self.assertEqual(self.erasure.company_id, self.company_a)
        self.assertEqual(len(self.log), 2)
        self.assertEqual(self.log.company_id, self.company_a)
        self.assertEqual(len(self.report.exists()), 2)
        self.assertEqual(len(self.work.exists()), 3)
        self.assertEqual(self.work.company_id, self.company_a)
        self.assertEqual(self.report.company_id, self.company_a)
        self.assertEqual(self.trait_assignment.company_id, self.company_a)
        self.assertEqual(self.action_assignment.company_id, self.company_a)

    # Offboardings: who left company A and what was moved.

    def test_offboarding_list(self):
        """B lists and counts offboardings: A's offboarding is not there."""
        self.assert_listed_nowhere("crm.retention.offboarding")

    def test_offboarding_read_group(self):
        """B groups offboardings by departing user: no group for A's."""
        self.assert_grouped_nowhere("crm.retention.offboarding", "user_id")

    def test_offboarding_read(self):
        """B reads A's offboarding by id: refused."""
        self.assert_read_refused("crm.retention.offboarding")

    def test_offboarding_of_a_user_of_both_companies(self):
        """An offboarding of a user of A and B is seen by B's Data Manager
        too: the wall follows the departing user's companies."""
        self.leaver_a.sudo().company_ids = [Command.link(self.company_b.id)]
        Offboarding = self.as_b("crm.retention.offboarding")
        self.assertEqual(
            Offboarding.search([("id", "=", self.offboarding.id)]), self.offboarding
        )

    # Deletion log: names of A's deleted records.

    def test_deletion_log_list(self):
        """B lists and counts the deletion log: A's entries are not there."""
        self.assert_listed_nowhere("crm.retention.deletion.log")

    def test_deletion_log_read_group(self):
        """B groups the deletion log by model: no group for A's entries."""
        self.assert_grouped_nowhere("crm.retention.deletion.log", "res_model")

    def test_deletion_log_read(self):
        """B reads A's deletion-log entries by id: refused."""
        self.assert_read_refused("crm.retention.deletion.log")

    def test_deletion_log_of_a_shared_contact(self):
        """A contact without company deleted in A stays visible in B: its
        entry is shared, as the contact was."""
        shared = self.env["res.partner"].create({"name": "Walls Shared"})
        shared.with_user(self.manager_a).unlink()
        Log = self.as_b("crm.retention.deletion.log")
        entry = Log.search(
            [("res_model", "=", "res.partner"), ("res_id", "=", shared.id)]
        )
        self.assertEqual(len(entry), 1)
        self.assertFalse(entry.company_id)

    # Trait and dossier-action assignments of A's contacts.

    def test_trait_assignment_list(self):
        """B lists and counts trait assignments: A's are not there."""
        self.assert_listed_nowhere("crm.retention.trait.assignment")

    def test_trait_assignment_read_group(self):
        """B groups trait assignments by partner: no group for A's."""
        self.assert_grouped_nowhere("crm.retention.trait.assignment", "partner_id")

    def test_trait_assignment_read(self):
        """B reads A's trait assignment by id: refused."""
        self.assert_read_refused("crm.retention.trait.assignment")

    def test_dossier_action_assignment_list(self):
        """B lists and counts dossier-action assignments: A's are not there."""
        self.assert_listed_nowhere("crm.retention.dossier.action.assignment")

    def test_dossier_action_assignment_read_group(self):
        """B groups dossier-action assignments by action: no group for A's."""
        self.assert_grouped_nowhere(
            "crm.retention.dossier.action.assignment", "dossier_action_id"
        )

    def test_dossier_action_assignment_read(self):
        """B reads A's dossier-action assignment by id: refused."""
        self.assert_read_refused("crm.retention.dossier.action.assignment")

    def test_assignment_follows_the_partner_company(self):
        """A contact of A moved to B takes its assignments along: B's Data
        Manager sees them, A's no longer does."""
        self.person_a.company_id = self.company_b
        Assignment = self.env["crm.retention.trait.assignment"]
        domain = [("id", "=", self.trait_assignment.id)]
        self.assertEqual(self.trait_assignment.company_id, self.company_b)
        self.assertTrue(Assignment.with_user(self.manager_b).search(domain))
        self.assertFalse(Assignment.with_user(self.manager_a).search(domain))

    # The dossier report.

    def test_dossier_report_list(self):
        """B lists and counts the dossier report: A's lines are not there."""
        self.assert_listed_nowhere("crm.retention.dossier.report")

    def test_dossier_report_read_group(self):
        """B groups the dossier report by dossier (the report's pivot): no
        group for A's dossier."""
        self.assert_grouped_nowhere("crm.retention.dossier.report", "dossier_id")

    def test_dossier_report_read(self):
        """B reads A's dossier report lines by id: refused."""
        self.assert_read_refused("crm.retention.dossier.report")

    # The work of inactive users.

    def test_inactive_work_list(self):
        """B lists and counts the work of inactive users: A's opportunity
        and activities are not there."""
        self.assert_listed_nowhere("crm.retention.inactive.work")

    def test_inactive_work_read_group(self):
        """B groups the work of inactive users by owner: no group for A's."""
        self.assert_grouped_nowhere("crm.retention.inactive.work", "user_id")

    def test_inactive_work_read(self):
        """B reads A's lines of work by id (the activities included):
        refused."""
        self.assert_read_refused("crm.retention.inactive.work")

    # Erasures (their rule is older: checked here with the others).

    def test_erasure_list(self):
        """B lists and counts the erasures: the erasure of A's contact is
        not there."""
        self.assert_listed_nowhere("crm.retention.erasure")

    def test_erasure_read_group(self):
        """B groups the erasures by company: no group for A's."""
        self.assert_grouped_nowhere("crm.retention.erasure", "company_id")

    def test_erasure_read(self):
        """B reads the erasure of A's contact by id: refused."""
        self.assert_read_refused("crm.retention.erasure")

    # The Data Manager of A.

    def test_manager_of_a_sees_a(self):
        """A's Data Manager lists, counts, groups and reads every record of
        A."""
        for model, records in self.records.items():
            Model = self.env[model].with_user(self.manager_a)
            domain = [("id", "in", records.ids)]
            self.assertEqual(Model.search(domain), records, model)
            self.assertEqual(Model.search_count(domain), len(records), model)
            self.assertEqual(
                Model._read_group(domain, [], ["__count"]), [(len(records),)], model
            )
            self.assertEqual(
                len(Model.browse(records.ids).read(["display_name"])), len(records)
            )

    def test_manager_of_a_undoes_and_reactivates(self):
        """A's Data Manager undoes A's offboarding and reactivates the user,
        as before the walls."""
        offboarding = self.offboarding.with_user(self.manager_a)
        offboarding.action_undo()
        self.assertEqual(offboarding.state, "undone")
        self.assertEqual(self.leaver_lead.user_id, self.leaver_a)
        offboarding.action_reactivate_user()
        self.assertTrue(self.leaver_a.active)

    def test_manager_of_b_cannot_undo(self):
        """B's Data Manager undoes A's offboarding: refused, nothing moves."""
        with self.assertRaises(AccessError):
            self.offboarding.with_user(self.manager_b).action_undo()
        self.assertEqual(self.offboarding.state, "done")
        self.assertEqual(self.leaver_lead.user_id, self.heir_a)


@tagged("post_install", "-at_install")
class TestCompanyWallsXmlRpc(CompanyWallsFixtures, HttpCase):
    """The same attempts by an RPC client: B's Data Manager asks the server
    for A's records and gets nothing, or a refusal."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_walls()

    def rpc(self, user, model, method, *args, **kwargs):
        return self.xmlrpc_object.execute_kw(
            self.env.cr.dbname,
            user.id,
            f"{user.login}_pw_123",
            model,
            method,
            list(args),
            kwargs,
        )

    def assert_walled_over_rpc(self, model, groupby):
        ids = self.records[model].ids
        domain = [("id", "in", ids)]
        context = {"active_test": False}
        b = self.manager_b
        self.assertEqual(self.rpc(b, model, "search", domain, context=context), [])
        self.assertEqual(self.rpc(b, model, "search_count", domain, context=context), 0)
        self.assertEqual(
            self.rpc(b, model, "search_read", domain, ["id"], context=context), []
        )
        self.assertEqual(
            self.rpc(
                b, model, "read_group", domain, [groupby], [groupby], context=context
            ),
            [],
        )
        with self.assertRaises(Fault) as caught:
            self.rpc(b, model, "read", ids, ["display_name"])
        self.assertIn("doesn't have 'read' access", caught.exception.faultString)
        # The same calls as A's Data Manager find them: the wall, not the call.
        found = self.rpc(self.manager_a, model, "search", domain, context=context)
        self.assertEqual(sorted(found), sorted(ids))

    def test_offboarding_over_rpc(self):
        """B searches, counts, groups and reads A's offboarding over
        XML-RPC: nothing, then refused."""
        self.assert_walled_over_rpc("crm.retention.offboarding", "user_id")

    def test_deletion_log_over_rpc(self):
        """B searches, counts, groups and reads A's deletion-log entries over
        XML-RPC: nothing, then refused."""
        self.assert_walled_over_rpc("crm.retention.deletion.log", "res_model")

    def test_trait_assignment_over_rpc(self):
        """B searches, counts, groups and reads A's trait assignment over
        XML-RPC: nothing, then refused."""
        self.assert_walled_over_rpc("crm.retention.trait.assignment", "partner_id")

    def test_dossier_action_assignment_over_rpc(self):
        """B searches, counts, groups and reads A's dossier-action assignment
        over XML-RPC: nothing, then refused."""
        self.assert_walled_over_rpc(
            "crm.retention.dossier.action.assignment", "dossier_action_id"
        )

    def test_dossier_report_over_rpc(self):
        """B searches, counts, groups and reads A's dossier report lines over
        XML-RPC: nothing, then refused."""
        self.assert_walled_over_rpc("crm.retention.dossier.report", "dossier_id")

    def test_inactive_work_over_rpc(self):
        """B searches, counts, groups and reads the work of A's inactive user
        over XML-RPC: nothing, then refused."""
        self.assert_walled_over_rpc("crm.retention.inactive.work", "user_id")

    def test_erasure_over_rpc(self):
        """B searches, counts, groups and reads the erasure of A's contact
        over XML-RPC: nothing, then refused."""
        self.assert_walled_over_rpc("crm.retention.erasure", "company_id")
