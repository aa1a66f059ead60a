# Copyright 2026 crm_retention contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.exceptions import UserError

from ..models.crm_retention_assignment_mixin import OPERATIONS, TARGETS


class CrmRetentionTraitWizard(models.TransientModel):
    _name = "crm.retention.trait.wizard"
    _description = "Add or remove CRM traits or dossier actions"

    partner_ids = fields.Many2many(
        comodel_name="res.partner",
        string="Contacts",
        required=True,
        default=lambda self: self._default_partner_ids(),
    )
    operation = fields.Selection(
        selection=OPERATIONS,
        required=True,
        default="add",
    )
    target = fields.Selection(
        selection=TARGETS,
        string="What",
        required=True,
        default="trait",
    )
    trait_ids = fields.Many2many(
        comodel_name="crm.retention.trait", string="CRM Traits"
    )
    dossier_action_ids = fields.Many2many(
        comodel_name="crm.retention.dossier.action", string="Dossier Actions"
    )
    scope = fields.Selection(
        selection=[
            ("person", "These contacts"),
            ("dossier", "Every person of their dossiers"),
        ],
        required=True,
        default="person",
    )
    date_end = fields.Date(string="Valid Until")

    def _default_partner_ids(self):
        if self.env.context.get("active_model") != "res.partner":
            return False
        return [fields.Command.set(self.env.context.get("active_ids") or [])]

    def action_confirm(self):
        self.ensure_one()
        definitions = (
            self.trait_ids if self.target == "trait" else self.dossier_action_ids
        )
        if not definitions:
            raise UserError(
                self.env._("Choose at least one CRM trait or dossier action.")
            )
        # Contacts out of the user's reach are not read back: none left is
        # an error, not a silent success that changes nothing.
        if not self.partner_ids:
            raise UserError(self.env._("Choose at least one contact you can access."))
        self.partner_ids._crm_retention_apply_definitions(
            self.target,
            self.operation,
            definitions=definitions,
            scope=self.scope,
            date_end=self.date_end,
        )
        return {"type": "ir.actions.act_window_close"}
