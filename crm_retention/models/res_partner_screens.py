# Copyright 2026 crm_retention contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from .data_manager import DATA_MANAGER


class ResPartner(models.Model):
    """What the contact's screens show besides its fields: whether the user
    is a Data Manager (the actions offered), the CRM tab's traits and
    dossier actions with the ended ones, the activity history."""

    _inherit = "res.partner"

    crm_retention_is_data_manager = fields.Boolean(
        compute="_compute_crm_retention_is_data_manager",
        help="Whether the current user is a Data Manager: the screens offer "
        "the actions only they may take (the server checks them anyway).",
    )
    crm_retention_trait_history_ids = fields.One2many(
        comodel_name="crm.retention.trait.assignment",
        inverse_name="partner_id",
        string="CRM Traits (with the ended ones)",
        context={"active_test": False},
        readonly=True,
    )
    crm_retention_dossier_history_ids = fields.Many2many(
        comodel_name="crm.retention.dossier.action.assignment",
        compute="_compute_crm_retention_dossier_history_ids",
        string="Dossier Actions (with the ended ones)",
    )

    @api.depends_context("uid")
    def _compute_crm_retention_is_data_manager(self):
        self.crm_retention_is_data_manager = self.env.user.has_group(DATA_MANAGER)

    @api.depends(
        "commercial_partner_id.crm_retention_own_dossier_assignment_ids.active"
    )
    def _compute_crm_retention_dossier_history_ids(self):
        Assignment = self.env["crm.retention.dossier.action.assignment"]
        groups = Assignment.with_context(active_test=False)._read_group(
            [("partner_id", "in", self.commercial_partner_id.ids)],
            ["partner_id"],
            ["id:array_agg"],
        )
        ids_of = {partner.id: ids for partner, ids in groups}
        for partner in self:
            partner.crm_retention_dossier_history_ids = Assignment.browse(
                ids_of.get(partner.commercial_partner_id.id, [])
            )

    def _crm_retention_history_documents(self):
        """A contact's history: its own activities, its contacts' (the
        people of a company) and those of their opportunities, so that a
        company's history is not almost always empty."""

    def _crm_retention_history_documents(self):
        if not self.ids:
            return {}
        family = self.with_context(active_test=False).search(
            [("id", "child_of", self.ids)]
        )
        # Each member of the family counts for the selected partners above
        # it (itself included).
        selected = set(self.ids)
        documents = {
            partner_id: {"res.partner": set(), "crm.lead": set()}
            for partner_id in self.ids
        }
        members_of = {}
        for member in family:
            node = member
            while node:
                if node.id in selected:
                    documents[node.id]["res.partner"].add(member.id)
                    members_of.setdefault(member.id, []).append(node.id)
                node = node.parent_id
        lead_groups = (
            self.env["crm.lead"]
            .with_context(active_test=False)
            ._read_group(
                [("partner_id", "in", family.ids)], ["partner_id"], ["id:array_agg"]
            )
        )
        for partner, lead_ids in lead_groups:
            for partner_id in members_of.get(partner.id, ()):
                documents[partner_id]["crm.lead"].update(lead_ids)
        return documents
