# Copyright 2026 crm_retention contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class CrmRetentionTraitAssignment(models.Model):
    _name = "crm.retention.trait.assignment"
    _inherit = "crm.retention.assignment.mixin"
    _description = "CRM trait of a person"
    _definition_field = "trait_id"

    trait_id = fields.Many2one(
        comodel_name="crm.retention.trait",
        required=True,
        index=True,
        ondelete="restrict",
    )
    dossier_id = fields.Many2one(
        comodel_name="res.partner",
        related="partner_id.commercial_partner_id",
        string="Commercial Entity",
        store=True,
        index=True,
    )
    color = fields.Integer(related="trait_id.color")

    @api.model
    def _crm_retention_holders(self, partners, scope):
        if scope != "dossier":
            return partners
        return self.env["res.partner"].search(
            [("commercial_partner_id", "in", partners.commercial_partner_id.ids)]
        )

    @api.model
    def _crm_retention_holders_domain(self, partners, scope):
        if scope != "dossier":
            return [("partner_id", "any", [("id", "in", partners.ids)])]
        # Archived persons of the dossier too: a removal holds for everybody
        # the acting user may see.
        return [
            (
                "partner_id",
                "any",
                [("commercial_partner_id", "in", partners.commercial_partner_id.ids)],
            )
        ]
