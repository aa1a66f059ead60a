# Copyright 2026 crm_retention contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json

from odoo import api, models
from odoo.exceptions import AccessError

SENSITIVE_MODELS = ("res.partner", "crm.lead")
SENSITIVE_PARAM = "crm_retention.sensitive_fields"
SENSITIVE_GROUP = "crm_retention.crm_retention_group_sensitive"


class IrModelFields(models.Model):
    """Sensitive fields: the fields of contacts and leads an administrator
    marks in the CRM settings get the group 'Sensitive Fields' as their
    groups, exactly as if their code declared it. Odoo then enforces it
    everywhere: views and fields_get leave them out, read, search, export
    and RPC refuse them. The field objects live in the registry: the marks
    are applied when the registry loads (_register_hook, so at every server
    start and in every worker), and a change in the settings is applied at
    once in this worker and signalled to the other workers, which reload
    their registry."""

    _inherit = "ir.model.fields"

    def _register_hook(self):
        super()._register_hook()
        self._crm_retention_apply_sensitive_fields()

    @api.model
    def _crm_retention_sensitive_names(self):
        param = self.env["ir.config_parameter"].sudo().get_param(SENSITIVE_PARAM)
        return json.loads(param or "[]")

    @api.model
    def _crm_retention_sensitive_fields(self):
        """The ir.model.fields records of the fields marked sensitive."""
        names = self._crm_retention_sensitive_names()
        domain = [("model", "in", SENSITIVE_MODELS)]
        return (
            self.sudo()
            .search(domain)
            .filtered(lambda field: f"{field.model}.{field.name}" in names)
        )

    @api.model
    def _crm_retention_set_sensitive_fields(self, field_records):
        if not self.env.user.has_group("base.group_system"):
            raise AccessError(
                self.env._("Only administrators choose sensitive fields.")
            )
        names = sorted(
            f"{field.model}.{field.name}"
            for field in field_records
            if field.model in SENSITIVE_MODELS and not field.groups
        )
        self.env["ir.config_parameter"].sudo().set_param(
            SENSITIVE_PARAM, json.dumps(names)
        )
        self._crm_retention_apply_sensitive_fields(names)
        # Other workers reload their registry, and so apply the new marks.
        self.env.registry.registry_invalidated = True

    @api.model
    def _crm_retention_apply_sensitive_fields(self, names=None):
        """Set (or remove) the group on the registry's field objects."""
        if names is None:
            names = self._crm_retention_sensitive_names()
        names = set(names)
        for model_name in SENSITIVE_MODELS:
            if model_name not in self.env:
                continue
            for field in self.env[model_name]._fields.values():
                if f"{model_name}.{field.name}" in names:
                    if not field.groups:
                        field.groups = SENSITIVE_GROUP
                elif field.groups == SENSITIVE_GROUP:
                    field.groups = None
        # Views and fields_get are cached with the fields a user may read.
        self.env.registry.clear_cache("default", "templates")
