# Copyright 2026 crm_retention contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class CrmRetentionDossierActionAssignment(models.Model):
    _name = "crm.retention.dossier.action.assignment"
    _inherit = "crm.retention.assignment.mixin"
    _description = "CRM dossier action of a company"
    _definition_field = "dossier_action_id"

    partner_id = fields.Many2one(string="Dossier")
    dossier_action_id = fields.Many2one(
        comodel_name="crm.retention.dossier.action",
        required=True,
        index=True,
        ondelete="restrict",
    )
    color = fields.Integer(related="dossier_action_id.color")

    @api.model_create_multi
    def create(self, vals_list):
        # A dossier action is stored once, on the commercial entity.
        partners = self.env["res.partner"].browse(
            {vals["partner_id"] for vals in vals_list if vals.get("partner_id")}
        )
        dossier = {partner.id: partner.commercial_partner_id.id for partner in partners}
        for vals in vals_list:
            if vals.get("partner_id"):
                vals["partner_id"] = dossier[vals["partner_id"]]
        return super().create(vals_list)

    @api.model
    def _crm_retention_holders(self, partners, scope):
        return partners.commercial_partner_id

    @api.model
    def _crm_retention_holders_domain(self, partners, scope):
        return [
            ("partner_id", "any", [("id", "in", partners.commercial_partner_id.ids)])
        ]
