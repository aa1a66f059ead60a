# Copyright 2026 crm_retention contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form

from .common import RetentionCase


class TestMoveHistory(RetentionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        cls.duplicate = Partner.create({"name": "Acme (duplicate)"})
        cls.kept = Partner.create({"name": "Acme"})
        cls.planned = cls.schedule(cls.duplicate)
        cls.done = cls.schedule(cls.duplicate, summary="Done call")
        cls.done.action_feedback()
        cls.lead = cls.env["crm.lead"].create(
            {"name": "Acme deal", "partner_id": cls.duplicate.id}
        )
        cls.note = cls.duplicate.message_post(
            body="Prefers email", message_type="comment", subtype_xmlid="mail.mt_note"
        )

    def _wizard(self, user=None, **values):
        Wizard = self.env["crm.retention.move.history"].with_user(
            user or self.data_manager
        )
        wizard_form = Form(
            Wizard.with_context(default_source_partner_id=self.duplicate.id)
        )
        for name, value in values.items():
            setattr(wizard_form, name, value)
        return wizard_form.save()

    def test_move_everything_then_delete_the_duplicate(self):
        wizard = self._wizard(target_partner_id=self.kept)
        self.assertEqual(
            (wizard.activity_count, wizard.lead_count, wizard.message_count), (2, 1, 1)
        )
        action = wizard.action_move()
        self.assertEqual(action["res_id"], self.kept.id)
        self.assertEqual(
            set((self.planned | self.done).mapped("res_id")), {self.kept.id}
        )
        self.assertEqual(self.lead.partner_id, self.kept)
        self.assertEqual(self.note.res_id, self.kept.id)
        self.assertFalse(self.done.active, "done stays done")
        self.assertEqual(self.kept.activity_history_count, 1)
        # Nothing left: the duplicate can go.
        self.duplicate.with_user(self.data_manager).unlink()
        self.assertFalse(self.duplicate.exists())

    def test_files_and_followers_follow_the_history(self):
        """The files of the moved messages (and of the contact) and the
        followers go to the kept contact, as Odoo's partner merge does:
        deleting the duplicate afterwards deletes none of them."""
        attachment = self.env["ir.attachment"].create(
            {
                "name": "contract.txt",
                "raw": b"signed contract",
                "res_model": "res.partner",
                "res_id": self.duplicate.id,
            }
        )
        self.duplicate.message_post(
            body="The contract", message_type="comment", attachment_ids=attachment.ids
        )
        follower = self.env["res.partner"].create({"name": "Account Watcher"})
        self.duplicate.message_subscribe(partner_ids=follower.ids)
        self._wizard(target_partner_id=self.kept).action_move()
        self.duplicate.with_user(self.data_manager).unlink()
        self.assertTrue(attachment.exists())
        self.assertEqual(
            (attachment.res_model, attachment.res_id), ("res.partner", self.kept.id)
        )
        self.assertEqual(
            attachment.with_user(self.data_manager).raw, b"signed contract"
        )
        self.assertIn(follower, self.kept.message_partner_ids)

    def test_move_activities_only(self):
        self._wizard(target_partner_id=self.kept, move_leads=False, move_messages=False)
        wizard = (
            self.env["crm.retention.move.history"]
            .with_user(self.data_manager)
            .search([], order="id desc", limit=1)
        )
        wizard.action_move()
        self.assertEqual(self.planned.res_id, self.kept.id)
        self.assertEqual(self.lead.partner_id, self.duplicate)
        self.assertEqual(self.note.res_id, self.duplicate.id)

    def assertNothingMoved(self):
        self.assertEqual(
            set((self.planned | self.done).mapped("res_id")), {self.duplicate.id}
        )
        self.assertEqual(self.lead.partner_id, self.duplicate)
        self.assertEqual(self.note.res_id, self.duplicate.id)

    def test_bad_targets(self):
        archived = self.env["res.partner"].create({"name": "Old Acme", "active": False})
        company_b = self.env["res.company"].create({"name": "Other Company"})
        foreign = self.env["res.partner"].create(
            {"name": "Acme B", "company_id": company_b.id}
        )
        self.duplicate.company_id = self.env.company
        self.data_manager.company_ids |= company_b
        for target, error in (
            (self.duplicate, "Choose another relation"),
            (archived, "is archived"),
            (foreign, "choose a relation of the same company"),
        ):
            wizard = (
                self.env["crm.retention.move.history"]
                .with_user(self.data_manager)
                .create(
                    {
                        "source_partner_id": self.duplicate.id,
                        "target_partner_id": target.id,
                    }
                )
            )
            with self.assertRaisesRegex(UserError, error):
                wizard.action_move()
            self.assertNothingMoved()

    def test_only_data_managers_move_history(self):
        with self.assertRaises(AccessError):
            self.env["crm.retention.move.history"].with_user(self.salesman_all).create(
                {
                    "source_partner_id": self.duplicate.id,
                    "target_partner_id": self.kept.id,
                }
            )
        self.assertNothingMoved()
