# Copyright 2026 crm_retention contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import gc
from unittest.mock import patch

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, new_test_user

from odoo.addons.crm_retention.models.history_guard import HistoryGuardError

from .common import RetentionCase, find_markers

# The person's data: every value holds one of these markers, so that a search
# of the whole database for them finds any copy the erasure left behind.
MARKERS = ("quolmberg", "4242 9917", "42429917", "Xerxa")
NAME = "Xerxa Quolmberg"
EMAIL = "xerxa.quolmberg@erase-test.example"
PHONE = "+31 6 4242 9917"
# A 1x1 PNG: the contact's photo.
PNG = base64.b64encode(
    bytes.fromhex(
        "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
        "1f15c4890000000d49444154789c6360f8cf00000301010018dd8db000"
        "00000049454e44ae426082"
    )
)


class ErasureCase(RetentionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Erasure = cls.env["crm.retention.erasure"]
        # With an address of its own: else Odoo gives the company the
        # address of its first contact (the company's, not erased).
        cls.company_contact = cls.env["res.partner"].create(
            {"name": "Acme Erasure Co", "is_company": True, "street": "Dock 1"}
        )
        cls.won_stage = cls.env["crm.stage"].search([("is_won", "=", True)], limit=1)

    def erase(self, partners, user=None, reason="Request 42", lines=()):
        """Erase through the wizard as a Data Manager; return the wizard."""
        wizard_form = Form(
            self.env["crm.retention.erase"]
            .with_user(user or self.data_manager)
            .with_context(active_model="res.partner", active_ids=partners.ids)
        )
        wizard_form.reason = reason
        for index in lines:
            with wizard_form.line_ids.edit(index) as line:
                line.erase = True
        wizard = wizard_form.save()
        wizard.action_erase()
        return wizard

    def snapshot(self, partners):
        """What must not change: the history and its figures."""
        leads = (
            self.env["crm.lead"]
            .with_context(active_test=False)
            .search([("partner_id", "in", partners.ids)], order="id")
        )
        activities = (
            self.env["mail.activity"]
            .with_context(active_test=False)
            .search(
                [
                    "|",
                    "&",
                    ("res_model", "=", "res.partner"),
                    ("res_id", "in", partners.ids),
                    "&",
                    ("res_model", "=", "crm.lead"),
                    ("res_id", "in", leads.ids),
                ]
            )
        )
        messages = self.env["mail.message"].search_count(
            [
                "|",
                "&",
                ("model", "=", "res.partner"),
                ("res_id", "in", partners.ids),
                "&",
                ("model", "=", "crm.lead"),
                ("res_id", "in", leads.ids),
            ]
        )
        return {
            "leads": [
                (
                    lead.id,
                    lead.expected_revenue,
                    lead.probability,
                    lead.stage_id.id,
                    lead.user_id.id,
                    lead.team_id.id,
                    lead.active,
                    lead.date_closed,
                    lead.partner_id.id,
                )
                for lead in leads
            ],
            "activities": [
                (a.id, a.activity_type_id.id, a.date_deadline, a.user_id.id, a.active)
                for a in activities
            ],
            "messages": messages,
        }


class TestErasure(ErasureCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.person = cls.env["res.partner"].create(
            {
                "name": NAME,
                "parent_id": cls.company_contact.id,
                # An address of their own, not the company's.
                "type": "other",
                "email": EMAIL,
                "phone": PHONE,
                "mobile": "+31 6 4242 99170",
                "street": "Quolmbergsteeg 99",
                "street2": "Quolmberg floor",
                "zip": "9917 QB",
                "city": "Quolmbergen",
                "website": "https://quolmberg.example",
                "function": "Chief Quolmberg",
                "comment": "<p>Met Xerxa at the Quolmberg fair</p>",
                "vat": "NLQUOLMBERG01",
                "image_1920": PNG,
                "bank_ids": [
                    Command.create(
                        {"acc_number": "NL91QUOLMBERG42", "acc_holder_name": NAME}
                    )
                ],
            }
        )

    def seed_history(self):
        """Leads, messages (written and received), attachments, tracking
        values, activities, a trait, a queued email, a follower and a
        deletion-log entry, all naming the person."""
        env = self.env
        Lead = env["crm.lead"]
        leads = Lead.create(
            [
                {
                    "name": f"Deal with {NAME}",
                    "type": "opportunity",
                    "partner_id": self.person.id,
                    "expected_revenue": 1000,
                    "user_id": self.salesman.id,
                    "description": f"<p>{NAME} wants it cheap</p>",
                },
                {
                    "name": "Renewal",
                    "type": "opportunity",
                    "partner_id": self.person.id,
                    "expected_revenue": 2500,
                    "user_id": self.salesman.id,
                },
            ]
        )
        leads[1].stage_id = self.won_stage
        other = env["res.partner"].create({"name": "Somebody Else"})
        other_lead = Lead.create({"name": "Other deal", "partner_id": other.id})
        attachment = env["ir.attachment"].create(
            {
                "name": "quolmberg-cv.txt",
                "raw": b"CV of Xerxa Quolmberg",
                "res_model": "res.partner",
                "res_id": self.person.id,
            }
        )
        self.person.message_post(
            body=f"Phoned {NAME} on {PHONE}",
            subject=f"Call with {NAME}",
            message_type="comment",
            subtype_xmlid="mail.mt_note",
            attachment_ids=attachment.ids,
        )
        # Written by the person: on their lead, and on someone else's.
        for record in (leads[0], other_lead):
            written = env["ir.attachment"].create(
                {
                    "name": "quolmberg-offer.txt",
                    "raw": b"Offer from Quolmberg",
                    "res_model": record._name,
                    "res_id": record.id,
                }
            )
            record.message_post(
                body=f"Regards, {NAME}",
                author_id=self.person.id,
                email_from=f'"{NAME}" <{EMAIL}>',
                message_type="email",
                subtype_xmlid="mail.mt_comment",
                attachment_ids=written.ids,
            )
        # An email to the person, still queued.
        leads[0].message_post(
            body=f"Dear {NAME}, our offer",
            partner_ids=self.person.ids,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        leads[0].message_subscribe(partner_ids=self.person.ids)
        # Tracking values: of an erased field, of the customer on another
        # lead, and of a value equal to an erased one elsewhere.
        fields_of = env["ir.model.fields"]._get
        leads[0]._message_log(
            body="",
            tracking_value_ids=[
                Command.create(
                    {
                        "field_id": fields_of("crm.lead", "email_from").id,
                        "old_value_char": "old.quolmberg@erase-test.example",
                        "new_value_char": EMAIL,
                    }
                ),
                Command.create(
                    {
                        "field_id": fields_of("crm.lead", "expected_revenue").id,
                        "old_value_float": 900,
                        "new_value_float": 1000,
                    }
                ),
            ],
        )
        other_lead._message_log(
            body="",
            tracking_value_ids=[
                Command.create(
                    {
                        "field_id": fields_of("crm.lead", "partner_id").id,
                        "old_value_integer": self.person.id,
                        "old_value_char": NAME,
                        "new_value_integer": other.id,
                        "new_value_char": "Somebody Else",
                    }
                )
            ],
        )
        other._message_log(
            body="",
            tracking_value_ids=[
                Command.create(
                    {
                        "field_id": fields_of("res.partner", "email").id,
                        "old_value_char": EMAIL,
                        "new_value_char": "else@example.com",
                    }
                )
            ],
        )
        # Activities: planned and done, on the contact and on a lead.
        self.schedule(self.person, summary=f"Visit {NAME}")
        self.schedule(leads[0], summary=f"Call {NAME}").action_feedback(
            feedback="Quolmberg said maybe"
        )
        trait = env["crm.retention.trait"].create({"name": "Newsletter", "code": "nl"})
        env["crm.retention.trait.assignment"].create(
            {
                "partner_id": self.person.id,
                "trait_id": trait.id,
                "note": f"Consent given by {NAME} by phone",
            }
        )
        Lead.create(
            {"name": f"Old deal of {NAME}", "partner_id": self.person.id}
        ).with_user(self.data_manager).unlink()
        return leads, other_lead

    def test_erasure_leaves_no_personal_data_anywhere(self):
        leads, other_lead = self.seed_history()
        self.assertTrue(find_markers(self.env, MARKERS), "the seed holds the markers")
        before = self.snapshot(self.person)
        other_messages = self.env["mail.message"].search_count(
            [("model", "=", "crm.lead"), ("res_id", "=", other_lead.id)]
        )

        wizard = self.erase(self.person)

        self.assertEqual(find_markers(self.env, MARKERS), [])
        # The same history, and one note more: the erasure's.
        before["messages"] += 1
        self.assertEqual(self.snapshot(self.person), before)
        self.assertEqual(
            self.env["mail.message"].search_count(
                [("model", "=", "crm.lead"), ("res_id", "=", other_lead.id)]
            ),
            other_messages,
        )
        person = self.person
        pseudonym = f"Erased contact {person.id}"
        self.assertRecordValues(
            person,
            [
                {
                    "name": pseudonym,
                    "email": False,
                    "email_normalized": False,
                    "phone": False,
                    "phone_sanitized": False,
                    "is_former": True,
                    "is_erased": True,
                    "active": True,
                    "parent_id": self.company_contact.id,
                    "former_reason_id": self.env.ref(
                        "crm_retention.former_reason_erased"
                    ).id,
                }
            ],
        )
        self.assertFalse(person.bank_ids)
        self.assertFalse(person.image_1920)
        self.assertEqual(leads[0].name, f"Deal with {pseudonym}")
        self.assertEqual(leads[1].stage_id, self.won_stage)
        entry = self.Erasure.search([("res_id", "=", person.id)])
        self.assertRecordValues(
            entry,
            [
                {
                    "res_model": "res.partner",
                    "name": pseudonym,
                    "partner_id": person.id,
                    "user_id": self.data_manager.id,
                    "reason": "Request 42",
                    "origin": "wizard",
                    "lead_count": 2,
                    "trait_count": 1,
                    "log_count": 1,
                    "follower_count": 1,
                    "activity_count": 2,
                    "tracking_count": 3,
                }
            ],
        )
        # 13 personal fields filled in; the VAT is the company's (Odoo
        # copies the commercial entity's).
        self.assertEqual(entry.field_count, 12)
        self.assertGreaterEqual(entry.message_count, 4)
        self.assertEqual(entry.attachment_count, 3)
        self.assertGreaterEqual(entry.mail_count, 1)
        self.assertEqual(wizard.reason, "Request 42")

    def test_wizard_shows_counts_and_company_contacts(self):
        """The wizard counts what is kept and what goes; a company's contacts
        are listed and erased only when ticked."""
        self.seed_history()
        colleague = self.env["res.partner"].create(
            {
                "name": "Colleague Quolmberg",
                "parent_id": self.company_contact.id,
                "email": "colleague@quolmberg.example",
            }
        )
        wizard_form = Form(
            self.env["crm.retention.erase"]
            .with_user(self.data_manager)
            .with_context(
                active_model="res.partner", active_ids=self.company_contact.ids
            )
        )
        self.assertEqual(len(wizard_form.line_ids), 2)
        self.assertEqual(wizard_form.lead_count, 0)
        # Listed by name: 'Acme Erasure Co, Colleague…' then '…, Xerxa…'.
        with wizard_form.line_ids.edit(1) as line:
            self.assertEqual(line.partner_id, self.person)
            line.erase = True
        self.assertEqual(wizard_form.lead_count, 2)
        self.assertEqual(wizard_form.trait_count, 1)
        self.assertEqual(wizard_form.follower_count, 1)
        self.assertEqual(wizard_form.attachment_count, 3)
        # 12 on the contact, and the leads' copies of its email and phone.
        self.assertGreaterEqual(wizard_form.field_count, 16)
        self.assertFalse(self.person.is_erased, "nothing is done before confirming")
        wizard_form.save().action_erase()
        self.assertTrue(self.person.is_erased)
        self.assertTrue(self.company_contact.is_erased)
        self.assertFalse(colleague.is_erased)
        self.assertEqual(colleague.email, "colleague@quolmberg.example")
        self.assertEqual(
            colleague.commercial_company_name,
            f"Erased contact {self.company_contact.id}",
        )
        self.assertEqual(
            self.Erasure.search_count(
                [("res_id", "in", (self.person | self.company_contact).ids)]
            ),
            2,
        )

    def test_guard_offers_erasure(self):
        """Deleting a contact with history is refused; the message offers
        erasing its personal data."""
        self.env["crm.lead"].create({"name": "Deal", "partner_id": self.person.id})
        with self.assertRaisesRegex(HistoryGuardError, "Erase Personal Data"):
            self.person.with_user(self.data_manager).unlink()
        self.erase(self.person)
        self.assertTrue(self.person.exists())

    def test_erased_fields_are_set_in_settings(self):
        """Admins extend the erased fields; history fields are not offered."""
        self.person.ref = "QUOLMBERG-REF"
        admin = self.env.ref("base.user_admin")
        settings = self.env["res.config.settings"].with_user(admin).create({})
        offered = self.env["ir.model.fields"].search(
            self.Erasure._erasable_fields_domain()
        )
        names = {f"{field.model}.{field.name}" for field in offered}
        self.assertIn("res.partner.ref", names)
        self.assertIn("res.partner.bank_ids", names)
        self.assertIn("crm.lead.email_from", names)
        for kept in (
            "crm.lead.partner_id",
            "crm.lead.expected_revenue",
            "res.partner.name",
        ):
            self.assertNotIn(kept, names)
        ref = offered.filtered(lambda f: f.model == "res.partner" and f.name == "ref")
        settings.crm_retention_erasure_field_ids |= ref
        settings.execute()
        self.assertIn("ref", self.Erasure._erasure_field_names()["res.partner"])
        with self.assertRaises(AccessError):
            self.Erasure.with_user(self.data_manager)._set_erasure_fields(ref)
        self.erase(self.person)
        self.assertFalse(self.person.ref)
        self.assertEqual(find_markers(self.env, MARKERS), [])


class TestErasureRefused(ErasureCase):
    """Bad input: a clear error, and nothing changed."""

    def assert_refused(self, partners, error, user=None):
        names = partners.sudo().mapped("name")
        with self.assertRaises(error):
            self.erase(partners, user=user)
        self.assertEqual(partners.sudo().mapped("name"), names)
        self.assertFalse(partners.sudo().filtered("is_erased"))
        self.assertFalse(
            self.Erasure.sudo().search_count([("res_id", "in", partners.ids)])
        )

    def test_refused(self):
        other_company = self.env["res.company"].create({"name": "Other Co"})
        foreign = self.env["res.partner"].create(
            {"name": "Foreign", "company_id": other_company.id}
        )
        cases = [
            (self.data_manager.partner_id, UserError),
            (self.salesman.partner_id, UserError),
            (self.env.company.partner_id, UserError),
            (self.env.ref("base.partner_root"), UserError),
            (self.env.ref("base.public_partner"), UserError),
            (foreign, AccessError),
        ]
        for partner, error in cases:
            with self.subTest(partner=partner.name):
                self.assert_refused(partner, error)

    def test_refused_with_others_nothing_changes(self):
        """One refused contact among several: none is erased."""
        person = self.env["res.partner"].create({"name": "P", "email": "p@x.example"})
        self.assert_refused(person | self.salesman.partner_id, UserError)
        self.assertEqual(person.email, "p@x.example")

    def test_already_erased(self):
        person = self.env["res.partner"].create({"name": "Once"})
        self.erase(person)
        with self.assertRaisesRegex(UserError, "Already erased"):
            self.erase(person)
        self.assertEqual(self.Erasure.search_count([("res_id", "=", person.id)]), 1)

    def test_salesperson_cannot_erase(self):
        person = self.env["res.partner"].create({"name": "P", "email": "p@x.example"})
        with self.assertRaises(AccessError):
            self.erase(person, user=self.salesman)
        with self.assertRaises(AccessError):
            person.with_user(self.salesman).action_erase_personal_data()
        with self.assertRaises(AccessError):
            self.Erasure.with_user(self.salesman)._erase(person)
        self.assertEqual(person.email, "p@x.example")

    def test_deactivated_user_contact_is_erased(self):
        """Offboarded (deactivated) users' contacts are erased, login too."""
        leaver = new_test_user(
            self.env, login="quolmberg@erase-test.example", name="Leaver Quolmberg"
        )
        leaver.action_archive()
        self.erase(leaver.partner_id)
        self.assertEqual(leaver.login, f"__erased_user_{leaver.id}")
        self.assertEqual(find_markers(self.env, ("quolmberg",)), [])


class TestErasureQueries(ErasureCase):
    def seed(self, count):
        person = self.env["res.partner"].create(
            {"name": f"Query Person {count}", "email": f"q{count}@x.example"}
        )
        leads = self.env["crm.lead"].create(
            [{"name": f"Q{count} {i}", "partner_id": person.id} for i in range(count)]
        )
        email_field = self.env["ir.model.fields"]._get("crm.lead", "email_from")
        for record in [person, *leads]:
            record.message_post(body=f"Note {count}", message_type="comment")
            attachment = self.env["ir.attachment"].create(
                {
                    "name": "a.txt",
                    "raw": b"a",
                    "res_model": record._name,
                    "res_id": record.id,
                }
            )
            record.message_post(
                body="Hello",
                author_id=person.id,
                message_type="email",
                attachment_ids=attachment.ids,
            )
        leads.message_subscribe(partner_ids=person.ids)
        self.env["mail.message"].create(
            [
                {
                    "model": "crm.lead",
                    "res_id": lead.id,
                    "message_type": "notification",
                    "tracking_value_ids": [
                        Command.create(
                            {
                                "field_id": email_field.id,
                                "old_value_char": "a@x.example",
                                "new_value_char": f"q{count}@x.example",
                            }
                        )
                    ],
                }
                for lead in leads
            ]
        )
        self.env["mail.activity"].create(
            [
                {
                    "res_model_id": self.env["ir.model"]._get_id("crm.lead"),
                    "res_id": lead.id,
                    "activity_type_id": self.todo_type.id,
                    "summary": "Q",
                    "user_id": self.salesman.id,
                }
                for lead in leads
            ]
        )
        return person

    def queries(self, person):
        erasure = self.Erasure.with_user(self.data_manager)
        self.env.flush_all()
        self.env.invalidate_all()
        # When Python's garbage collector runs changes the count by one
        # (seen once another test module was loaded): collect first, so that
        # the count only depends on the erasure.
        gc.collect()
        before = self.env.cr.sql_log_count
        erasure._erase(person.with_user(self.data_manager))
        self.env.flush_all()
        return self.env.cr.sql_log_count - before

    def test_query_count_does_not_grow(self):
        """The same number of queries for 10 and 60 leads, messages,
        tracking values, activities, attachments and followers. The ORM
        writes rows 100 at a time: that chunking is raised above them here,
        so that the count shows what the erasure does per record (nothing).
        A first small run warms the caches up."""
        with (
            patch("odoo.models.INSERT_BATCH_SIZE", 1000),
            patch("odoo.models.UPDATE_BATCH_SIZE", 1000),
        ):
            self.queries(self.seed(3))
            small = self.queries(self.seed(10))
            large = self.queries(self.seed(60))
        self.assertEqual(small, large)


class TestPortalDeletion(ErasureCase):
    def test_portal_account_deletion_erases_the_kept_contact(self):
        """A portal user deletes their account: Odoo's cron deletes the user;
        the contact, kept for its history, is erased."""
        portal = new_test_user(
            self.env,
            login="portal.quolmberg@erase-test.example",
            name=NAME,
            email=EMAIL,
            groups="base.group_portal",
        )
        partner = portal.partner_id
        partner.phone = PHONE
        lead = self.env["crm.lead"].create(
            {"name": "Portal deal", "partner_id": partner.id, "expected_revenue": 500}
        )
        # Without history: Odoo deletes the contact; the deletion log keeps
        # no name of it.
        without_history = new_test_user(
            self.env,
            login="portal2@erase-test.example",
            name="Yolanda Zentrip",
            groups="base.group_portal",
        )
        second = without_history.partner_id.id
        (portal | without_history)._deactivate_portal_user()
        self.env["res.users.deletion"]._gc_portal_users()
        self.assertFalse(portal.exists())
        self.assertTrue(partner.exists())
        self.assertTrue(partner.is_erased)
        self.assertEqual(lead.partner_id, partner)
        self.assertEqual(lead.expected_revenue, 500)
        self.assertFalse(self.env["res.partner"].browse(second).exists())
        self.assertRecordValues(
            self.env["crm.retention.deletion.log"].search(
                [("res_model", "=", "res.partner"), ("res_id", "=", second)]
            ),
            [{"is_erased": True, "name": "Erased on request"}],
        )
        self.assertRecordValues(
            self.Erasure.search([("res_id", "=", partner.id)]),
            [{"origin": "portal", "lead_count": 1}],
        )
        self.assertEqual(find_markers(self.env, MARKERS), [])
