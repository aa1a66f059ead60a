# Copyright 2026 crm_retention contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command, api, fields, models

from ..models.erasure_scope import ASSIGNMENT_MODELS


class CrmRetentionErase(models.TransientModel):
    """Erase Personal Data: shows what an erasure keeps and erases, and
    erases only once confirmed."""

    _name = "crm.retention.erase"
    _description = "Erase personal data"

    partner_ids = fields.Many2many(
        comodel_name="res.partner",
        string="Contacts",
        required=True,
        context={"active_test": False},
    )
    line_ids = fields.One2many(
        comodel_name="crm.retention.erase.line",
        inverse_name="wizard_id",
        compute="_compute_line_ids",
        store=True,
        readonly=False,
        string="Their Contacts",
        help="Contacts of the selected companies: erased only when ticked.",
    )
    reason = fields.Char(help="E.g. the reference of the request. No personal data.")
    # What stays, pseudonymised.
    lead_count = fields.Integer(string="Opportunities", compute="_compute_counts")
    activity_count = fields.Integer(string="Activities", compute="_compute_counts")
    message_count = fields.Integer(string="Messages", compute="_compute_counts")
    trait_count = fields.Integer(
        string="Traits and Dossier Actions", compute="_compute_counts"
    )
    # What goes.
    field_count = fields.Integer(string="Personal Fields", compute="_compute_counts")
    attachment_count = fields.Integer(string="Attachments", compute="_compute_counts")
    tracking_count = fields.Integer(string="Tracking Values", compute="_compute_counts")
    mail_count = fields.Integer(
        string="Queued Emails and Notifications", compute="_compute_counts"
    )
    follower_count = fields.Integer(string="Followers", compute="_compute_counts")
    log_count = fields.Integer(string="Deletion Log Entries", compute="_compute_counts")

    @api.model
    def default_get(self, fields_list):
        res = super().default_get(fields_list)
        if self.env.context.get("active_model") == "res.partner":
            partners = self.env["res.partner"].browse(
                self.env.context.get("active_ids") or []
            )
            self.env["crm.retention.erasure"]._check_erasable(partners)
            res["partner_ids"] = [Command.set(partners.ids)]
        return res

    @api.depends("partner_ids")
    def _compute_line_ids(self):
        Partner = self.env["res.partner"].with_context(active_test=False)
        for wizard in self:
            companies = wizard.partner_ids.filtered("is_company")
            contacts = (
                Partner.search(
                    [
                        ("parent_id", "in", companies.ids),
                        ("id", "not in", wizard.partner_ids.ids),
                        ("is_erased", "=", False),
                    ]
                )
                if companies
                else Partner
            )
            wizard.line_ids = [Command.clear()] + [
                Command.create({"partner_id": contact.id}) for contact in contacts
            ]

    @api.depends("partner_ids", "line_ids.erase")
    def _compute_counts(self):
        Erasure = self.env["crm.retention.erasure"]
        for wizard in self:
            # Superuser: the preview's counts only, of the contacts the
            # Data Manager may read; _erase checks everything before writing.
            partners = wizard._partners_to_erase()
            if not self.env.su:
                partners = partners._filtered_access("read")
            plan = Erasure.sudo()._erasure_plan(partners) if partners else {}
            fields_of = plan.get("fields", {})
            leads = self.env["crm.lead"].sudo().browse(list(plan.get("lead", {})))
            wizard.lead_count = len(leads)
            wizard.activity_count = len(plan.get("activity", {}))
            wizard.message_count = len(plan.get("message", {}))
            wizard.trait_count = sum(
                self.env[model]
                .sudo()
                .with_context(active_test=False)
                .search_count([("partner_id", "in", partners.ids)])
                for model in ASSIGNMENT_MODELS
            )
            wizard.field_count = sum(
                1
                for model, records in (
                    ("res.partner", partners.sudo()),
                    ("crm.lead", leads),
                )
                for record in records
                for fname in fields_of.get(model, [])
                if record[fname]
            )
            wizard.attachment_count = len(plan.get("attachment", {}))
            wizard.tracking_count = len(plan.get("tracking", {}))
            wizard.mail_count = len(plan.get("mail", {})) + len(
                plan.get("notification", {})
            )
            wizard.follower_count = len(plan.get("follower", {}))
            wizard.log_count = len(plan.get("log", {}))

    def _partners_to_erase(self):
        self.ensure_one()
        return self.partner_ids | self.line_ids.filtered("erase").partner_id

    def action_erase(self):
        self.ensure_one()
        entries = self.env["crm.retention.erasure"]._erase(
            self._partners_to_erase(), reason=self.reason
        )
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": self.env._(
                    "Personal data erased: %(names)s. The history stays.",
                    names=", ".join(entries.mapped("name")),
                ),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }


class CrmRetentionEraseLine(models.TransientModel):
    _name = "crm.retention.erase.line"
    _description = "Contact of a company to erase"

    wizard_id = fields.Many2one(
        comodel_name="crm.retention.erase", required=True, ondelete="cascade"
    )
    partner_id = fields.Many2one(
        comodel_name="res.partner", string="Contact", required=True, readonly=True
    )
    function = fields.Char(related="partner_id.function")
    erase = fields.Boolean(string="Erase Too")
