# Copyright 2026 crm_retention contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from .base import EXPORT_MODELS_PARAM, RESTRICT_EXPORT_PARAM
from .mail_activity import CRM_HISTORY_MODELS, HISTORY_MODELS_PARAM
from .mail_activity_type import KEEP_DONE_PARAM


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    crm_retention_keep_done = fields.Boolean(
        string="Keep Done Activities",
        config_parameter=KEEP_DONE_PARAM,
        help="Activities marked as done stay in the history of their record "
        "(all activity types). Off: the activity types keep done activities "
        "as before the install (Odoo's default: deleted).",
    )
    crm_retention_history_model_ids = fields.Many2many(
        comodel_name="ir.model",
        relation="crm_retention_settings_history_model_rel",
        string="Also Keep Activity History Of",
        domain=lambda self: [("model", "in", self._crm_retention_activity_models())],
        help="Contacts and leads/opportunities keep their activity history: "
        "a planned activity that is deleted, or whose document is archived, "
        "is cancelled and kept. Add other documents with activities here. "
        "Elsewhere Odoo's behaviour is unchanged.",
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

    @api.model
    def _crm_retention_activity_models(self):
        """Models with activities whose history may be kept too."""
        return [
            name
            for name, model in self.env.registry.items()
            if "activity_ids" in model._fields
            and not (model._abstract or model._transient)
            and name not in CRM_HISTORY_MODELS
        ]

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
        res["crm_retention_history_model_ids"] = self._crm_retention_get_models(
            HISTORY_MODELS_PARAM
        )
        res["crm_retention_erasure_field_ids"] = [
            fields.Command.set(
                self.env["crm.retention.erasure"]._erasure_field_records().ids
            )
        ]
        res["crm_retention_export_model_ids"] = self._crm_retention_get_models(
            EXPORT_MODELS_PARAM
        )
        return res

    def set_values(self):
        """Superuser: the addon's settings (ir.config_parameter). Checked
        first: the settings are for administrators (access rights of
        res.config.settings), as in Odoo."""
        keep_done_before = self.env["mail.activity.type"]._default_keep_done()
        res = super().set_values()
        self._crm_retention_set_models(
            HISTORY_MODELS_PARAM, self.crm_retention_history_model_ids
        )
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
        self._crm_retention_set_models(
            EXPORT_MODELS_PARAM, self.crm_retention_export_model_ids
        )
        return res

    def action_crm_retention_open_data_managers(self):
        """The users who read the sensitive fields: the Data Managers."""
        group = self.env.ref("crm_retention.crm_retention_group_manager")
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Data Managers"),
            "res_model": "res.users",
            "view_mode": "list,form",
            "domain": [("groups_id", "in", group.ids)],
            "context": {"default_groups_id": [fields.Command.link(group.id)]},
        }

    def _crm_retention_get_models(self, param):
        """The value of a Many2many to ir.model kept in a parameter as model
        names, comma-separated. Superuser: reading the setting."""
        names = self.env["ir.config_parameter"].sudo().get_param(param) or ""
        models = self.env["ir.model"].search([("model", "in", names.split(","))])
        return [fields.Command.set(models.ids)]

    def _crm_retention_set_models(self, param, models):
        """Keep models in a parameter (none: no parameter). Superuser: the
        setting; called by set_values (administrators)."""
        params = self.env["ir.config_parameter"].sudo()
        names = ",".join(sorted(models.mapped("model")))
        if names != (params.get_param(param) or ""):
            params.set_param(param, names or False)  # False deletes it

    # Recycle bin (kept at the end of the class).
    crm_retention_recycle_days = fields.Integer(
        string="Keep Deleted Records (Days)",
        config_parameter="crm_retention.recycle_bin_days",
        default=30,
        help="Deleted contacts, leads and activities stay in the Recycle Bin "
        "this many days, then a daily scheduled action purges their data.",
    )
