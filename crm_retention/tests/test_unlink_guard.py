# Copyright 2026 crm_retention contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import SUPERUSER_ID
from odoo.exceptions import UserError
from odoo.tests import new_test_user, users

from odoo.addons.crm_retention.models.history_guard import HistoryGuardError

from .common import RetentionCase


class TestPartnerUnlinkGuard(RetentionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        cls.free = Partner.create({"name": "Free Partner"})
        cls.with_activity = Partner.create({"name": "Partner With Activity"})
        cls.schedule(cls.with_activity)
        cls.with_lead = Partner.create({"name": "Partner With Lead"})
        cls.env["crm.lead"].create({"name": "A lead", "partner_id": cls.with_lead.id})
        cls.with_note = Partner.create({"name": "Partner With Note"})
        cls.with_note.message_post(
            body="Met at the fair", message_type="comment", subtype_xmlid="mail.mt_note"
        )

    def assertGuarded(self, partners, *expected_lines):
        """Deleting partners is refused with a user error (logged as a
        warning, not as a server error) whose message contains the expected
        lines; every partner is still there. Return the dialog's buttons:
        {method: partner ids}."""
        with self.assertRaises(HistoryGuardError) as caught, self.cr.savepoint():
            partners.unlink()
        self.assertIsInstance(caught.exception, UserError)
        (message,) = caught.exception.args
        for line in expected_lines:
            self.assertIn(line, message)
        self.assertIn("Archive", message)
        self.assertEqual(partners.exists(), partners)
        guard = caught.exception.context["crm_retention_guard"]
        return {button["method"]: button["ids"] for button in guard["buttons"]}

    def test_free_partner_is_deleted(self):
        self.free.with_user(self.data_manager).unlink()
        self.assertFalse(self.free.exists())

    def test_each_kind_of_history_guards(self):
        self.assertGuarded(self.with_activity, "Partner With Activity has 1 activity.")
        self.assertGuarded(self.with_lead, "Partner With Lead has 1 opportunity.")
        self.assertGuarded(self.with_note, "Partner With Note has 1 message.")

    def test_done_activity_guards(self):
        partner = self.env["res.partner"].create({"name": "Only Done"})
        self.schedule(partner).action_feedback()
        self.assertFalse(partner.activity_ids, "no planned activity left")
        self.assertGuarded(partner, "Only Done has 1 activity.")

    def test_cancelled_activity_and_archived_lead_guard(self):
        partner = self.env["res.partner"].create({"name": "Only Archived"})
        self.schedule(partner).with_user(self.salesman).unlink()
        self.env["crm.lead"].create(
            {"name": "Lost", "partner_id": partner.id, "active": False}
        )
        self.assertGuarded(partner, "has 1 opportunity and 1 activity.")

    def test_automatic_messages_do_not_guard(self):
        partner = self.env["res.partner"].create({"name": "Only Tracking"})
        partner.message_post(body="Stage changed")  # a notification, not a note
        partner.unlink()
        self.assertFalse(partner.exists())

    def test_company_with_guarded_contact(self):
        company = self.env["res.partner"].create(
            {"name": "Parent Co", "is_company": True}
        )
        self.with_activity.parent_id = company
        self.assertGuarded(company, "Parent Co and its contacts have 1 activity.")

    def test_batch_deletes_nothing_and_lists_the_guarded(self):
        batch = self.free | self.with_activity | self.with_lead
        buttons = self.assertGuarded(
            batch, "Partner With Activity", "Partner With Lead"
        )
        self.assertEqual(
            buttons["action_mark_former"], (self.with_activity | self.with_lead).ids
        )
        with self.assertRaises(HistoryGuardError) as caught, self.cr.savepoint():
            batch.unlink()
        self.assertNotIn("Free Partner", caught.exception.args[0])
        self.assertTrue(self.free.exists())

    def test_superuser_and_cron_are_guarded(self):
        self.assertGuarded(self.with_lead.with_user(SUPERUSER_ID))
        self.assertGuarded(self.with_lead.sudo())

    def test_portal_deletion_cron_keeps_partner_with_history(self):
        """Odoo's cron deleting portal accounts deletes the user, then tries
        the partner: the guard keeps a partner with history."""
        portal = new_test_user(self.env, login="rt_portal", groups="base.group_portal")
        partner = portal.partner_id
        self.env["crm.lead"].create({"name": "Portal deal", "partner_id": partner.id})
        # A portal user's own messages do not keep their account.
        partner.with_user(portal).sudo().message_post(
            body="Please delete my account", message_type="comment"
        )
        self.env["res.users.deletion"].create({"user_id": portal.id})
        self.env["res.users.deletion"]._gc_portal_users()
        self.assertFalse(portal.exists())
        self.assertTrue(partner.exists())

    def test_module_uninstall_is_not_guarded(self):
        self.with_lead.with_context(_force_unlink=True).unlink()
        self.assertFalse(self.with_lead.exists())

    def test_guard_queries_do_not_grow(self):
        """The guard costs the same queries for 1 and 1,000 partners."""
        Partner = self.env["res.partner"]
        companies = Partner.create(
            [{"name": f"Co {i}", "is_company": True} for i in range(500)]
        )
        contacts = Partner.create(
            [{"name": f"Contact {i}", "parent_id": companies[i].id} for i in range(500)]
        )
        many = companies | contacts
        one = Partner.create({"name": "Single Co", "is_company": True})
        Partner.create({"name": "Single Contact", "parent_id": one.id})
        self.env.flush_all()

        def guard_queries(partners):
            self.env.invalidate_all()
            before = self.cr.sql_log_count
            partners._crm_retention_check_unlink_history()
            return self.cr.sql_log_count - before

        self.assertEqual(len(many), 1000)
        self.assertEqual(guard_queries(one), guard_queries(many))
        # and the partners of 'many' are deleted for real
        many.unlink()
        self.assertFalse(many.exists())

    @users("rt_data_manager")
    def test_data_manager_is_guarded_too(self):
        self.assertGuarded(self.with_activity.with_env(self.env))

    def test_guard_offers_the_ways_out_that_apply(self):
        """The dialog offers Mark as Former only on current contacts,
        Archive on active ones, and to Data Managers Move History (one
        contact) and Erase Personal Data; plurals are right."""
        partner = self.with_activity
        self.schedule(partner)
        partner.message_post(
            body="Called", message_type="comment", subtype_xmlid="mail.mt_note"
        )
        buttons = self.assertGuarded(
            partner.with_user(self.data_manager),
            "Partner With Activity has 2 activities and 1 message.",
        )
        self.assertEqual(
            list(buttons),
            [
                "action_mark_former",
                "action_archive",
                "action_move_history",
                "action_erase_personal_data",
            ],
        )
        partner.is_former = True
        buttons = self.assertGuarded(partner.with_user(self.data_manager))
        self.assertNotIn("action_mark_former", buttons)
        # Odoo itself (a cron) is no Data Manager: no manager's buttons.
        buttons = self.assertGuarded(partner.sudo())
        self.assertEqual(list(buttons), ["action_archive"])
        with self.assertRaises(HistoryGuardError) as caught, self.cr.savepoint():
            partner.with_user(self.data_manager).unlink()
        self.assertEqual(
            caught.exception.context["crm_retention_guard"]["title"],
            "Partner With Activity cannot be deleted",
        )
        self.assertNotIn("counted with", caught.exception.args[0])


class TestUserUnlinkGuard(RetentionCase):
    def assertUserGuarded(self, user, expected):
        with self.assertRaises(HistoryGuardError) as caught, self.cr.savepoint():
            user.unlink()
        (message,) = caught.exception.args
        self.assertIn(expected, message)
        self.assertIn("Deactivate them instead", message)
        guard = caught.exception.context["crm_retention_guard"]
        self.assertEqual(guard["model"], "res.users")
        self.assertEqual(
            guard["buttons"],
            [
                {
                    "label": "Deactivate Instead",
                    "method": "action_archive",
                    "ids": user.ids,
                }
            ],
        )
        self.assertTrue(user.exists())

    def _new_user(self, login):
        return new_test_user(
            self.env, login=login, groups="sales_team.group_sale_salesman"
        )

    def test_user_without_history_is_deleted(self):
        user = self._new_user("rt_fresh")
        user.unlink()
        self.assertFalse(user.exists())

    def test_user_with_history_is_guarded(self):
        customer = self.env["res.partner"].create({"name": "Their Customer"})
        assigned = self._new_user("rt_assigned")
        done = self.schedule(customer, user=assigned)
        done.action_feedback()
        self.assertUserGuarded(assigned, "1 activity")
        self.assertTrue(done.exists(), "the cascade did not delete the done activity")

        creator = self._new_user("rt_creator")
        self.schedule(customer.with_user(creator), user=self.salesman)
        self.assertUserGuarded(creator, "1 activity created for others")

        owner = self._new_user("rt_owner")
        self.env["crm.lead"].create({"name": "Their deal", "user_id": owner.id})
        self.assertUserGuarded(owner, "1 opportunity")

        seller = self._new_user("rt_seller")
        customer.user_id = seller
        self.assertUserGuarded(seller, "1 customer")

        author = self._new_user("rt_author")
        customer.with_user(author).message_post(
            body="Called", message_type="comment", subtype_xmlid="mail.mt_note"
        )
        self.assertUserGuarded(author, "1 message")

    def test_deactivate_instead(self):
        user = self._new_user("rt_leaving")
        self.env["crm.lead"].create({"name": "Their deal", "user_id": user.id})
        action = self.env.ref("crm_retention.res_users_action_archive")
        action.with_context(active_model="res.users", active_ids=user.ids).run()
        self.assertFalse(user.active)
        self.assertTrue(user.exists())
