# Copyright 2026 crm_retention contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json

from odoo import api, models
from odoo.exceptions import AccessError
from odoo.osv import expression

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
        """Superuser: reading the setting (which fields are sensitive), no
        data."""
        param = self.env["ir.config_parameter"].sudo().get_param(SENSITIVE_PARAM)
        return json.loads(param or "[]")

    @api.model
    def _crm_retention_sensitive_fields(self):
        """The ir.model.fields records of the fields marked sensitive.
        Superuser: reading field definitions, no data."""
        names = self._crm_retention_sensitive_names()
        domain = [("model", "in", SENSITIVE_MODELS)]
        return (
            self.sudo()
            .search(domain)
            .filtered(lambda field: f"{field.model}.{field.name}" in names)
        )

    @api.model
    def _crm_retention_set_sensitive_fields(self, field_records):
        """Superuser: writing the setting. Checked first: administrators
        only (base.group_system)."""
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


def check_sensitive_field_access(records, operation, field_names, check):
    """Sensitive fields are hidden from users without the group, but they
    may still be written (a new contact's phone number, the values copied
    by Odoo's duplicate, merge and convert flows): the group is enforced on
    reading only. ``check`` is the model's original check."""
    if operation == "read" or records.env.su or not field_names:
        return check(operation, field_names)
    fields = records._fields
    others = [
        name
        for name in field_names
        if not (name in fields and fields[name].groups == SENSITIVE_GROUP)
    ]
    check(operation, others)
    return field_names


def copy_data_without_hidden(records, copy_data, default):
    """Odoo's Duplicate reads every copied field: for a user who may not
    read a sensitive field, the copy leaves it empty instead of failing.
    Superuser: reading the copied values; the hidden fields are left out.
    Checked first: the user may read the records (access rights, record
    rules)."""
    env = records.env
    fields = records._fields
    hidden = {
        name
        for name, field in fields.items()
        if field.groups == SENSITIVE_GROUP and not field.is_accessible(env)
    }
    if not hidden:
        return copy_data(records, default)
    records.check_access("read")
    vals_list = copy_data(records.sudo(), default)
    return [{k: v for k, v in vals.items() if k not in hidden} for vals in vals_list]


def display_name_domain(records, operator, value, search_display_name):
    """Searching records by name also searches fields such as the email of
    contacts: leave out the sensitive ones the user may not read."""
    env = records.env
    fields = records._fields
    names = records._rec_names_search or []
    visible = [name for name in names if fields[name.split(".")[0]].is_accessible(env)]
    if visible == list(names):
        return search_display_name(operator, value)
    domains = [[(name, operator, value)] for name in visible]
    if operator in expression.NEGATIVE_TERM_OPERATORS:
        return expression.AND(domains)
    return expression.OR(domains)
