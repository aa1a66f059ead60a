# Copyright 2026 crm_retention contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from .base import EXPORT_MODELS_PARAM, RESTRICT_EXPORT_PARAM
from .mail_activity_type import KEEP_DONE_PARAM


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    crm_retention_keep_done = fields.Boolean(
        string="Keep Done Activities",
        config_parameter=KEEP_DONE_PARAM,
        help="Activities marked as done stay in the history of their record "
        "(all activity types). Off: Odoo's default, done activities are "
        "deleted unless their type keeps them.",
    )

    crm_retention_restrict_export = fields.Boolean(
        string="Only Data Managers Export",
        config_parameter=RESTRICT_EXPORT_PARAM,
        help="Only Data Managers export contacts, leads/opportunities, "
        "activities, CRM Retention's records and the models added below; "
        "other apps export as before. On after installation. Off: whoever "
        "has Odoo's 'Access to export feature' exports them.",
    )
    crm_retention_export_model_ids = fields.Many2many(
        comodel_name="ir.model",
        relation="crm_retention_settings_export_model_rel",
        string="Also Restricted",
        domain=[("transient", "=", False)],
        help="Other models whose records only Data Managers export while 'Only "
        "Data Managers Export' is on.",
    )
    crm_retention_sensitive_field_ids = fields.Many2many(
        comodel_name="ir.model.fields",
        string="Sensitive Fields",
        domain=lambda self: [
            ("id", "in", self.env["ir.model.fields"]._crm_retention_markable_ids())
        ],
        help="Only members of 'Sensitive Fields' (Data Managers) can read "
        "these fields of contacts and leads: hidden in views, refused "
        "through RPC and export.",
    )
    crm_retention_sensitive_derived = fields.Text(
        string="Also Hidden",
        compute="_compute_crm_retention_sensitive_derived",
        help="The fields that carry the value of a sensitive field (its "
        "normalized and formatted copies, the lead's copy of the contact's "
        "email, the user's email...): hidden with it.",
    )

    crm_retention_erasure_field_ids = fields.Many2many(
        comodel_name="ir.model.fields",
        relation="crm_retention_settings_erasure_field_rel",
        string="Erased Fields",
        domain=lambda self: self.env["crm.retention.erasure"]._erasable_fields_domain(),
        help="Fields of contacts and leads that 'Erase Personal Data' empties. "
        "The name becomes a pseudonym; links, amounts, stages and dates stay.",
    )

    @api.depends("crm_retention_sensitive_field_ids")
    def _compute_crm_retention_sensitive_derived(self):
        IrModelFields = self.env["ir.model.fields"].sudo()
        for settings in self:
            marked = {
                f"{field.model}.{field.name}"
                for field in settings.crm_retention_sensitive_field_ids
            }
            derived = set(IrModelFields._crm_retention_derived_names(marked)) - marked
            records = IrModelFields._crm_retention_field_records(derived)
            settings.crm_retention_sensitive_derived = (
                "\n".join(
                    sorted(
                        f"{field.field_description} ({field.model_id.name})"
                        for field in records
                    )
                )
                or False
            )

    def get_values(self):
        res = super().get_values()
        res["crm_retention_sensitive_field_ids"] = [
            fields.Command.set(
                self.env["ir.model.fields"]._crm_retention_sensitive_fields().ids
            )
        ]
        res["crm_retention_erasure_field_ids"] = [
            fields.Command.set(
                self.env["crm.retention.erasure"]._erasure_field_records().ids
            )
        ]
        added = self.env["ir.config_parameter"].sudo().get_param(EXPORT_MODELS_PARAM)
        res["crm_retention_export_model_ids"] = [
            fields.Command.set(
                self.env["ir.model"]
                .search([("model", "in", (added or "").split(","))])
                .ids
            )
        ]
        return res

    def set_values(self):
        """Superuser: the addon's settings (ir.config_parameter). Checked
        first: the settings are for administrators (access rights of
        res.config.settings), as in Odoo."""
        keep_done_before = self.env["mail.activity.type"]._default_keep_done()
        res = super().set_values()
        if self.crm_retention_keep_done != keep_done_before:
            self.env["mail.activity.type"]._crm_retention_apply_keep_done()
        IrModelFields = self.env["ir.model.fields"]
        sensitive = self.crm_retention_sensitive_field_ids
        if sensitive != IrModelFields._crm_retention_sensitive_fields():
            IrModelFields._crm_retention_set_sensitive_fields(sensitive)
        Erasure = self.env["crm.retention.erasure"]
        erased = self.crm_retention_erasure_field_ids
        if erased != Erasure._erasure_field_records():
            Erasure._set_erasure_fields(erased)
        added = ",".join(sorted(self.crm_retention_export_model_ids.mapped("model")))
        self.env["ir.config_parameter"].sudo().set_param(
            EXPORT_MODELS_PARAM, added or False
        )
        return res
