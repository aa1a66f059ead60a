# Copyright 2026 crm_retention contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError


class CrmRetentionMarkFormer(models.TransientModel):
    _name = "crm.retention.mark.former"
    _description = "Mark relations as former"

    partner_ids = fields.Many2many(
        comodel_name="res.partner",
        string="Relations",
        required=True,
        default=lambda self: self._default_partner_ids(),
    )
    reason_id = fields.Many2one(
        comodel_name="crm.retention.former.reason",
    )
    contact_ids = fields.Many2many(
        comodel_name="res.partner",
        relation="crm_retention_mark_former_contact_rel",
        compute="_compute_contact_ids",
        string="Current Contacts",
        help="Current contacts of the selected companies.",
    )
    contact_count = fields.Integer(compute="_compute_contact_ids")
    include_contacts = fields.Boolean(
        string="Their Contacts Too",
        default=True,
        help="Also mark the current contacts of the selected companies as former.",
    )

    def _default_partner_ids(self):
        if self.env.context.get("active_model") != "res.partner":
            return False
        return [fields.Command.set(self.env.context.get("active_ids") or [])]

    @api.depends("partner_ids")
    def _compute_contact_ids(self):
        for wizard in self:
            companies = wizard.partner_ids.filtered("is_company")
            contacts = (
                self.env["res.partner"].search(
                    [
                        ("parent_id", "in", companies.ids),
                        ("is_former", "=", False),
                        ("id", "not in", wizard.partner_ids.ids),
                    ]
                )
                if companies
                else self.env["res.partner"]
            )
            wizard.contact_ids = contacts
            wizard.contact_count = len(contacts)

    def action_confirm(self):
        self.ensure_one()
        if not self.partner_ids:
            raise UserError(self.env._("Select the relations to mark as former."))
        partners = self.partner_ids
        if self.include_contacts:
            partners |= self.contact_ids
        partners.filtered(lambda p: not p.is_former).write(
            {"is_former": True, "former_reason_id": self.reason_id.id}
        )
        return {"type": "ir.actions.act_window_close"}
