# Copyright 2026 crm_retention contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json

from odoo import api, models
from odoo.exceptions import AccessError

SENSITIVE_MODELS = ("res.partner", "crm.lead")
SENSITIVE_PARAM = "crm_retention.sensitive_fields"
SENSITIVE_GROUP = "crm_retention.crm_retention_group_sensitive"
# Field types that carry a copy of a text value.
VALUE_TYPES = ("char", "text", "html")
# Fields never hidden as copies: every screen needs them, and they carry a
# value only where the user asked for it (display_name with 'show_email'
# is handled by res.partner itself).
NEVER_DERIVED = ("display_name", "name", "complete_name")
# The company's own email and phone (printed on every document, shown in
# the document layout) are not a person's data: not hidden with contacts'.
NEVER_DERIVED_MODELS = ("res.company", "base.document.layout")
# Fields without a value of their own whose search matches other fields.
SEARCH_ONLY = {"phone_mobile_search": ("phone", "mobile", "phone_sanitized")}


def sensitive_closure(registry, marked):
    """The fields that carry the value of a marked field, as 'model.field'
    names: the marked fields, the text fields computed from them on the same
    model (email -> email_normalized -> ...), and the text fields of any
    model related to them or computed from them through relations (the
    lead's email_from from partner_id.email; res.users' inherited email;
    mail.followers.email). Found through the registry, not hard-coded."""
    closure = set(marked)
    candidates = [
        (model_name, field)
        for model_name, model in registry.items()
        if not model._abstract and model_name not in NEVER_DERIVED_MODELS
        for field in model._fields.values()
        if field.type in VALUE_TYPES
        and field.name not in NEVER_DERIVED
        and field.groups in (None, False, "", SENSITIVE_GROUP)
        and (field.related or field.compute)
    ]
    changed = True
    while changed:
        changed = False
        for model_name, field in candidates:
            name = f"{model_name}.{field.name}"
            if name in closure:
                continue
            paths = [field.related] if field.related else []
            paths += registry.field_depends.get(field, ())
            if any(
                _path_ends_in(registry, model_name, path, closure) for path in paths
            ):
                closure.add(name)
                changed = True
    # Search-only fields that match the value (mail's phone search).
    for model_name, model in registry.items():
        for fname, sources in SEARCH_ONLY.items():
            if fname in model._fields and any(
                f"{model_name}.{source}" in closure for source in sources
            ):
                closure.add(f"{model_name}.{fname}")
    return closure


def _path_ends_in(registry, model_name, path, names):
    """Whether the dotted path, read from model_name, ends in a field of
    names."""
    if isinstance(path, (list, tuple)):
        path = ".".join(path)
    model = registry[model_name]
    parts = path.split(".")
    for part in parts[:-1]:
        field = model._fields.get(part)
        if field is None or not field.relational:
            return False
        model = registry[field.comodel_name]
    return f"{model._name}.{parts[-1]}" in names


class IrModelFields(models.Model):
    """Sensitive fields: the fields of contacts and leads an administrator
    marks in the CRM settings, and every field that carries their value (see
    sensitive_closure), get the group 'Sensitive Fields' as their groups,
    exactly as if their code declared it. Odoo then hides them from views
    and fields_get, and refuses them to read, search, export and RPC; the
    addon's base override (models/base.py) lets server code (computes,
    onchanges, mail) still use their values, and keeps those values out of
    everything sent to a user outside the group.

    The field objects live in the registry: the marks are applied when the
    registry loads (_register_hook, so at every server start and in every
    worker), and a change in the settings is applied at once in this worker
    and signalled to the other workers, which reload their registry."""

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
        """The ir.model.fields records of the fields marked sensitive."""
        return self._crm_retention_field_records(self._crm_retention_sensitive_names())

    @api.model
    def _crm_retention_field_records(self, names):
        by_model = {}
        for name in names:
            model, __, fname = name.rpartition(".")
            by_model.setdefault(model, []).append(fname)
        if not by_model:
            return self.browse()
        return (
            self.sudo()
            .search([("model", "in", list(by_model))])
            .filtered(lambda field: field.name in by_model[field.model])
        )

    @api.model
    def _crm_retention_markable_ids(self):
        """The fields the settings offer: fields of contacts and leads that
        people type in (Email, Phone, Street...; their computed variants
        such as the normalized email come along, listed as 'Also hidden'),
        whose code declares no groups of their own (those are hidden
        already, and marking them would change nothing)."""
        code_groups = self._crm_retention_code_groups()
        fields = self.sudo().search([("model", "in", SENSITIVE_MODELS)])
        return fields.filtered(
            lambda field: field.name in self.env[field.model]._fields
            and f"{field.model}.{field.name}" not in code_groups
            and is_typed_in(self.env[field.model]._fields[field.name])
        ).ids

    @api.model
    def _crm_retention_code_groups(self):
        """Names of the fields whose code declares groups: remembered when
        the registry is loaded, before any mark is applied."""
        registry = self.env.registry
        if not hasattr(registry, "_crm_retention_code_groups"):
            registry._crm_retention_code_groups = {
                f"{model_name}.{name}"
                for model_name in SENSITIVE_MODELS
                if model_name in registry
                for name, field in registry[model_name]._fields.items()
                if field.groups and field.groups != SENSITIVE_GROUP
            }
        return registry._crm_retention_code_groups

    @api.model
    def _crm_retention_derived_names(self, names=None):
        """What marking names hides: the marked fields and their copies."""
        if names is None:
            names = self._crm_retention_sensitive_names()
        return sorted(sensitive_closure(self.env.registry, set(names)))

    @api.model
    def _crm_retention_set_sensitive_fields(self, field_records):
        """Superuser: writing the setting. Checked first: administrators
        only (base.group_system)."""
        if not self.env.user.has_group("base.group_system"):
            raise AccessError(
                self.env._("Only administrators choose sensitive fields.")
            )
        markable = set(self._crm_retention_markable_ids())
        names = sorted(
            f"{field.model}.{field.name}"
            for field in field_records
            if field.id in markable
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
        self._crm_retention_code_groups()
        if names is None:
            names = self._crm_retention_sensitive_names()
        registry = self.env.registry
        hidden = sensitive_closure(registry, set(names)) if names else set()
        for model_name, model in registry.items():
            for field in model._fields.values():
                if f"{model_name}.{field.name}" in hidden:
                    if not field.groups:
                        field.groups = SENSITIVE_GROUP
                elif field.groups == SENSITIVE_GROUP:
                    field.groups = None
        # Views and fields_get are cached with the fields a user may read.
        registry.clear_cache("default", "templates")


def is_typed_in(field):
    """Whether people type this field's value: not Odoo's bookkeeping (id,
    create and write dates and users), not a read-only computed copy, not
    a list of other records."""
    return not (
        field.automatic
        or field.name in models.MAGIC_COLUMNS
        or (field.compute and field.readonly)
        or field.type == "one2many"
    )


def is_hidden(field, env):
    """Whether field is a sensitive field the real user of env may not
    read (also when env is a superuser env made by sudo())."""
    return field.groups == SENSITIVE_GROUP and not field.is_accessible(env(su=False))
