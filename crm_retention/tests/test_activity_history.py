# Copyright 2026 crm_retention contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from lxml import etree

from odoo.exceptions import AccessError
from odoo.tests import Form, users

from .common import RetentionCase


class TestActivityHistory(RetentionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer = cls.env["res.partner"].create({"name": "Historic Customer"})
        cls.lead = cls.env["crm.lead"].create(
            {
                "name": "Historic Deal",
                "type": "opportunity",
                "partner_id": cls.customer.id,
                "user_id": cls.salesman.id,
            }
        )

    def _set_keep_done(self, value):
        settings = Form(self.env["res.config.settings"])
        settings.crm_retention_keep_done = value
        settings.save().execute()

    # Keeping done activities

    def test_every_type_keeps_done_by_default(self):
        types = (
            self.env["mail.activity.type"].with_context(active_test=False).search([])
        )
        self.assertTrue(types)
        self.assertEqual(set(types.mapped("keep_done")), {True})
        new_type = self.env["mail.activity.type"].create({"name": "Site visit"})
        self.assertTrue(new_type.keep_done)

    def test_setting_off_restores_odoo_default(self):
        self._set_keep_done(False)
        types = (
            self.env["mail.activity.type"].with_context(active_test=False).search([])
        )
        self.assertEqual(set(types.mapped("keep_done")), {False})
        self.assertFalse(
            self.env["mail.activity.type"].create({"name": "Visit"}).keep_done
        )
        activity = self.schedule(self.customer)
        activity.with_user(self.salesman).action_feedback(feedback="Reached")
        self.assertFalse(
            activity.exists(), "Odoo's default: done activities are deleted"
        )

        self._set_keep_done(True)
        self.assertEqual(set(types.mapped("keep_done")), {True})

    @users("rt_salesman")
    def test_done_activity_stays_in_history(self):
        customer = self.customer.with_env(self.env)
        activity = self.schedule(customer)
        activity.action_feedback(feedback="Agreed on a demo")
        self.assertTrue(activity.exists())
        self.assertFalse(activity.active)
        self.assertEqual(activity.history_state, "done")
        self.assertEqual(activity.feedback, "Agreed on a demo")
        self.assertEqual(activity.closed_by_id, self.salesman)
        self.assertTrue(activity.date_done)
        self.assertEqual(customer.activity_history_count, 1)

        action = customer.action_view_activity_history()
        self.assertEqual(action["res_model"], "mail.activity")
        history = (
            self.env["mail.activity"]
            .with_context(**action["context"])
            .search(action["domain"])
        )
        self.assertEqual(history, activity)

    def test_history_most_recent_first(self):
        first, second = (
            self.schedule(self.lead),
            self.schedule(self.lead, summary="2nd"),
        )
        first.action_feedback()
        second.action_feedback()
        # The one created first was done last: the history follows the
        # date done, not the creation order.
        first.date_done += timedelta(days=1)
        action = self.lead.action_view_activity_history()
        view = self.env.ref("crm_retention.mail_activity_view_list_history")
        self.assertIn('default_order="date_done desc', view.arch)
        order = etree.fromstring(view.arch).get("default_order")
        history = (
            self.env["mail.activity"]
            .with_context(**action["context"])
            .search(action["domain"], order=order)
        )
        self.assertEqual(history.ids, [first.id, second.id])
        self.assertEqual(self.lead.activity_history_count, 2)

    # Cancelling and deleting

    @users("rt_salesman")
    def test_salesman_cancel_keeps_history(self):
        """The chatter's 'Cancel' calls unlink(): the activity is archived as
        cancelled, not deleted."""
        activity = self.schedule(self.customer.with_env(self.env))
        activity.unlink()
        self.assertTrue(activity.exists())
        self.assertFalse(activity.active)
        self.assertEqual(activity.history_state, "cancelled")
        self.assertEqual(activity.closed_by_id, self.salesman)

    @users("rt_salesman")
    def test_salesman_cannot_delete_history(self):
        activity = self.schedule(self.customer.with_env(self.env))
        activity.action_feedback()
        planned = self.schedule(self.customer.with_env(self.env), summary="planned")
        with self.assertRaises(AccessError), self.cr.savepoint():
            (activity | planned).unlink()
        self.assertTrue(activity.exists())
        self.assertTrue(planned.active, "a refused batch changes nothing")

    @users("rt_data_manager")
    def test_data_manager_deletes(self):
        done = self.schedule(self.customer.with_env(self.env))
        done.action_feedback()
        planned = self.schedule(self.customer.with_env(self.env))
        (done | planned).unlink()
        self.assertFalse((done | planned).exists())

    def test_deleting_the_record_deletes_its_activities(self):
        lead = self.env["crm.lead"].create({"name": "Mistake"})
        done = self.schedule(lead)
        done.action_feedback()
        planned = self.schedule(lead)
        lead.with_user(self.data_manager).unlink()
        self.assertFalse((done | planned).exists())

    # Archiving keeps activities

    @users("rt_salesman")
    def test_lost_lead_keeps_its_activities(self):
        lead = self.lead.with_env(self.env)
        activity = self.schedule(lead)
        lead.action_set_lost()
        self.assertFalse(lead.active)
        self.assertTrue(activity.exists())
        self.assertEqual(activity.history_state, "cancelled")
        lead.action_unarchive()
        self.assertTrue(activity.exists(), "restoring the lead does not lose it")

    def test_won_lead_keeps_its_activities(self):
        activity = self.schedule(self.lead)
        self.lead.with_user(self.salesman).action_set_won()
        self.assertTrue(activity.exists())
        self.assertTrue(activity.active)

    def test_archived_contact_keeps_its_activities(self):
        by_action = self.schedule(self.customer)
        self.customer.action_archive()
        other = self.env["res.partner"].create({"name": "Written inactive"})
        by_write = self.schedule(other)
        other.write({"active": False})
        for activity in by_action | by_write:
            self.assertTrue(activity.exists())
            self.assertEqual(activity.history_state, "cancelled")

    def test_archived_user_keeps_planned_activities(self):
        activity = self.schedule(self.customer, user=self.salesman)
        self.salesman.action_archive()
        self.assertFalse(self.salesman.active)
        self.assertTrue(activity.exists())
        self.assertTrue(activity.active, "still planned, to be handed over")
        self.assertEqual(activity.user_id, self.salesman)

    # Odoo's merges keep done activities

    def test_lead_merge_keeps_done_activities(self):
        other = self.env["crm.lead"].create(
            {
                "name": "Duplicate Deal",
                "type": "opportunity",
                "partner_id": self.customer.id,
            }
        )
        done = self.schedule(other)
        done.action_feedback()
        planned = self.schedule(other)
        merged = (self.lead | other).with_user(self.sales_admin).merge_opportunity()
        self.assertTrue((done | planned).exists())
        self.assertEqual(set((done | planned).mapped("res_id")), {merged.id})

    def test_partner_merge_keeps_done_activities(self):
        duplicate = self.env["res.partner"].create({"name": "Historic Customer (dup)"})
        done = self.schedule(duplicate)
        done.action_feedback()
        planned = self.schedule(duplicate)
        wizard = (
            self.env["base.partner.merge.automatic.wizard"]
            .with_user(self.env.ref("base.user_admin"))
            .create({})
        )
        wizard._merge((self.customer | duplicate).ids, self.customer)
        self.assertFalse(duplicate.exists())
        self.assertTrue((done | planned).exists())
        self.assertEqual(set((done | planned).mapped("res_id")), {self.customer.id})


class TestActivityHistoryScope(RetentionCase):
    """Activity history is kept on CRM documents and on the models an admin
    adds; elsewhere Odoo's behaviour is unchanged. mail.test.activity
    (test_mail, installed with the tests) stands for another app."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.document = cls.env["mail.test.activity"].create({"name": "Other app"})
        cls.customer = cls.env["res.partner"].create({"name": "CRM Customer"})

    def _set_history_models(self, names):
        settings = Form(self.env["res.config.settings"])
        settings.crm_retention_history_model_ids.clear()
        for model in self.env["ir.model"].search([("model", "in", names)]):
            settings.crm_retention_history_model_ids.add(model)
        settings.save().execute()

    @users("rt_salesman")
    def test_elsewhere_delete_deletes(self):
        document = self.document.with_env(self.env)
        planned = self.schedule(document)
        done = self.schedule(document)
        done.action_feedback()
        self.assertFalse(done.active, "keep_done stays a global setting")
        (planned | done).unlink()
        self.assertFalse((planned | done).exists())
        self.assertFalse(
            self.env["crm.retention.deletion.log"]
            .sudo()
            .search([("res_model", "=", "mail.activity"), ("res_id", "=", planned.id)])
        )

    def test_elsewhere_archive_deletes_planned(self):
        planned = self.schedule(self.document)
        crm_planned = self.schedule(self.customer)
        self.document.with_user(self.salesman).action_archive()
        self.assertFalse(planned.exists(), "Odoo's default")
        other = self.env["mail.test.activity"].create({"name": "Written"})
        by_write = self.schedule(other)
        other.write({"active": False})
        self.assertFalse(by_write.exists())
        self.assertTrue(crm_planned.active)

    def test_archived_user_loses_planned_activities_elsewhere(self):
        elsewhere = self.schedule(self.document, user=self.salesman)
        crm = self.schedule(self.customer, user=self.salesman)
        self.salesman.action_archive()
        self.assertFalse(elsewhere.exists(), "Odoo's default")
        self.assertTrue(crm.active, "kept, to be handed over")

    def test_mixed_batch(self):
        elsewhere = self.schedule(self.document)
        crm = self.schedule(self.customer)
        (elsewhere | crm).with_user(self.salesman).unlink()
        self.assertFalse(elsewhere.exists())
        self.assertEqual(crm.history_state, "cancelled")

    def test_admin_adds_a_model(self):
        choosable = set(
            self.env["res.config.settings"]._crm_retention_activity_models()
        )
        self.assertIn("mail.test.activity", choosable)
        self.assertFalse({"res.partner", "crm.lead", "mail.activity.mixin"} & choosable)
        self._set_history_models(["mail.test.activity"])
        self.assertEqual(
            self.env["ir.config_parameter"].get_param("crm_retention.history_models"),
            "mail.test.activity",
        )
        document = self.document.with_user(self.salesman)
        deleted = self.schedule(document)
        deleted.unlink()
        self.assertEqual(deleted.history_state, "cancelled")
        done = self.schedule(document)
        done.action_feedback()
        with self.assertRaises(AccessError), self.cr.savepoint():
            done.with_user(self.salesman).unlink()
        archived = self.schedule(document)
        document.action_archive()
        self.assertEqual(archived.history_state, "cancelled")
        self.assertEqual(
            Form(self.env["res.config.settings"]).crm_retention_history_model_ids.ids,
            self.env["ir.model"]._get("mail.test.activity").ids,
        )

        self._set_history_models([])
        self.assertFalse(
            self.env["ir.config_parameter"].get_param("crm_retention.history_models")
        )
        again = self.schedule(self.document)
        again.with_user(self.salesman).unlink()
        self.assertFalse(again.exists())
