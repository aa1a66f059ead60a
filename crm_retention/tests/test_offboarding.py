# Copyright 2026 crm_retention contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from unittest.mock import patch

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, new_test_user

from .common import RetentionCase


class OffboardingCase(RetentionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.leaver = new_test_user(
            cls.env,
            login="rt_leaver",
            name="Lee Leaver",
            groups="sales_team.group_sale_salesman",
        )
        cls.heir = new_test_user(
            cls.env,
            login="rt_heir",
            name="Hugo Heir",
            groups="sales_team.group_sale_salesman",
        )
        cls.heir2 = new_test_user(
            cls.env,
            login="rt_heir2",
            name="Hanna Heir",
            groups="sales_team.group_sale_salesman",
        )
        cls.team = cls.env["crm.team"].create(
            {
                "name": "Leaver's Team",
                "user_id": cls.leaver.id,
                "member_ids": [Command.set([cls.leaver.id, cls.heir.id])],
            }
        )
        cls.other_team = cls.env["crm.team"].create({"name": "Other Team"})
        Lead = cls.env["crm.lead"]
        cls.opps = Lead.create(
            [
                {
                    "name": f"Open deal {i}",
                    "type": "opportunity",
                    "user_id": cls.leaver.id,
                    "team_id": cls.team.id,
                }
                for i in range(3)
            ]
        )
        cls.won_stage = cls.env["crm.stage"].create(
            {"name": "Offboarding Won", "is_won": True, "sequence": 90}
        )
        cls.won = Lead.create(
            {
                "name": "Won deal",
                "type": "opportunity",
                "user_id": cls.leaver.id,
                "team_id": cls.team.id,
                "stage_id": cls.won_stage.id,
            }
        )
        cls.lost = Lead.create(
            {
                "name": "Lost deal",
                "type": "opportunity",
                "user_id": cls.leaver.id,
                "team_id": cls.team.id,
            }
        )
        cls.lost.action_set_lost()
        cls.customers = cls.env["res.partner"].create(
            [
                {"name": "Customer One", "user_id": cls.leaver.id},
                {"name": "Customer Two", "user_id": cls.leaver.id},
            ]
        )
        cls.someone_elses = cls.env["res.partner"].create({"name": "Not Theirs"})
        cls.act_opp = cls.schedule(cls.opps[0], cls.leaver, "Send offer")
        cls.act_customer = cls.schedule(cls.customers[0], cls.leaver, "Visit")
        cls.act_other = cls.schedule(cls.someone_elses, cls.leaver, "Ring")
        cls.act_done = cls.schedule(cls.opps[1], cls.leaver, "Intro call")
        cls.act_done.action_feedback(feedback="Went well")

    def wizard(self, user=None, **values):
        """A wizard for the leaver, filled through the form as a manager."""
        form = Form(
            self.env["crm.retention.offboard.user"]
            .with_user(self.data_manager)
            .with_context(default_user_id=(user or self.leaver).id)
        )
        for name, value in values.items():
            setattr(form, name, value)
        return form.save()

    def offboard(self, user=None, **values):
        if values.get("target_mode", "user") == "user":
            values.setdefault("target_user_id", self.heir)
        result = self.wizard(user, **values).action_offboard()
        return self.env["crm.retention.offboarding"].browse(result["res_id"])

    def lines(self, offboarding, model):
        """The lines of offboarding for model, as tuples: (id, previous
        owner, new owner), leads + (previous team, new team, previous
        company, new company, open), activities + (planned,)."""
        rows = []
        for line in offboarding.line_ids.filtered(lambda x: x.res_model == model):
            row = (line.res_id, line.previous_user_id.id, line.new_user_id.id)
            if model == "crm.lead":
                row += (
                    line.previous_team_id.id,
                    line.new_team_id.id,
                    line.previous_company_id.id,
                    line.new_company_id.id,
                    line.was_open,
                )
            elif model == "mail.activity":
                row += (line.was_open,)
            rows.append(row)
        return rows

    def notes(self, record):
        return record.message_ids.filtered(
            lambda message: "offboarding of" in (message.body or "")
        )


class TestOffboarding(OffboardingCase):
    def test_counts(self):
        wizard = self.wizard(target_user_id=self.heir)
        self.assertEqual(wizard.open_lead_count, 3)
        self.assertEqual(wizard.activity_count, 3)
        self.assertEqual(wizard.customer_count, 2)
        self.assertEqual(wizard.team_led_count, 1)
        self.assertEqual(wizard.team_member_count, 1)
        self.assertEqual(wizard.closed_lead_count, 2)
        self.assertEqual(wizard.done_activity_count, 1)

    def test_offboard_to_one_user(self):
        message = (
            self.customers[0]
            .with_user(self.leaver)
            .message_post(body="Met them at the fair", message_type="comment")
        )
        activities_before = (
            self.env["mail.activity"].with_context(active_test=False).search_count([])
        )
        offboarding = self.offboard(mark_partner_former=True)
        # 1. Deactivated, with nothing lost: their messages stay theirs.
        self.assertFalse(self.leaver.active)
        self.assertTrue(message.exists())
        self.assertEqual(message.author_id, self.leaver.partner_id)
        self.assertEqual(
            self.env["mail.activity"].with_context(active_test=False).search_count([]),
            activities_before,
        )
        # 2. Open work handed over; leads keep their team and company.
        self.assertEqual(self.opps.user_id, self.heir)
        self.assertEqual(self.opps.team_id, self.team)
        self.assertEqual(self.opps.company_id, self.env.company)
        self.assertEqual(self.customers.user_id, self.heir)
        self.assertEqual(
            (self.act_opp | self.act_customer | self.act_other).user_id, self.heir
        )
        self.assertTrue(self.act_opp.active)
        self.assertIn(self.heir.partner_id, self.opps.message_partner_ids)
        # The customer with an activity (as Odoo does for activities), not
        # the other one.
        self.assertIn(self.heir.partner_id, self.customers[0].message_partner_ids)
        self.assertNotIn(self.heir.partner_id, self.customers[1].message_partner_ids)
        self.assertIn(self.heir.partner_id, self.someone_elses.message_partner_ids)
        # Closed work stays with its original owner.
        self.assertEqual((self.won | self.lost).user_id, self.leaver)
        self.assertEqual(self.act_done.user_id, self.leaver)
        # Teams: leadership passes on, membership ends (archived).
        self.assertEqual(self.team.user_id, self.heir)
        self.assertEqual(offboarding.membership_ids.user_id, self.leaver)
        self.assertFalse(offboarding.membership_ids.active)
        # One note per reassigned record.
        for record in [*self.opps[1:], self.customers[1]]:
            notes = self.notes(record)
            self.assertEqual(len(notes), 1, record.display_name)
            self.assertIn(
                "Reassigned from Lee Leaver to Hugo Heir — offboarding of Lee Leaver",
                notes.body,
            )
        self.assertIn("with 1 activities", self.notes(self.opps[0]).body)
        self.assertIn(
            "1 activities reassigned from Lee Leaver to Hugo Heir",
            self.notes(self.someone_elses).body,
        )
        self.assertFalse(self.notes(self.won))
        self.assertEqual(
            self.notes(self.opps[0]).author_id, self.data_manager.partner_id
        )
        # The partner of the departing user is former.
        self.assertTrue(self.leaver.partner_id.is_former)
        # The record says exactly what moved.
        self.assertEqual(offboarding.done_by_id, self.data_manager)
        self.assertEqual(offboarding.target_user_ids, self.heir)
        self.assertEqual(
            sorted(self.lines(offboarding, "crm.lead")),
            sorted(
                (lead.id, self.leaver.id, self.heir.id, self.team.id, self.team.id)
                + (self.env.company.id,) * 2
                + (True,)  # open when moved
                for lead in self.opps
            ),
        )
        self.assertEqual(
            sorted(self.lines(offboarding, "res.partner")),
            sorted((p.id, self.leaver.id, self.heir.id) for p in self.customers),
        )
        self.assertEqual(
            sorted(self.lines(offboarding, "mail.activity")),
            sorted(
                (act.id, self.leaver.id, self.heir.id, True)
                for act in self.act_opp | self.act_customer | self.act_other
            ),
        )
        self.assertEqual(
            self.lines(offboarding, "crm.team"),
            [(self.team.id, self.leaver.id, self.heir.id)],
        )
        self.assertEqual(set(offboarding.line_ids.mapped("undo_state")), {"moved"})
        self.assertEqual(
            (offboarding.lead_count, offboarding.activity_count),
            (3, 3),
        )
        self.assertEqual((offboarding.customer_count, offboarding.team_count), (2, 1))
        self.assertIn("3 opportunities to Hugo Heir (3)", offboarding.summary)
        self.assertIn(
            "Kept with Lee Leaver: 2 closed opportunities and 1 done activity",
            offboarding.summary,
        )
        action = offboarding.action_view_leads()
        self.assertEqual(self.env["crm.lead"].search(action["domain"]), self.opps)

    def test_notes_and_followers_as_mail_makes_them(self):
        """The notes are internal log notes of the acting manager, without
        notification; the new owner follows with the default subtypes, and
        an earlier subscription of theirs is kept as it was."""
        comment = self.env.ref("mail.mt_comment")
        self.opps[2].message_subscribe(
            partner_ids=self.heir.partner_id.ids, subtype_ids=comment.ids
        )
        self.offboard()
        note = self.notes(self.opps[1])
        self.assertEqual(note.subtype_id, self.env.ref("mail.mt_note"))
        self.assertEqual(note.message_type, "notification")
        self.assertTrue(note.is_internal)
        self.assertEqual(note.author_id, self.data_manager.partner_id)
        self.assertEqual(note.model, "crm.lead")
        self.assertFalse(note.notification_ids)

        def follower(lead):
            return lead.message_follower_ids.filtered(
                lambda f: f.partner_id == self.heir.partner_id
            )

        defaults = self.env["mail.message.subtype"].default_subtypes("crm.lead")[0]
        self.assertEqual(follower(self.opps[1]).subtype_ids, defaults)
        self.assertEqual(follower(self.opps[2]).subtype_ids, comment)
        self.assertTrue(self.opps[1].with_user(self.heir).message_is_follower)

    def test_closed_work_moves_when_asked(self):
        wizard = self.wizard(
            target_user_id=self.heir,
            include_closed_leads=True,
            include_done_activities=True,
        )
        wizard.action_offboard()
        self.assertEqual((self.won | self.lost).user_id, self.heir)
        self.assertFalse(self.lost.active)
        self.assertEqual(self.won.stage_id, self.won_stage)
        self.assertEqual(self.act_done.user_id, self.heir)
        self.assertFalse(self.act_done.active)
        self.assertEqual(self.act_done.history_state, "done")

    def test_categories_left_alone(self):
        offboarding = self.offboard(
            include_open_leads=False,
            include_customers=False,
            include_teams=False,
        )
        self.assertEqual(self.opps.user_id, self.leaver)
        self.assertEqual(self.customers.user_id, self.leaver)
        self.assertEqual(self.team.user_id, self.leaver)
        membership = self.team.crm_team_member_ids.filtered(
            lambda member: member.user_id == self.leaver
        )
        self.assertTrue(membership.active)
        # The activities of opportunities that stay still move.
        self.assertEqual(self.act_opp.user_id, self.heir)
        self.assertFalse(offboarding.membership_ids)
        # What was left shows up in the report of work left behind.
        work = self.env["crm.retention.inactive.work"].search(
            [("user_id", "=", self.leaver.id)]
        )
        self.assertEqual(
            sorted((line.kind, line.res_id) for line in work),
            sorted(
                [("opportunity", opp.id) for opp in self.opps]
                + [("customer", p.id) for p in self.customers]
            ),
        )

    def test_activities_left_alone(self):
        self.offboard(include_activities=False)
        self.assertEqual(self.opps.user_id, self.heir)
        self.assertEqual(
            (self.act_opp | self.act_customer | self.act_other).user_id, self.leaver
        )
        # Still planned, and listed as work left behind.
        self.assertTrue(self.act_opp.active)
        work = self.env["crm.retention.inactive.work"].search(
            [("user_id", "=", self.leaver.id)]
        )
        self.assertEqual(work.mapped("kind"), ["activity"] * 3)

    def test_round_robin_to_several_users(self):
        self.offboard(
            target_mode="users",
            target_user_ids=self.heir | self.heir2,
        )
        # One each in turn (users in their usual order: by name).
        first, second = self.heir2, self.heir
        self.assertEqual([opp.user_id for opp in self.opps], [first, second, first])
        self.assertEqual(
            [customer.user_id for customer in self.customers], [first, second]
        )
        # Activities follow their document.
        self.assertEqual(self.act_opp.user_id, self.opps[0].user_id)
        self.assertEqual(self.act_customer.user_id, self.customers[0].user_id)
        self.assertIn(self.act_other.user_id, self.heir | self.heir2)

    def test_by_load_to_team_members(self):
        # heir already has 1 open opportunity, heir2 none.
        self.env["crm.lead"].create(
            {"name": "Heir's own", "type": "opportunity", "user_id": self.heir.id}
        )
        self.team.member_ids |= self.heir2
        self.offboard(
            target_mode="team",
            target_team_id=self.team,
            distribution="load",
        )
        # heir2 gets the first one (0 → 1), then it is one each.
        self.assertEqual(self.opps[0].user_id, self.heir2)
        self.assertEqual(
            sorted(opp.user_id.login for opp in self.opps),
            ["rt_heir", "rt_heir2", "rt_heir2"],
        )

    def test_lead_team_and_team_leader(self):
        offboarding = self.offboard(
            lead_team_id=self.other_team, team_leader_id=self.heir2
        )
        self.assertEqual(self.opps.team_id, self.other_team)
        self.assertEqual(self.opps.user_id, self.heir)
        self.assertEqual(self.team.user_id, self.heir2)
        offboarding.with_user(self.data_manager).action_undo()
        self.assertEqual(self.opps.team_id, self.team)
        self.assertEqual(self.opps.user_id, self.leaver)
        self.assertEqual(self.team.user_id, self.leaver)

    def test_user_archived_outside_the_wizard(self):
        """Archived the usual way first (mail and sales_team side effects):
        the planned activities are still there and the wizard hands them
        over from the report of work left behind."""
        self.leaver.action_archive()
        self.assertTrue(self.act_opp.exists())
        self.assertEqual(self.act_opp.user_id, self.leaver)
        work = self.env["crm.retention.inactive.work"].with_user(self.data_manager)
        lines = work.search([("user_id", "=", self.leaver.id)])
        self.assertEqual(
            sorted(set(lines.mapped("kind"))), ["activity", "customer", "opportunity"]
        )
        self.assertEqual(len(lines.filtered(lambda line: line.kind == "activity")), 3)
        action = lines[0].action_offboard()
        self.assertEqual(action["res_model"], "crm.retention.offboard.user")
        wizard = Form(
            self.env["crm.retention.offboard.user"]
            .with_user(self.data_manager)
            .with_context(**action["context"])
        )
        self.assertEqual(wizard.user_id, self.leaver)
        wizard.target_user_id = self.heir
        wizard.save().action_offboard()
        self.assertFalse(work.search([("user_id", "=", self.leaver.id)]))
        self.assertEqual(self.opps.user_id, self.heir)


class TestOffboardingAfterwards(OffboardingCase):
    def test_reactivate_user(self):
        offboarding = self.offboard(mark_partner_former=True)
        offboarding.with_user(self.data_manager).action_reactivate_user()
        self.assertTrue(self.leaver.active)
        self.assertIn(self.leaver, self.team.member_ids)
        self.assertFalse(self.leaver.partner_id.is_former)
        # Their records are not given back by reactivating.
        self.assertEqual(self.opps.user_id, self.heir)
        with self.assertRaisesRegex(UserError, "already active"):
            offboarding.with_user(self.data_manager).action_reactivate_user()

    def test_undo_leaves_work_closed_since(self):
        """What the new owner won or did since stays theirs."""
        offboarding = self.offboard()
        self.opps[0].with_user(self.heir).action_set_won()
        self.act_customer.with_user(self.heir).action_feedback(feedback="Done")
        offboarding.with_user(self.data_manager).action_undo()
        self.assertEqual(self.opps[0].user_id, self.heir)
        self.assertEqual(self.act_customer.user_id, self.heir)
        self.assertEqual(self.opps[1:].user_id, self.leaver)
        self.assertEqual((self.act_opp | self.act_other).user_id, self.leaver)
        self.assertIn("Open deal 0 (closed since)", offboarding.undo_skipped)
        self.assertIn("(done since)", offboarding.undo_skipped)

    def test_reactivation_keeps_a_contact_former_before(self):
        self.leaver.partner_id.is_former = True
        offboarding = self.offboard(mark_partner_former=True)
        self.assertFalse(offboarding.partner_marked_former)
        offboarding.with_user(self.data_manager).action_reactivate_user()
        self.assertTrue(self.leaver.partner_id.is_former)

    def test_undo_after_partial_edits(self):
        offboarding = self.offboard()
        # Later edits: one opportunity goes to someone else, a customer is
        # handed to heir2, an activity is deleted by a manager.
        self.opps[2].with_user(self.data_manager).user_id = self.heir2
        self.customers[1].user_id = self.heir2
        self.act_other.with_user(self.data_manager).unlink()
        offboarding.with_user(self.data_manager).action_undo()
        self.assertEqual(offboarding.state, "undone")
        self.assertEqual(offboarding.undo_user_id, self.data_manager)
        self.assertEqual(self.opps[:2].user_id, self.leaver)
        self.assertEqual(self.opps[:2].team_id, self.team)
        self.assertEqual(self.opps[2].user_id, self.heir2)
        self.assertEqual(self.customers[0].user_id, self.leaver)
        self.assertEqual(self.customers[1].user_id, self.heir2)
        self.assertEqual((self.act_opp | self.act_customer).user_id, self.leaver)
        self.assertEqual(self.team.user_id, self.leaver)
        # The summary says what was given back, not what was handed over.
        self.assertTrue(
            offboarding.summary.startswith(
                "Undone: 2 opportunities, 2 activities, 1 customer and 1 sales "
                "team (as leader) given back to Lee Leaver.\n"
                "Left alone, as they changed since: 1 opportunity, 1 activity "
                "and 1 customer.\nHanded over at the offboarding:\n3 "
                "opportunities to Hugo Heir (3)"
            ),
            offboarding.summary,
        )
        skipped = offboarding.undo_skipped.splitlines()
        self.assertEqual(len(skipped), 3, skipped)
        self.assertIn("Open deal 2 (now Hanna Heir)", offboarding.undo_skipped)
        self.assertIn("Customer Two (now Hanna Heir)", offboarding.undo_skipped)
        self.assertIn(f"#{self.act_other.id}", offboarding.undo_skipped)
        self.assertIn("deleted", offboarding.undo_skipped)
        # Each line tells what the undo did with its record.
        lines = offboarding.line_ids
        self.assertEqual(
            sorted(lines.mapped("undo_state")), ["skipped"] * 3 + ["undone"] * 6
        )
        skipped_opp = lines.filtered(
            lambda x: x.res_model == "crm.lead" and x.res_id == self.opps[2].id
        )
        self.assertEqual(skipped_opp.skip_reason, "now Hanna Heir")
        self.assertEqual(
            lines.filtered(
                lambda x: x.res_model == "mail.activity"
                and x.res_id == self.act_other.id
            ).skip_reason,
            "deleted",
        )
        self.assertIn(
            "Given back from Hugo Heir to Lee Leaver",
            self.notes(self.opps[0])[0].body,
        )
        self.assertIn(
            "6 records given back, 3 left alone",
            offboarding.message_ids[0].body,
        )
        with self.assertRaisesRegex(UserError, "already undone"):
            offboarding.with_user(self.data_manager).action_undo()

    def test_only_data_managers(self):
        with self.assertRaises(AccessError):
            self.env["crm.retention.offboard.user"].with_user(self.sales_admin).create(
                {"user_id": self.leaver.id, "target_user_id": self.heir.id}
            )
        offboarding = self.offboard()
        with self.assertRaises(AccessError):
            offboarding.with_user(self.sales_admin).action_undo()
        # The record is the trace of what moved: nobody edits it by hand
        # (an undo of forged moves would run as superuser).
        for values in ({"state": "done"}, {"user_id": self.heir.id}):
            with self.assertRaises(AccessError):
                offboarding.with_user(self.data_manager).write(values)
        Line = self.env["crm.retention.offboarding.line"].with_user(self.data_manager)
        line = offboarding.line_ids.filtered(lambda x: x.res_model == "crm.lead")[:1]
        with self.assertRaises(AccessError):
            line.with_user(self.data_manager).write({"new_user_id": self.leaver.id})
        with self.assertRaises(AccessError):
            Line.create(
                {
                    "offboarding_id": offboarding.id,
                    "res_model": "crm.lead",
                    "res_id": self.won.id,
                    "previous_user_id": self.heir.id,
                    "new_user_id": self.leaver.id,
                }
            )
        with self.assertRaises(AccessError):
            line.with_user(self.data_manager).unlink()
        with self.assertRaises(AccessError):
            self.env["crm.retention.offboarding"].with_user(self.data_manager).create(
                {"user_id": self.heir.id}
            )
        with self.assertRaises(AccessError):
            offboarding.with_user(self.data_manager).unlink()
        with self.assertRaises(AccessError):
            self.env["crm.retention.inactive.work"].with_user(self.salesman).search([])


class TestOffboardingBadInput(OffboardingCase):
    def assert_refused(self, message, user=None, **values):
        """The wizard refuses and nothing changed."""
        wizard = self.wizard(user, **values)
        with self.assertRaisesRegex(UserError, message):
            wizard.action_offboard()
        self.assertTrue((user or self.leaver).active)
        self.assertEqual(self.opps.user_id, self.leaver)
        self.assertFalse(self.env["crm.retention.offboarding"].search([]))

    def test_current_user(self):
        self.assert_refused(
            "cannot offboard yourself", self.data_manager, target_user_id=self.heir
        )

    def test_superuser(self):
        wizard = (
            self.env["crm.retention.offboard.user"]
            .with_user(self.data_manager)
            .create(
                {
                    "user_id": self.env.ref("base.user_root").id,
                    "target_user_id": self.heir.id,
                }
            )
        )
        with self.assertRaisesRegex(UserError, "superuser"):
            wizard.action_offboard()

    def test_last_administrator(self):
        self.data_manager.groups_id |= self.env.ref("base.group_erp_manager")
        admins = self.env.ref("base.group_system").users.filtered("active")
        (admins - self.env.ref("base.user_admin")).write({"active": False})
        self.assert_refused(
            "last administrator",
            self.env.ref("base.user_admin"),
            target_user_id=self.heir,
        )

    def test_administrators_need_an_administrator(self):
        officer = new_test_user(
            self.env,
            login="rt_officer",
            groups="base.group_erp_manager,sales_team.group_sale_salesman",
        )
        self.assert_refused("only an administrator", officer, target_user_id=self.heir)

    def test_departing_user_of_another_company(self):
        company_b = self.env["res.company"].create({"name": "Far Away"})
        stranger = new_test_user(
            self.env,
            login="rt_stranger",
            groups="sales_team.group_sale_salesman",
            company_id=company_b.id,
            company_ids=[Command.set(company_b.ids)],
        )
        wizard = (
            self.env["crm.retention.offboard.user"]
            .with_user(self.data_manager)
            .create({"user_id": stranger.id, "target_user_id": self.heir.id})
        )
        with self.assertRaisesRegex(AccessError, "companies you have no access to"):
            wizard.action_offboard()
        self.assertTrue(stranger.active)

    def test_target_is_departing(self):
        with self.assertRaisesRegex(ValidationError, "departing user"):
            self.wizard(target_user_id=self.leaver)
        with self.assertRaisesRegex(ValidationError, "departing user"):
            self.wizard(target_mode="users", target_user_ids=self.heir | self.leaver)
        with self.assertRaisesRegex(UserError, "departing user"):
            self.wizard(
                team_leader_id=self.leaver, target_user_id=self.heir
            ).action_offboard()
        self.assertTrue(self.leaver.active)

    def test_departing_portal_user(self):
        portal = new_test_user(
            self.env, login="rt_portal_leaver", groups="base.group_portal"
        )
        self.assert_refused("portal user", portal, target_user_id=self.heir)

    def test_team_leader_without_access_to_the_team_company(self):
        company_b = self.env["res.company"].create({"name": "Team Company"})
        self.leaver.company_ids |= company_b
        self.env["crm.team"].create(
            {
                "name": "Branch Team",
                "company_id": company_b.id,
                "user_id": self.leaver.id,
            }
        )
        self.assert_refused(
            "cannot lead Branch Team",
            target_user_id=self.heir,
            include_open_leads=False,
        )

    def test_target_inactive(self):
        self.heir2.active = False
        self.assert_refused("inactive", target_user_id=self.heir2)

    def test_target_portal(self):
        portal = new_test_user(self.env, login="rt_portal", groups="base.group_portal")
        wizard = (
            self.env["crm.retention.offboard.user"]
            .with_user(self.data_manager)
            .create({"user_id": self.leaver.id, "target_user_id": portal.id})
        )
        with self.assertRaisesRegex(UserError, "portal user"):
            wizard.action_offboard()
        self.assertTrue(self.leaver.active)

    def test_target_without_sales_rights(self):
        clerk = new_test_user(self.env, login="rt_clerk", groups="base.group_user")
        self.assert_refused("no Sales rights", target_user_id=clerk)

    def test_records_but_no_target(self):
        # The form requires a new owner; the server refuses without one.
        wizard = (
            self.env["crm.retention.offboard.user"]
            .with_user(self.data_manager)
            .create({"user_id": self.leaver.id})
        )
        with self.assertRaisesRegex(UserError, "choose who gets them"):
            wizard.action_offboard()
        self.assertTrue(self.leaver.active)
        self.assert_refused(
            "no other member",
            target_mode="team",
            target_team_id=self.env["crm.team"].create(
                {"name": "Solo", "member_ids": [Command.set(self.leaver.ids)]}
            ),
        )

    def test_nothing_to_hand_over_needs_no_target(self):
        loner = new_test_user(
            self.env, login="rt_loner", groups="sales_team.group_sale_salesman"
        )
        offboarding = self.offboard(loner, target_user_id=self.env["res.users"])
        self.assertFalse(loner.active)
        self.assertEqual(offboarding.summary, "Nothing to hand over.")


class TestOffboardingMultiCompany(OffboardingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_b = cls.env["res.company"].create({"name": "Branch B"})
        cls.leaver.company_ids |= cls.company_b
        cls.data_manager.company_ids |= cls.company_b
        cls.b_opp = cls.env["crm.lead"].create(
            {
                "name": "Branch deal",
                "type": "opportunity",
                "user_id": cls.leaver.id,
                "team_id": False,
                "company_id": cls.company_b.id,
            }
        )
        cls.b_act = cls.schedule(cls.b_opp, cls.leaver, "Branch call")

    def test_other_company_records_need_confirmation(self):
        wizard = self.wizard(target_user_id=self.heir)
        self.assertEqual(wizard.other_company_count, 1)
        self.assertIn("Branch deal (Branch B)", wizard.other_company_list)
        with self.assertRaisesRegex(UserError, "Branch deal"):
            wizard.action_offboard()
        self.assertTrue(self.leaver.active)
        self.assertEqual(self.b_opp.user_id, self.leaver)
        wizard.confirm_other_companies = True
        offboarding = self.env["crm.retention.offboarding"].browse(
            wizard.action_offboard()["res_id"]
        )
        self.assertEqual(self.b_opp.user_id, self.heir)
        # Odoo wants the salesperson in the lead's company: it moved to hers.
        self.assertEqual(self.b_opp.company_id, self.heir.company_id)
        self.assertEqual(self.b_act.user_id, self.heir)
        # The other leads kept their company; undo gives the company back.
        self.assertEqual(self.opps.company_id, self.env.company)
        offboarding.with_user(self.data_manager).action_undo()
        self.assertEqual(self.b_opp.user_id, self.leaver)
        self.assertEqual(self.b_opp.company_id, self.company_b)

    def test_lead_whose_customer_is_of_its_company_stays(self):
        self.b_opp.partner_id = self.env["res.partner"].create(
            {"name": "Branch customer", "company_id": self.company_b.id}
        )
        wizard = self.wizard(target_user_id=self.heir, confirm_other_companies=True)
        with self.assertRaisesRegex(UserError, "cannot leave their company"):
            wizard.action_offboard()
        self.assertTrue(self.leaver.active)
        self.assertEqual(self.b_opp.user_id, self.leaver)

    def test_team_of_another_company(self):
        self.heir.company_ids |= self.company_b
        team_b = self.env["crm.team"].create(
            {"name": "Branch Sales", "company_id": self.company_b.id}
        )
        wizard = self.wizard(target_user_id=self.heir, lead_team_id=team_b)
        with self.assertRaisesRegex(UserError, "Branch Sales belongs to Branch B"):
            wizard.action_offboard()
        self.assertTrue(self.leaver.active)
        self.assertEqual(self.opps.user_id, self.leaver)

    def test_report_of_work_left_behind_by_company(self):
        self.leaver.action_archive()
        work = self.env["crm.retention.inactive.work"].with_user(self.data_manager)
        self.assertIn(
            self.b_opp.id,
            work.search([("user_id", "=", self.leaver.id)]).mapped("res_id"),
        )
        self.data_manager.company_ids -= self.company_b
        lines = work.search(
            [("user_id", "=", self.leaver.id), ("kind", "=", "opportunity")]
        )
        self.assertEqual(sorted(lines.mapped("res_id")), sorted(self.opps.ids))

    def test_targets_with_access_are_preferred(self):
        self.heir2.company_ids |= self.company_b
        wizard = self.wizard(
            target_mode="users",
            target_user_ids=self.heir | self.heir2,
        )
        self.assertEqual(wizard.other_company_count, 0)
        wizard.action_offboard()
        self.assertEqual(self.b_opp.user_id, self.heir2)
        self.assertEqual(self.b_act.user_id, self.heir2)
        self.assertFalse(self.opps.filtered(lambda o: o.user_id == self.leaver))


class TestOffboardingQueries(RetentionCase):
    def _measure(self, func):
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        result = func()
        self.env.flush_all()
        return self.env.cr.sql_log_count - before, result

    def _offboard_queries(self, count, several):
        """Offboard a user owning count opportunities, customers, activities
        on their customers and on other contacts, and leading a team; then
        undo. Returns the queries of both."""
        Users = self.env["res.users"]
        leaver = new_test_user(
            self.env,
            login=f"rt_q_leaver_{count}_{several}",
            groups="sales_team.group_sale_salesman",
        )
        heirs = Users.browse()
        for index in range(2 if several else 1):
            heirs |= new_test_user(
                self.env,
                login=f"rt_q_heir_{count}_{several}_{index}",
                groups="sales_team.group_sale_salesman",
            )
        team = self.env["crm.team"].create(
            {"name": f"Q team {count}", "user_id": leaver.id}
        )
        leads = self.env["crm.lead"].create(
            [
                {"name": f"Q {i}", "type": "opportunity", "user_id": leaver.id}
                for i in range(count)
            ]
        )
        partners = self.env["res.partner"].create(
            [{"name": f"Q customer {i}", "user_id": leaver.id} for i in range(count)]
        )
        others = self.env["res.partner"].create(
            [{"name": f"Q other {i}"} for i in range(count)]
        )
        partner_model = self.env["ir.model"]._get_id("res.partner")
        self.env["mail.activity"].create(
            [
                {
                    "res_model_id": partner_model,
                    "res_id": partner.id,
                    "user_id": leaver.id,
                    "activity_type_id": self.todo_type.id,
                    "summary": "Q",
                }
                for partner in partners | others
            ]
        )
        values = {"user_id": leaver.id}
        if several:
            values.update(
                target_mode="users",
                target_user_ids=[Command.set(heirs.ids)],
                distribution="load",
            )
        else:
            values["target_user_id"] = heirs.id
        wizard = (
            self.env["crm.retention.offboard.user"]
            .with_user(self.data_manager)
            .create(values)
        )
        offboarding_queries, action = self._measure(wizard.action_offboard)
        offboarding = self.env["crm.retention.offboarding"].browse(action["res_id"])
        self.assertEqual(leads.user_id, heirs)
        self.assertEqual(partners.user_id, heirs)
        self.assertEqual(team.user_id, heirs[:1])
        self.assertEqual(offboarding.activity_count, 2 * count)
        undo_queries, _result = self._measure(
            offboarding.with_user(self.data_manager).action_undo
        )
        self.assertEqual(leads.user_id, leaver)
        self.assertEqual(partners.user_id, leaver)
        return offboarding_queries, undo_queries

    def test_query_count_does_not_grow(self):
        """Same number of queries for 10 and 60 records of each kind, to
        one user or several (by load), for the offboarding and its undo.
        The ORM writes rows 100 at a time (one INSERT/UPDATE per 100 rows):
        that chunking is raised above them here, so that the count shows what
        the offboarding itself does per record (nothing). A first small run
        warms the caches up."""
        with (
            patch("odoo.models.INSERT_BATCH_SIZE", 1000),
            patch("odoo.models.UPDATE_BATCH_SIZE", 1000),
        ):
            for several in (False, True):
                self._offboard_queries(3, several)
                small = self._offboard_queries(10, several)
                large = self._offboard_queries(60, several)
                self.assertEqual(small, large, f"several new owners: {several}")
