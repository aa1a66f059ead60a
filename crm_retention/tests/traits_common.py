# Copyright 2026 crm_retention contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from .common import RetentionCase


class TraitCase(RetentionCase):
    """A dossier (a company, two persons) and a lone person, with the
    newsletter trait and a dossier action."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        cls.company = Partner.create({"name": "Trait Corp", "is_company": True})
        cls.alice, cls.bob = Partner.create(
            [
                {"name": "Alice Trait", "parent_id": cls.company.id},
                {"name": "Bob Trait", "parent_id": cls.company.id},
            ]
        )
        cls.lone = Partner.create({"name": "Lone Trait"})
        cls.newsletter = cls.env.ref("crm_retention.crm_retention_trait_newsletter")
        cls.vip = cls.env["crm.retention.trait"].create(
            {"name": "VIP", "code": "vip", "color": 3}
        )
        cls.audit = cls.env["crm.retention.dossier.action"].create(
            {"name": "Yearly audit", "code": "audit"}
        )
        cls.promo = cls.env["crm.retention.dossier.action"].create(
            {"name": "Spring promotion", "code": "promo"}
        )
        cls.TraitAssignment = cls.env["crm.retention.trait.assignment"]
        cls.ActionAssignment = cls.env["crm.retention.dossier.action.assignment"]

    def assignments(self, model, **conditions):
        """Every assignment of model (current and ended) matching conditions."""
        domain = [(name, "=", value.id) for name, value in conditions.items()]
        return self.env[model].with_context(active_test=False).search(domain)

    def traits_of(self, partner, current=True):
        assignments = self.assignments(
            "crm.retention.trait.assignment", partner_id=partner
        )
        return assignments.filtered(lambda a: a.active == current)
