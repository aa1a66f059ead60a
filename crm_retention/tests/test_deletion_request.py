# Copyright 2026 crm_retention contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import gc
from unittest.mock import patch

from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, new_test_user, tagged
from odoo.tools.safe_eval import safe_eval

from odoo.addons.crm_retention.models.history_guard import HistoryGuardError

from .common import RetentionCase


@tagged("post_install", "-at_install")
class TestDeletionRequest(RetentionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Request = cls.env["crm.retention.deletion.request"]
        cls.Log = cls.env["crm.retention.deletion.log"]
        cls.other_salesman = new_test_user(
            cls.env,
            login="rt_dr_other",
            name="Otto Other",
            groups="sales_team.group_sale_salesman",
        )
        cls.partner = cls.env["res.partner"].create({"name": "Typo Contakt"})

    def request_with_wizard(self, records, reason, user=None):
        user = user or self.salesman
        wizard = Form(
            self.env["crm.retention.request.deletion"]
            .with_user(user)
            .with_context(active_model=records._name, active_ids=records.ids)
        )
        wizard.reason = reason
        wizard.save().action_request()
        return self.Request.search(
            [("res_model", "=", records._name), ("res_id", "in", records.ids)]
        )

    def test_request_approve_restore(self):
        """The request → approve → restore path: the contact goes to the bin
        with the reason of the request and comes back with its id."""
        request = self.request_with_wizard(self.partner, "Typed by mistake")
        self.assertEqual(request.state, "requested")
        self.assertEqual(request.requester_id, self.salesman)
        self.assertEqual(request.reason, "Typed by mistake")
        self.assertFalse(request.history_note)
        self.assertTrue(self.partner.with_user(self.salesman).deletion_requested)
        # A Data Manager is told: a to-do on the request.
        self.assertEqual(len(request.activity_ids), 1)
        request.with_user(self.data_manager).action_approve()
        self.assertEqual(request.state, "approved")
        self.assertEqual(request.decided_user_id, self.data_manager)
        self.assertFalse(request.activity_ids)
        self.assertFalse(self.partner.exists())
        entry = self.Log.search(
            [("res_model", "=", "res.partner"), ("res_id", "=", self.partner.id)]
        )
        self.assertEqual(entry.reason, "Request: Typed by mistake")
        self.assertEqual(entry.create_uid, self.data_manager)
        entry.with_user(self.data_manager).action_restore()
        self.env.invalidate_all()
        self.assertEqual(self.partner.exists().name, "Typo Contakt")
        # The requester is told.
        self.assertIn(
            "approved",
            self.env["mail.message"]
            .search([("partner_ids", "in", self.salesman.partner_id.ids)], limit=1)
            .body,
        )

    def test_request_over_rpc(self):
        """The public method on the records: reason 'Not given' without one;
        asking twice gives the open request back."""
        lead = self.env["crm.lead"].create(
            {"name": "Duplicate lead", "user_id": self.salesman.id}
        )
        requests = lead.with_user(self.salesman).action_request_deletion()
        self.assertEqual(requests.reason, "Not given")
        self.assertEqual(requests.res_model, "crm.lead")
        again = lead.with_user(self.salesman).action_request_deletion("Other")
        self.assertEqual(again, requests)
        activity = self.schedule(self.partner)
        activity_request = activity.with_user(self.salesman).action_request_deletion(
            "Wrong contact"
        )
        self.assertEqual(activity_request.res_id, activity.id)

    def test_marks_and_filter(self):
        other = self.env["res.partner"].create({"name": "Kept Contact"})
        self.partner.with_user(self.salesman).action_request_deletion("Duplicate")
        Partner = self.env["res.partner"].with_user(self.other_salesman)
        found = Partner.search([("deletion_requested", "=", True)])
        self.assertIn(self.partner, found)
        self.assertNotIn(other, found)
        self.assertIn(other, Partner.search([("deletion_requested", "=", False)]))
        self.assertNotIn(
            self.partner, Partner.search([("deletion_requested", "!=", True)])
        )
        self.assertFalse(other.with_user(self.other_salesman).deletion_requested)

    def test_marks_of_leads_and_activities(self):
        lead = self.env["crm.lead"].create(
            {"name": "Marked lead", "user_id": self.salesman.id}
        )
        activity = self.schedule(self.partner)
        lead.with_user(self.salesman).action_request_deletion("Dup")
        activity.with_user(self.salesman).action_request_deletion("Dup")
        Lead = self.env["crm.lead"].with_user(self.salesman)
        self.assertEqual(Lead.search([("deletion_requested", "=", True)]), lead)
        Activity = self.env["mail.activity"].with_user(self.salesman)
        self.assertEqual(Activity.search([("deletion_requested", "=", True)]), activity)
        self.assertTrue(activity.with_user(self.salesman).deletion_requested)

    def test_history_tells_the_alternatives(self):
        """A contact with history: the wizard says at once what the Data
        Manager will be offered; approving gives the guard's error."""
        self.env["crm.lead"].create({"name": "Old deal", "partner_id": self.partner.id})
        wizard = (
            self.env["crm.retention.request.deletion"]
            .with_user(self.salesman)
            .with_context(active_model="res.partner", active_ids=self.partner.ids)
            .create({})
        )
        self.assertIn("Mark as Former", wizard.history_warning)
        self.assertIn("Move History", wizard.history_warning)
        self.assertIn("Erase Personal Data", wizard.history_warning)
        wizard.action_request()
        request = self.Request.search([("res_id", "=", self.partner.id)])
        self.assertIn("Mark as Former", request.history_note)
        with self.assertRaises(HistoryGuardError):
            request.with_user(self.data_manager).action_approve()

    def test_reject_with_reply(self):
        request = self.partner.with_user(self.salesman).action_request_deletion(
            "Duplicate"
        )
        action = request.with_user(self.data_manager).action_reject()
        wizard = (
            self.env["crm.retention.deletion.reject"]
            .with_user(self.data_manager)
            .with_context(**action["context"])
            .create({"reply": "Still our customer"})
        )
        wizard.action_reject()
        self.assertEqual(request.state, "rejected")
        self.assertEqual(request.reply, "Still our customer")
        self.assertTrue(self.partner.exists())
        self.assertFalse(self.partner.deletion_requested)
        message = self.env["mail.message"].search(
            [("partner_ids", "in", self.salesman.partner_id.ids)], limit=1
        )
        self.assertIn("Still our customer", message.body)
        self.assertTrue(
            message.notification_ids.filtered(
                lambda n: n.res_partner_id == self.salesman.partner_id
            )
        )
        with self.assertRaises(UserError):
            request.with_user(self.data_manager)._reject("Again")

    def test_cancelled_on_owner_change(self):
        lead = self.env["crm.lead"].create(
            {"name": "Lead to hand over", "user_id": self.salesman.id}
        )
        request = lead.with_user(self.salesman).action_request_deletion("Dup")
        lead.write({"name": "Renamed"})
        self.assertEqual(request.state, "requested")
        lead.write({"user_id": self.other_salesman.id})
        self.assertEqual(request.state, "cancelled")
        self.assertFalse(request.activity_ids)
        self.assertFalse(lead.deletion_requested)

    def test_cancelled_on_deletion_otherwise(self):
        partner_request = self.partner.with_user(
            self.salesman
        ).action_request_deletion()
        activity = self.schedule(self.env["res.partner"].create({"name": "Act doc"}))
        activity_request = activity.with_user(self.salesman).action_request_deletion()
        self.partner.with_user(self.data_manager).unlink()
        self.assertEqual(partner_request.state, "cancelled")
        activity.with_user(self.data_manager).unlink()
        self.assertEqual(activity_request.state, "cancelled")

    def test_access(self):
        """A salesperson cannot decide, sees only their own requests."""
        request = self.partner.with_user(self.salesman).action_request_deletion()
        other = self.env["res.partner"].create({"name": "Other's typo"})
        others = other.with_user(self.other_salesman).action_request_deletion()
        Request = self.Request.with_user(self.salesman)
        self.assertEqual(Request.search([]), request)
        with self.assertRaises(AccessError):
            others.with_user(self.salesman).read(["reason"])
        with self.assertRaisesRegex(AccessError, "Only Data Managers"):
            request.with_user(self.salesman).action_approve()
        with self.assertRaises(AccessError):
            request.with_user(self.salesman).write({"state": "approved"})
        with self.assertRaises(AccessError):
            self.Request.with_user(self.salesman).create(
                {"res_model": "res.partner", "res_id": other.id}
            )
        self.assertTrue(self.partner.exists())
        self.assertEqual(
            self.Request.with_user(self.data_manager).search(
                [("id", "in", (request | others).ids)]
            ),
            request | others,
        )
        # Their own requests in CRM > Sales; the Data Managers' list is not
        # in their menu.
        menu = self.env.ref("crm_retention.crm_retention_deletion_request_mine_menu")
        visible = self.env["ir.ui.menu"].with_user(self.salesman)._visible_menu_ids()
        self.assertIn(menu.id, visible)
        self.assertNotIn(
            self.env.ref("crm_retention.crm_retention_deletion_request_menu").id,
            visible,
        )
        action = menu.action
        self.assertEqual(
            Request.search(safe_eval(action.domain, {"uid": self.salesman.id})),
            request,
        )

    def test_request_needs_read_access(self):
        """A lead the salesperson cannot read cannot be requested."""
        lead = self.env["crm.lead"].create(
            {"name": "Not mine", "user_id": self.other_salesman.id}
        )
        with self.assertRaises(AccessError):
            lead.with_user(self.salesman).action_request_deletion()

    def test_delete_with_reason(self):
        """'Delete with Reason…' of Data Managers: the reason goes to the bin;
        salespeople are refused."""
        action = (
            self.env["crm.retention.delete"]
            .with_user(self.salesman)
            .with_context(active_model="res.partner", active_ids=self.partner.ids)
        )
        with self.assertRaises(AccessError):
            action.create({"reason": "No"}).action_delete()
        wizard = (
            self.env["crm.retention.delete"]
            .with_user(self.data_manager)
            .with_context(active_model="res.partner", active_ids=self.partner.ids)
            .create({"reason": "Duplicate of Typo Contact"})
        )
        wizard.action_delete()
        entry = self.Log.search(
            [("res_model", "=", "res.partner"), ("res_id", "=", self.partner.id)]
        )
        self.assertEqual(entry.reason, "Duplicate of Typo Contact")

    def measure(self, count):
        partners = self.env["res.partner"].create(
            [{"name": f"Bulk {count} {index}"} for index in range(count)]
        )
        self.env.flush_all()
        self.env.invalidate_all()
        gc.collect()
        before = self.env.cr.sql_log_count
        requests = partners.with_user(self.salesman).action_request_deletion("Bulk")
        requests.with_user(self.data_manager).action_approve()
        self.env.flush_all()
        self.assertFalse(partners.exists())
        return self.env.cr.sql_log_count - before

    def test_query_count_does_not_grow(self):
        with (
            patch("odoo.models.INSERT_BATCH_SIZE", 1000),
            patch("odoo.models.UPDATE_BATCH_SIZE", 1000),
        ):
            self.measure(3)
            small = self.measure(10)
            large = self.measure(30)
        self.assertEqual(small, large)
