# Copyright 2026 crm_retention contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import gc
import io
from datetime import date, timedelta
from unittest.mock import patch

from PIL import Image

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import RetentionCase


def png(color):
    buffer = io.BytesIO()
    Image.new("RGB", (16, 16), color).save(buffer, format="PNG")
    return base64.b64encode(buffer.getvalue())


@tagged("post_install", "-at_install")
class TestRecycleBin(RetentionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Log = cls.env["crm.retention.deletion.log"]
        cls.tag_a, cls.tag_b = cls.env["crm.tag"].create(
            [{"name": "RB tag A"}, {"name": "RB tag B"}]
        )
        cls.category = cls.env["res.partner.category"].create({"name": "RB category"})
        cls.country = cls.env.ref("base.be")
        cls.title = cls.env["res.partner.title"].create({"name": "RB Dr."})

    def entry(self, record):
        return self.Log.search(
            [("res_model", "=", record._name), ("res_id", "in", record.ids)]
        )

    def delete(self, records, user=None, **context):
        """Delete records as the Data Manager; return their log entries."""
        model, ids = records._name, records.ids
        records.with_user(user or self.data_manager).with_context(**context).unlink()
        self.env.invalidate_all()
        self.assertFalse(self.env[model].browse(ids).exists())
        return self.Log.search([("res_model", "=", model), ("res_id", "in", ids)])

    def restore(self, entries, user=None):
        entries.with_user(user or self.data_manager).action_restore()
        self.env.invalidate_all()

    # ------------------------------------------------------------------
    # Round trips
    # ------------------------------------------------------------------

    def test_contact_round_trip(self):
        """Every stored field type of a contact comes back, with its id:
        char, html, selection, many2one, many2many, binary image, date."""
        image = png("red")
        partner = self.env["res.partner"].create(
            {
                "name": "Rita Recycle",
                "comment": "<p>Met at the <b>fair</b></p>",
                "type": "invoice",
                "country_id": self.country.id,
                "title": self.title.id,
                "category_id": [Command.set(self.category.ids)],
                "image_1920": image,
                "email": "rita@recycle.example",
            }
        )
        before = partner.read(
            ["name", "comment", "type", "country_id", "title", "category_id"]
        )
        entry = self.delete(partner, crm_retention_deletion_reason="Duplicate")
        self.assertRecordValues(
            entry, [{"state": "deleted", "reason": "Duplicate", "name": "Rita Recycle"}]
        )
        self.assertTrue(entry.snapshot)
        # The snapshot leaves the empty columns out; they come back empty.
        row = entry.snapshot["rows"][0][1]
        self.assertEqual(row["email"], "rita@recycle.example")
        self.assertNotIn("phone", row)
        self.restore(entry)
        partner = self.env["res.partner"].browse(before[0]["id"])
        self.assertTrue(partner.exists())
        self.assertFalse(partner.phone)
        self.assertEqual(
            partner.read(
                ["name", "comment", "type", "country_id", "title", "category_id"]
            ),
            before,
        )
        self.assertEqual(partner.image_1920, image)
        self.assertTrue(partner.image_128)
        self.assertEqual(partner.email, "rita@recycle.example")
        self.assertRecordValues(
            entry,
            [
                {
                    "state": "restored",
                    "snapshot": False,
                    "restored_user_id": self.data_manager.id,
                }
            ],
        )
        # The partner works as before: searchable, editable.
        self.assertIn(
            partner, self.env["res.partner"].search([("name", "=", "Rita Recycle")])
        )
        partner.name = "Rita Restored"
        self.assertEqual(partner.display_name, "Rita Restored")

    def test_reason_over_rpc_not_given(self):
        partner = self.env["res.partner"].create({"name": "No reason"})
        self.assertEqual(self.delete(partner).reason, "Not given")

    def test_lead_round_trip_with_dependents(self):
        """A lead comes back with its id, every field type (char, html,
        selection, many2one, many2many, monetary, date), its activities,
        messages with their attachments, and followers."""
        customer = self.env["res.partner"].create({"name": "RB Customer"})
        follower = self.env["res.partner"].create({"name": "RB Follower"})
        lead = self.env["crm.lead"].create(
            {
                "name": "RB Deal",
                "type": "opportunity",
                "description": "<p>Big <i>deal</i></p>",
                "priority": "2",
                "partner_id": customer.id,
                "user_id": self.salesman.id,
                "tag_ids": [Command.set((self.tag_a | self.tag_b).ids)],
                "expected_revenue": 12345.67,
                "date_deadline": date(2025, 1, 31),
            }
        )
        activity = self.schedule(lead)
        done = self.schedule(lead, summary="Done one")
        done.action_feedback(feedback="Went well")
        attachment = self.env["ir.attachment"].create(
            {
                "name": "offer.txt",
                "raw": b"the offer",
                "res_model": "crm.lead",
                "res_id": lead.id,
            }
        )
        message = lead.message_post(
            body="Sent the offer", attachment_ids=attachment.ids, message_type="comment"
        )
        lead.message_subscribe(partner_ids=follower.ids)
        fnames = [
            "name",
            "type",
            "description",
            "priority",
            "partner_id",
            "user_id",
            "tag_ids",
            "expected_revenue",
            "date_deadline",
            "stage_id",
            "team_id",
        ]
        before = lead.read(fnames)
        activities = self.all_activities(lead)
        self.assertEqual(len(activities), 2)
        followers = lead.message_follower_ids
        entry = self.delete(lead)
        self.assertFalse(activities.exists())
        self.assertFalse(message.exists())
        self.restore(entry)
        self.assertEqual(lead.exists().read(fnames), before)
        self.assertEqual(self.all_activities(lead), activities)
        self.assertRecordValues(
            activity | done,
            [
                {"active": True, "summary": "Call back", "feedback": False},
                {"active": False, "summary": "Done one", "feedback": "Went well"},
            ],
        )
        self.assertTrue(message.exists())
        self.assertEqual(message.attachment_ids, attachment)
        self.assertEqual(attachment.raw, b"the offer")
        self.assertRecordValues(
            attachment, [{"res_model": "crm.lead", "res_id": lead.id}]
        )
        self.assertEqual(lead.message_follower_ids, followers)
        self.assertIn(follower, lead.message_partner_ids)
        self.assertEqual(lead.activity_history_count, 1)

    def test_activity_round_trip(self):
        lead = self.env["crm.lead"].create({"name": "RB activity lead"})
        activity = self.schedule(lead, summary="Wrong one")
        entry = self.delete(activity)
        self.assertEqual(entry.res_model, "mail.activity")
        self.restore(entry)
        self.assertEqual(lead.activity_ids, activity)
        self.assertEqual(activity.summary, "Wrong one")

    def test_assignment_and_definition_round_trip(self):
        partner = self.env["res.partner"].create({"name": "RB Trait holder"})
        trait = self.env["crm.retention.trait"].create(
            {"name": "RB trait", "code": "rb_trait"}
        )
        assignment = self.env["crm.retention.trait.assignment"].create(
            {"partner_id": partner.id, "trait_id": trait.id, "note": "By phone"}
        )
        entry = self.delete(assignment)
        self.assertFalse(partner.crm_retention_trait_ids)
        self.restore(entry)
        self.assertEqual(partner.crm_retention_trait_ids, trait)
        self.assertEqual(assignment.note, "By phone")
        # With the partner: the assignment is deleted (and comes back) with it.
        entry = self.delete(partner)
        self.assertFalse(assignment.exists())
        self.restore(entry)
        self.assertEqual(partner.crm_retention_trait_assignment_ids, assignment)
        # An unused definition.
        other = self.env["crm.retention.dossier.action"].create(
            {"name": "RB action", "code": "rb_action"}
        )
        entry = self.delete(other)
        self.restore(entry)
        self.assertEqual(other.name, "RB action")

    def test_entries_named_as_odoo_names_the_records(self):
        """Contacts by their full name, leads by their name, activities by
        their summary (read from the row, or computed where it is not)."""
        company = self.env["res.partner"].create({"name": "RB Naming Co"})
        person = self.env["res.partner"].create(
            {"name": "RB Named", "parent_id": company.id}
        )
        lead = self.env["crm.lead"].create({"name": "RB Named deal"})
        activity = self.schedule(lead, summary="RB Named call")
        names = {self.delete(records).name for records in (activity, lead, person)}
        self.assertEqual(
            names, {"RB Naming Co, RB Named", "RB Named deal", "RB Named call"}
        )

    # ------------------------------------------------------------------
    # References, missing links, order
    # ------------------------------------------------------------------

    def test_company_contacts_get_their_company_back(self):
        """Deleting a company empties the company of its contacts (Odoo's
        'set null'); the restore sets it back, and what Odoo computes from
        it (the commercial entity)."""
        company = self.env["res.partner"].create({"name": "RB Co", "is_company": True})
        contact = self.env["res.partner"].create(
            {"name": "RB Person", "parent_id": company.id}
        )
        self.assertEqual(contact.commercial_partner_id, company)
        entry = self.delete(company)
        self.assertFalse(contact.parent_id)
        self.assertEqual(contact.commercial_partner_id, contact)
        self.restore(entry)
        self.assertEqual(contact.parent_id, company)
        self.assertEqual(contact.commercial_partner_id, company)

    def test_reference_set_again_is_kept(self):
        """A reference someone set again since the deletion is not
        overwritten."""
        company = self.env["res.partner"].create(
            {"name": "RB Co 2", "is_company": True}
        )
        other = self.env["res.partner"].create({"name": "RB Co 3", "is_company": True})
        contact = self.env["res.partner"].create(
            {"name": "RB Person 2", "parent_id": company.id}
        )
        entry = self.delete(company)
        contact.parent_id = other
        self.restore(entry)
        self.assertEqual(contact.parent_id, other)

    def test_restore_when_linked_records_are_gone(self):
        """Links to records deleted since are left empty and listed in the
        chatter of the restored record."""
        source = self.env["utm.source"].create({"name": "RB source"})
        lead = self.env["crm.lead"].create(
            {
                "name": "RB lost links",
                "source_id": source.id,
                "tag_ids": [Command.set((self.tag_a | self.tag_b).ids)],
            }
        )
        # Restored in the same batch, first: it loses nothing.
        intact = self.env["crm.lead"].create(
            {"name": "RB intact", "tag_ids": [Command.set(self.tag_a.ids)]}
        )
        entries = self.delete(intact) | self.delete(lead)
        source.unlink()
        self.tag_b.unlink()
        self.restore(entries)
        self.assertTrue(lead.exists())
        self.assertFalse(lead.source_id)
        self.assertEqual(lead.tag_ids, self.tag_a)
        note = lead.message_ids[:1]
        self.assertIn("Not relinked", note.body)
        self.assertIn("Source", note.body)
        self.assertIn(
            "<li>1 link to a record that no longer exists (CRM Tag)</li>", note.body
        )
        self.assertEqual(intact.tag_ids, self.tag_a)
        self.assertFalse(
            intact.message_ids.filtered(lambda m: "Not relinked" in (m.body or ""))
        )

    def test_contact_with_its_company_restores_the_company_first(self):
        company = self.env["res.partner"].create(
            {"name": "RB Co 4", "is_company": True}
        )
        contact = self.env["res.partner"].create(
            {"name": "RB Person 4", "parent_id": company.id}
        )
        entries = self.delete(company | contact)
        self.assertEqual(len(entries), 2)
        self.restore(self.entry(contact))
        self.assertTrue(company.exists())
        self.assertEqual(contact.parent_id, company)
        self.assertEqual(contact.commercial_partner_id, company)
        self.assertEqual(set(entries.mapped("state")), {"restored"})

    def test_activity_of_a_deleted_lead_brings_the_lead_back(self):
        lead = self.env["crm.lead"].create({"name": "RB lead of activity"})
        activity = self.schedule(lead)
        activity_entry = self.delete(activity)
        lead_entry = self.delete(lead)
        self.restore(activity_entry)
        self.assertEqual(lead.exists().activity_ids, activity)
        self.assertEqual(lead_entry.state, "restored")

    def test_many_entries_at_once_in_dependency_order(self):
        """The list action restores many entries in one go, whatever their
        order in the list: the companies before their contacts, the
        customers before their leads."""
        company = self.env["res.partner"].create(
            {"name": "RB Co 5", "is_company": True}
        )
        contact = self.env["res.partner"].create(
            {"name": "RB Person 5", "parent_id": company.id}
        )
        lead = self.env["crm.lead"].create({"name": "RB lead 5"})
        lead_entry = self.delete(lead)
        # The lead's customer is deleted after the lead (no history then).
        contact_entry = self.delete(contact)
        company_entry = self.delete(company)
        entries = contact_entry | lead_entry | company_entry
        action = self.env.ref("crm_retention.crm_retention_deletion_log_action_restore")
        action.with_user(self.data_manager).with_context(
            active_model=self.Log._name, active_ids=entries.ids
        ).run()
        self.env.invalidate_all()
        self.assertEqual(len((company | contact).exists()), 2)
        self.assertTrue(lead.exists())
        self.assertEqual(contact.parent_id, company)

    # ------------------------------------------------------------------
    # Refusals
    # ------------------------------------------------------------------

    def test_restore_twice_refused(self):
        partner = self.env["res.partner"].create({"name": "RB twice"})
        entry = self.delete(partner)
        self.restore(entry)
        with self.assertRaisesRegex(UserError, "Already restored"):
            self.restore(entry)

    def test_erased_entry_refused_and_without_data(self):
        partner = self.env["res.partner"].create(
            {"name": "RB Erased", "image_1920": png("blue")}
        )
        entry = self.delete(partner)
        attachments = self.env["ir.attachment"].search(entry._attachments_domain())
        self.assertTrue(attachments)
        self.Log._erase_deleted("res.partner", partner.ids)
        self.assertRecordValues(
            entry, [{"is_erased": True, "snapshot": False, "name": "Erased on request"}]
        )
        self.assertFalse(attachments.exists())
        with self.assertRaisesRegex(UserError, "Erased"):
            self.restore(entry)
        self.assertFalse(partner.exists())

    def test_erasure_empties_snapshots_naming_the_person(self):
        """A deleted lead on which the person wrote keeps their email in its
        snapshot: erasing the person empties it too."""
        person = self.env["res.partner"].create(
            {"name": "Quentin Xyloby", "email": "quentin.xyloby@rb.example"}
        )
        lead = self.env["crm.lead"].create({"name": "RB other deal"})
        lead.message_post(
            body="Please call me", author_id=person.id, message_type="comment"
        )
        entry = self.delete(lead)
        self.assertIn("quentin.xyloby@rb.example", str(entry.snapshot))
        # The person's own history (the message) keeps the contact.
        person.message_post(body="Asked to be forgotten", message_type="comment")
        self.env["crm.retention.erasure"]._erase(person.with_user(self.data_manager))
        self.assertRecordValues(entry, [{"is_erased": True, "snapshot": False}])

    def test_required_link_gone_refused(self):
        """An assignment whose trait is gone cannot come back: nothing is
        restored, the error says why."""
        partner = self.env["res.partner"].create({"name": "RB holder 2"})
        trait = self.env["crm.retention.trait"].create(
            {"name": "RB trait 2", "code": "rb_trait_2"}
        )
        assignment = self.env["crm.retention.trait.assignment"].create(
            {"partner_id": partner.id, "trait_id": trait.id}
        )
        assignment_entry = self.delete(assignment)
        trait_entry = self.delete(trait)
        trait_entry.sudo().write({"state": "purged", "snapshot": False})
        with self.assertRaisesRegex(UserError, "RB trait 2|no longer exists"):
            self.restore(assignment_entry)
        self.assertEqual(assignment_entry.state, "deleted")
        self.assertFalse(assignment.exists())

    def test_one_transaction(self):
        """Any error: nothing is restored, not even the entries before it."""
        ok = self.env["res.partner"].create({"name": "RB ok"})
        bad = self.env["res.partner"].create({"name": "RB bad"})
        entries = self.delete(ok | bad)
        self.restore(self.entry(bad))
        with self.assertRaises(UserError):
            self.restore(entries)
        self.assertFalse(ok.exists())
        self.assertEqual(self.entry(ok).state, "deleted")

    # ------------------------------------------------------------------
    # Access
    # ------------------------------------------------------------------

    def test_only_data_managers(self):
        partner = self.env["res.partner"].create({"name": "RB access"})
        entry = self.delete(partner)
        for user in (self.salesman, self.sales_admin):
            with self.assertRaisesRegex(AccessError, "Only Data Managers"):
                entry.with_user(user).action_restore()
            with self.assertRaises(AccessError):
                self.Log.with_user(user).search([])
        self.assertFalse(partner.exists())
        menu = self.env.ref("crm_retention.crm_retention_deletion_log_menu")
        self.assertNotIn(self.salesman.groups_id, menu.groups_id)
        self.assertEqual(menu.name, "Recycle Bin")

    # ------------------------------------------------------------------
    # Retention
    # ------------------------------------------------------------------

    def test_purge(self):
        """The scheduled action purges the entries older than the setting,
        in batches: their snapshot and files go, a one-line trace stays."""
        self.env["res.config.settings"].create(
            {"crm_retention_recycle_days": 10}
        ).execute()
        partners = self.env["res.partner"].create(
            [{"name": f"RB old {i}", "image_1920": png("green")} for i in range(3)]
        )
        recent = self.env["res.partner"].create({"name": "RB recent"})
        old_entries = self.delete(partners)
        recent_entry = self.delete(recent)
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE crm_retention_deletion_log SET create_date = %s WHERE id = ANY(%s)",
            [fields.Datetime.now() - timedelta(days=11), old_entries.ids],
        )
        self.env.invalidate_all()
        cron = self.env.ref("crm_retention.crm_retention_deletion_log_cron_purge")
        self.assertEqual(self.Log._cron_purge(batch_size=2), 1)
        cron.method_direct_trigger()
        self.env.invalidate_all()
        self.assertRecordValues(
            old_entries.sorted("res_id"),
            [
                {"state": "purged", "snapshot": False, "name": f"RB old {i}"}
                for i in range(3)
            ],
        )
        self.assertFalse(
            self.env["ir.attachment"].search(old_entries._attachments_domain())
        )
        self.assertEqual(recent_entry.state, "deleted")
        self.assertTrue(recent_entry.snapshot)
        with self.assertRaisesRegex(UserError, "purged"):
            self.restore(old_entries[0])

    # ------------------------------------------------------------------
    # Queries
    # ------------------------------------------------------------------

    def count_queries(self, operation):
        self.env.flush_all()
        self.env.invalidate_all()
        gc.collect()
        before = self.env.cr.sql_log_count
        operation()
        self.env.flush_all()
        return self.env.cr.sql_log_count - before

    def seed(self, count):
        partners = self.env["res.partner"].create(
            [
                {"name": f"RB bulk {i}", "category_id": self.category.ids}
                for i in range(count)
            ]
        )
        return partners.with_user(self.data_manager)

    def test_query_count_does_not_grow(self):
        """Deleting and restoring 10 or 50 contacts costs the same number
        of queries (the ORM's batches raised above 50)."""
        with (
            patch("odoo.models.INSERT_BATCH_SIZE", 1000),
            patch("odoo.models.UPDATE_BATCH_SIZE", 1000),
        ):
            warm = self.seed(3)
            self.count_queries(warm.unlink)
            small, large = self.seed(10), self.seed(50)
            delete_small = self.count_queries(small.unlink)
            delete_large = self.count_queries(large.unlink)
            self.assertEqual(delete_small, delete_large)
            self.count_queries(
                self.entry(warm).with_user(self.data_manager).action_restore
            )
            restore_small = self.count_queries(
                self.entry(small).with_user(self.data_manager).action_restore
            )
            restore_large = self.count_queries(
                self.entry(large).with_user(self.data_manager).action_restore
            )
            self.assertEqual(restore_small, restore_large)
        self.assertEqual(len(large.exists()), 50)
