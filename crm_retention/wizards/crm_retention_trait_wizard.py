# Copyright 2026 crm_retention contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from markupsafe import escape

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
    reason = fields.Char(
        string="Why",
        help="Why it is removed (e.g. the person withdrew their consent by "
        "phone): kept on the ended line and in the contact's chatter.",
    )

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
            note=self.reason,
        )
        self._log_in_chatter(definitions)
        return {"type": "ir.actions.act_window_close"}

    def _log_in_chatter(self, definitions):
        """A consent change must be traceable: one note on each contact
        (or the company holding the dossier action), in one batch."""
        names = ", ".join(definitions.mapped("name"))
        kind = (
            self.env._("CRM trait")
            if self.target == "trait"
            else self.env._("Dossier action")
        )
        if self.operation == "add":
            body = self.env._("%(kind)s added: %(names)s", kind=kind, names=names)
            if self.date_end:
                body = self.env._(
                    "%(body)s (valid until %(date)s)",
                    body=body,
                    date=fields.Date.to_string(self.date_end),
                )
        elif self.reason:
            body = self.env._(
                "%(kind)s removed: %(names)s. Why: %(reason)s",
                kind=kind,
                names=names,
                reason=self.reason,
            )
        else:
            body = self.env._("%(kind)s removed: %(names)s", kind=kind, names=names)
        partners = self.partner_ids
        if self.target == "dossier_action":
            partners = partners.commercial_partner_id
        partners._message_log_batch(bodies=dict.fromkeys(partners.ids, escape(body)))
