# Copyright 2026 crm_retention contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command
from odoo.exceptions import ValidationError
from odoo.tests import Form

from .traits_common import TraitCase


class TestTraitServerAction(TraitCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.lead_model = cls.env["ir.model"]._get("crm.lead")
        cls.partner_model = cls.env["ir.model"]._get("res.partner")
        cls.lead_partner_field = cls.env["ir.model.fields"]._get(
            "crm.lead", "partner_id"
        )

    def make_action(self, **values):
        vals = {
            "name": "CRM traits",
            "model_id": self.partner_model.id,
            "state": "crm_retention_traits",
            "crm_retention_operation": "remove",
            "crm_retention_target": "trait",
            "crm_retention_trait_ids": [Command.set(self.newsletter.ids)],
        }
        vals.update(values)
        return self.env["ir.actions.server"].create(vals)

    def run_on(self, action, records):
        return action.with_context(
            active_model=records._name, active_ids=records.ids, active_id=records[:1].id
        ).run()

    def give_everyone(self, traits):
        for partner in self.company | self.alice | self.bob | self.lone:
            partner._crm_retention_apply_definitions("trait", "add", traits)

    def test_remove_person_scope_through_lead_partner(self):
        self.give_everyone(self.newsletter | self.vip)
        lead = self.env["crm.lead"].create(
            {"name": "Deal", "partner_id": self.alice.id}
        )
        action = self.make_action(
            model_id=self.lead_model.id,
            crm_retention_partner_field_id=self.lead_partner_field.id,
        )
        self.run_on(action, lead)
        self.assertEqual(self.alice.crm_retention_trait_ids, self.vip)
        self.assertEqual(self.bob.crm_retention_trait_ids, self.newsletter | self.vip)
        ended = self.traits_of(self.alice, current=False)
        self.assertEqual(ended.removal_reason, "workflow")

    def test_remove_dossier_scope_several_and_all(self):
        self.give_everyone(self.newsletter | self.vip)
        other = self.env["crm.retention.trait"].create(
            {"name": "Other", "code": "other"}
        )
        self.give_everyone(other)
        action = self.make_action(
            crm_retention_scope="dossier",
            crm_retention_trait_ids=[Command.set((self.newsletter | other).ids)],
        )
        self.run_on(action, self.bob)
        for partner in self.company | self.alice | self.bob:
            self.assertEqual(partner.crm_retention_trait_ids, self.vip)
        self.assertEqual(
            self.lone.crm_retention_trait_ids, self.newsletter | self.vip | other
        )
        action.write(
            {"crm_retention_all": True, "crm_retention_trait_ids": [Command.clear()]}
        )
        self.run_on(action, self.alice | self.lone)
        self.assertFalse(
            (self.company | self.alice | self.bob | self.lone).crm_retention_trait_ids
        )

    def test_add_traits_and_dossier_actions(self):
        action = self.make_action(
            crm_retention_operation="add",
            crm_retention_scope="dossier",
            crm_retention_trait_ids=[Command.set(self.vip.ids)],
        )
        self.run_on(action, self.alice)
        self.assertEqual(
            self.env["res.partner"].search(
                [("crm_retention_trait_ids", "=", self.vip.id)]
            ),
            self.company | self.alice | self.bob,
        )
        action.write(
            {
                "crm_retention_target": "dossier_action",
                "crm_retention_dossier_action_ids": [
                    Command.set((self.audit | self.promo).ids)
                ],
            }
        )
        self.run_on(action, self.alice | self.bob)
        self.assertEqual(
            self.company.crm_retention_own_dossier_assignment_ids.dossier_action_id,
            self.audit | self.promo,
        )
        self.assertEqual(len(self.company.crm_retention_own_dossier_assignment_ids), 2)
        action.write(
            {
                "crm_retention_operation": "remove",
                "crm_retention_dossier_action_ids": [Command.set(self.promo.ids)],
            }
        )
        self.run_on(action, self.bob)
        self.assertEqual(self.alice.crm_retention_dossier_action_ids, self.audit)

    def test_bad_configuration(self):
        with self.assertRaisesRegex(ValidationError, "choose the CRM traits"):
            self.make_action(crm_retention_trait_ids=[Command.clear()])
        with self.assertRaisesRegex(ValidationError, "choose the CRM traits"):
            self.make_action(
                crm_retention_target="dossier_action",
                crm_retention_dossier_action_ids=[Command.clear()],
            )
        with self.assertRaisesRegex(ValidationError, "many2one to Contact"):
            self.make_action(
                model_id=self.lead_model.id,
                crm_retention_partner_field_id=self.env["ir.model.fields"]
                ._get("crm.lead", "user_id")
                .id,
            )
        with self.assertRaisesRegex(ValidationError, "many2one to Contact"):
            self.make_action(crm_retention_partner_field_id=self.lead_partner_field.id)
        with self.assertRaisesRegex(ValidationError, "choose the partner field"):
            self.make_action(model_id=self.lead_model.id)
        action = self.make_action()
        with (
            self.assertRaisesRegex(ValidationError, "choose the CRM traits"),
            self.cr.savepoint(),
        ):
            action.crm_retention_trait_ids = False
        action.invalidate_recordset()
        self.assertEqual(action.crm_retention_trait_ids, self.newsletter)
        # All definitions without choosing any is fine.
        self.make_action(
            crm_retention_all=True, crm_retention_trait_ids=[Command.clear()]
        )

    def test_automation_rule_opportunity_won(self):
        """When an opportunity is won, the newsletter trait leaves the
        customer's whole dossier: a real automation rule, a real stage move
        by the salesperson."""
        stage_new, stage_won = self.env["crm.stage"].create(
            [
                {"name": "Trait New", "sequence": 1},
                {"name": "Trait Won", "sequence": 99, "is_won": True},
            ]
        )
        automation = self.env["base.automation"].create(
            {
                "name": "Won: no newsletter for the dossier",
                "model_id": self.lead_model.id,
                "trigger": "on_stage_set",
                "trg_field_ref": stage_won.id,
            }
        )
        self.assertEqual(
            automation.filter_domain, repr([("stage_id", "=", stage_won.id)])
        )
        self.env["ir.actions.server"].create(
            {
                "name": "Remove the newsletter from the dossier",
                "model_id": self.lead_model.id,
                "base_automation_id": automation.id,
                "usage": "base_automation",
                "state": "crm_retention_traits",
                "crm_retention_operation": "remove",
                "crm_retention_target": "trait",
                "crm_retention_trait_ids": [Command.set(self.newsletter.ids)],
                "crm_retention_scope": "dossier",
                "crm_retention_partner_field_id": self.lead_partner_field.id,
            }
        )
        self.give_everyone(self.newsletter | self.vip)
        lead = self.env["crm.lead"].create(
            {
                "name": "Big deal",
                "type": "opportunity",
                "partner_id": self.alice.id,
                "stage_id": stage_new.id,
                "user_id": self.salesman.id,
            }
        )
        self.assertEqual(self.alice.crm_retention_trait_ids, self.newsletter | self.vip)
        lead.with_user(self.salesman).write({"stage_id": stage_won.id})
        for partner in self.company | self.alice | self.bob:
            self.assertEqual(partner.crm_retention_trait_ids, self.vip)
        self.assertEqual(self.lone.crm_retention_trait_ids, self.newsletter | self.vip)
        ended = self.traits_of(self.bob, current=False)
        self.assertEqual(ended.trait_id, self.newsletter)
        self.assertEqual(ended.removal_reason, "workflow")
        # The rule runs as the superuser, the removal is the salesperson's.
        self.assertEqual(ended.removed_user_id, self.salesman)

    def test_server_action_form(self):
        """The form offers the new type with no default operation (the
        admin chooses), the partner field prefilled with the model's
        customer field, and a name that says what the action does; a name
        the admin typed is kept."""
        with Form(self.env["ir.actions.server"]) as form:
            form.model_id = self.lead_model
            form.state = "crm_retention_traits"
            self.assertFalse(form.crm_retention_operation)
            self.assertEqual(
                form.crm_retention_partner_field_id, self.lead_partner_field
            )
            form.crm_retention_operation = "remove"
            form.crm_retention_target = "trait"
            form.crm_retention_trait_ids.add(self.newsletter)
            form.crm_retention_scope = "dossier"
        action = form.record
        self.assertEqual(action.crm_retention_operation, "remove")
        self.assertEqual(action.crm_retention_trait_ids, self.newsletter)
        self.assertEqual(
            action.name,
            "Remove CRM trait 'Wants the newsletter' from the whole company",
        )
        with Form(action) as form:
            form.crm_retention_operation = "add"
            form.crm_retention_scope = "person"
        self.assertEqual(action.name, "Add CRM trait 'Wants the newsletter'")
        with Form(action) as form:
            form.name = "Newsletter on"
            form.crm_retention_target = "dossier_action"
            form.crm_retention_dossier_action_ids.add(self.audit)
        self.assertEqual(action.name, "Newsletter on")

    def test_query_count_does_not_grow(self):
        """Ending one trait on 10 or on 1,000 assignments through the server
        action costs the same number of queries."""
        action = self.make_action(crm_retention_scope="dossier")
        Partner = self.env["res.partner"]

        def queries(size):
            company = Partner.create({"name": f"Size {size}", "is_company": True})
            persons = Partner.create(
                [{"name": f"P{size}-{i}", "parent_id": company.id} for i in range(size)]
            )
            self.TraitAssignment.create(
                [{"partner_id": p.id, "trait_id": self.newsletter.id} for p in persons]
            )
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.cr.sql_log_count
            self.run_on(action, company)
            count = self.cr.sql_log_count - before
            self.assertFalse(persons.crm_retention_trait_ids)
            return count

        queries(3)  # warm the caches
        small, large = queries(10), queries(1000)
        self.assertEqual(small, large)

    def test_query_count_does_not_grow_with_records(self):
        """The same with the persons themselves as records (scope person)."""
        action = self.make_action()
        Partner = self.env["res.partner"]

        def queries(size):
            persons = Partner.create([{"name": f"R{size}-{i}"} for i in range(size)])
            self.TraitAssignment.create(
                [{"partner_id": p.id, "trait_id": self.newsletter.id} for p in persons]
            )
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.cr.sql_log_count
            self.run_on(action, persons)
            count = self.cr.sql_log_count - before
            self.assertFalse(persons.crm_retention_trait_ids)
            return count

        queries(3)
        self.assertEqual(queries(10), queries(1000))
