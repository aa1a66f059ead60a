# Copyright 2026 crm_retention contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import ast
import re

from lxml import etree

from odoo import api, models
from odoo.exceptions import AccessError
from odoo.models import fix_import_export_id_paths
from odoo.osv import expression

from .data_manager import is_data_manager
from .ir_model_fields import SENSITIVE_GROUP, is_hidden

RESTRICT_EXPORT_PARAM = "crm_retention.restrict_export"
# Models an administrator adds to the restriction: model names, comma-separated.
EXPORT_MODELS_PARAM = "crm_retention.export_restricted_models"
# CRM data whose export the restriction always covers, besides the
# addon's own models.
EXPORT_RESTRICTED_MODELS = ("res.partner", "crm.lead", "mail.activity")
# What an export may read of a restricted record reached through a
# relation (e.g. an order's customer in an import-compatible export): its
# identifiers, as the relation's own column shows its name.
IDENTIFIERS = ("id", ".id", "display_name")

# Stands for `self` while a search view's filter_domain is parsed.
SELF_MARK = "__crm_retention_self__"
# A field of the record in a kanban card's QWeb (record.phone.raw_value).
RECORD_FIELD = re.compile(r"\brecord\.(\w+)(?:\.\w+)?")
# Attributes of view nodes that hold a Python expression on the record.
EXPRESSION_ATTRS = {
    "context",
    "domain",
    "invisible",
    "readonly",
    "required",
    "column_invisible",
}


def is_expression(attr):
    return attr in EXPRESSION_ATTRS or attr.startswith("decoration-")


class Base(models.AbstractModel):
    """How sensitive fields behave, on every model that has some (contacts,
    leads, and the models that copy their values). A field of another
    module is only concerned once an administrator marks a field it copies:
    every method below first checks for the addon's group on the field, and
    does nothing else otherwise.

    - Reading is refused to users outside the group (Odoo's own check, as
      the field declares the group), but server code still reads the value:
      computes, onchanges and mail need it (_fetch_field).
    - Values never reach such a user: they are left out of what is formatted
      for the client (_read_format: chatter data, web_read), of exports, of
      name searches, and of the text search of search views.
    - Writing stays allowed (a salesperson types a new contact's email).

    And who exports CRM data: only Data Managers (setting 'Only Data
    Managers Export'): contacts, leads/opportunities, activities, the
    addon's own models and the models an administrator adds. Other apps'
    export stays as Odoo has it (the group 'Access to export feature'),
    except the fields of CRM records reached through a relation (a contact
    tag's contacts' emails). Every export of the web client (Export,
    Export All, grouped, CSV or XLSX) and of RPC goes through export_data;
    the /json route is checked in controllers/web_json.py."""

    _inherit = "base"

    def check_field_access_rights(self, operation, field_names):
        """Refuse sensitive fields to read, search and export as Odoo does;
        allow them to write, and to the searches Odoo makes while it
        computes or writes records (e.g. crm's duplicate detection on the
        email), which hand no value to the user."""
        if self.env.su or not field_names:
            return super().check_field_access_rights(operation, field_names)
        if operation == "read" and not self.env._protected:
            return super().check_field_access_rights(operation, field_names)
        fields = self._fields
        others = [
            name
            for name in field_names
            if not (name in fields and fields[name].groups == SENSITIVE_GROUP)
        ]
        super().check_field_access_rights(operation, others)
        return field_names

    def _fetch_field(self, field):
        if field.groups == SENSITIVE_GROUP and not self.env.su:
            # The value comes into the cache for server code; read(),
            # search() and _read_format() keep refusing or hiding it.
            return super(Base, self.sudo())._fetch_field(field)
        return super()._fetch_field(field)

    def _read_format(self, fnames, load="_classic_read"):
        result = super()._read_format(fnames, load=load)
        hidden = [
            name
            for name in fnames
            if name in self._fields and is_hidden(self._fields[name], self.env)
        ]
        for values in result if hidden else ():
            for name in hidden:
                if name in values:
                    values[name] = False
        return result

    def export_data(self, fields_to_export):
        # Odoo's own check (super) says what is missing to a user without
        # the export group: the restriction is checked for the others.
        if self.env.is_admin() or self.env.user.has_group("base.group_allow_export"):
            self._crm_retention_check_export(fields_to_export)
        for path in fields_to_export:
            self._crm_retention_check_path(path.replace("/", ".").split("."))
        return super().export_data(fields_to_export)

    def _crm_retention_check_path(self, parts):
        """Refuse a field path (e.g. partner_id.email) through a hidden
        field."""
        model = self
        for part in parts:
            field = model._fields.get(part)
            if field is None:
                return
            if is_hidden(field, self.env):
                raise AccessError(
                    self.env._(
                        "You may not read the field %(field)s.",
                        field=field.get_description(self.env)["string"],
                    )
                )
            if not field.relational:
                return
            model = self.env[field.comodel_name]

    @api.model
    def _search_display_name(self, operator, value):
        """Searching records by name also searches fields such as the email
        of contacts: the hidden ones are left out."""
        names = self._rec_names_search or []
        visible = [
            name
            for name in names
            if not is_hidden(self._fields[name.split(".")[0]], self.env)
        ]
        if visible == list(names):
            return super()._search_display_name(operator, value)
        domains = [[(name, operator, value)] for name in visible]
        if operator in expression.NEGATIVE_TERM_OPERATORS:
            return expression.AND(domains)
        return expression.OR(domains)

    @api.model
    def _search(self, domain, offset=0, limit=None, order=None):
        """Odoo refuses a search on a stored field the user may not read;
        the same for the hidden fields that only have a search method (e.g.
        mail's phone_mobile_search). The searches Odoo makes while it
        computes or writes records stay allowed (see above)."""
        if not self.env.su and not self.env._protected and domain:
            hidden = [
                leaf[0]
                for leaf in domain
                if isinstance(leaf, (list, tuple))
                and isinstance(leaf[0], str)
                and leaf[0].split(".")[0] in self._fields
                and is_hidden(self._fields[leaf[0].split(".")[0]], self.env)
            ]
            if hidden:
                self.check_field_access_rights("read", [hidden[0].split(".")[0]])
        return super()._search(domain, offset=offset, limit=limit, order=order)

    @api.model
    def get_view(self, view_id=None, view_type="form", **options):
        """Views without the hidden fields: Odoo leaves out the field nodes,
        but still adds the fields that expressions use (a context with
        'default_email': email_from): those go too, and the expressions read
        False instead. The text search of a search view (filter_domain)
        leaves them out, so that a plain search simply does not match hidden
        values instead of failing."""
        result = super().get_view(view_id, view_type, **options)
        if any(
            field.groups == SENSITIVE_GROUP
            for model in result.get("models", {})
            for field in self.env[model]._fields.values()
        ):
            result["arch"] = self._crm_retention_visible_arch(result["arch"], view_type)
        return result

    @api.model
    def _crm_retention_visible_arch(self, arch, view_type):
        node = etree.fromstring(arch)
        self._crm_retention_drop_used_fields(node)
        self._crm_retention_blank_qweb(node)
        self._crm_retention_drop_orphan_labels(node)
        if view_type == "search":
            for element in node.xpath("//*[@filter_domain]"):
                domain = self._crm_retention_visible_domain(
                    element.get("filter_domain")
                )
                if domain is None:
                    element.getparent().remove(element)
                else:
                    element.set("filter_domain", domain)
        return etree.tostring(node, encoding="unicode")

    @api.model
    def _crm_retention_drop_used_fields(self, node):
        """The hidden fields Odoo added for expressions go; the expressions
        read False instead."""
        for field_node in node.xpath("//field[@data-used-by]"):
            root = field_node.getparent()
            model = self._crm_retention_node_model(root)
            name = field_node.get("name")
            if model is None or name not in model._fields:
                continue
            if not is_hidden(model._fields[name], self.env):
                continue
            root.remove(field_node)
            pattern = re.compile(rf"(?<![\w.'\"]){re.escape(name)}(?![\w'\"])")
            for element in root.iter():
                for attr, value in element.attrib.items():
                    if is_expression(attr) and name in value:
                        element.set(attr, pattern.sub("False", value))

    @api.model
    def _crm_retention_blank_qweb(self, node):
        """QWeb of kanban cards: record.phone.raw_value reads false."""
        for element in node.iter():
            for attr, value in element.attrib.items():
                if not attr.startswith("t-") or "record." not in value:
                    continue
                model = self._crm_retention_node_model(element)
                if model is None:
                    continue
                element.set(
                    attr,
                    RECORD_FIELD.sub(
                        lambda match, model=model: "false"
                        if match.group(1) in model._fields
                        and is_hidden(model._fields[match.group(1)], self.env)
                        else match.group(0),
                        value,
                    ),
                )

    @api.model
    def _crm_retention_drop_orphan_labels(self, node):
        """No gap where a hidden field stood: its label (for= the field or
        the id of its node) goes, with the row that held only the field."""
        targets = {e.get("id") for e in node.iter() if e.get("id")}
        targets |= {e.get("name") for e in node.iter("field")}
        for label in node.xpath("//label[@for]"):
            if label.get("for") in targets:
                continue
            parent, row = label.getparent(), label.getnext()
            parent.remove(label)
            if row is not None and row.tag == "div" and not row.xpath(".//field"):
                parent.remove(row)

    @api.model
    def _crm_retention_node_model(self, node):
        """The model of the (sub)view node belongs to."""
        names = [a.get("name") for a in node.iterancestors() if a.tag == "field"]
        if node.tag == "field":
            names.insert(0, node.get("name"))
        model = self
        for name in reversed(names):
            field = model._fields.get(name)
            if field is None or not field.relational:
                return None
            model = self.env[field.comodel_name]
        return model

    @api.model
    def _crm_retention_visible_domain(self, text):
        """The filter_domain without its leaves on hidden fields (None when
        nothing is left); unchanged when it cannot be parsed."""
        try:
            domain = ast.literal_eval(
                re.sub(r"\bself\b", repr(SELF_MARK), text).replace("\n", " ")
            )
        except (ValueError, SyntaxError):
            return text
        leaves = [
            leaf
            for leaf in expression.normalize_domain(domain)
            if isinstance(leaf, (list, tuple))
        ]
        if len(leaves) + sum(
            1 for token in expression.normalize_domain(domain) if token == "|"
        ) != len(expression.normalize_domain(domain)):
            return text  # not a plain OR of leaves: left as it is
        visible = [
            leaf
            for leaf in leaves
            if not (
                leaf[0].split(".")[0] in self._fields
                and is_hidden(self._fields[leaf[0].split(".")[0]], self.env)
            )
        ]
        if len(visible) == len(leaves):
            return text
        if not visible:
            return None
        new = expression.OR([[leaf] for leaf in visible])
        return repr(new).replace(repr(SELF_MARK), "self")

    @api.model
    def _crm_retention_check_export(self, fields_to_export=()):
        """Refuse to export this model, or the fields of a restricted model
        reached through a field path (partner_id/email), to a user who may
        not export it."""
        blocked = self._crm_retention_export_blocked_models()
        if not blocked:
            return
        if self._name in blocked:
            self._crm_retention_raise_export(self)
        for path in fields_to_export:
            model = self
            parts = fix_import_export_id_paths(path)
            for index, part in enumerate(parts[:-1]):
                field = model._fields.get(part)
                if field is None or not field.relational:
                    break
                model = self.env[field.comodel_name]
                if model._name in blocked and parts[index + 1 :] not in (
                    [name] for name in IDENTIFIERS
                ):
                    self._crm_retention_raise_export(model)

    @api.model
    def _crm_retention_raise_export(self, model):
        raise AccessError(
            self.env._(
                'Only Data Managers can export "%(model)s" records. Ask a Data '
                "Manager.",
                model=self.env["ir.model"]._get(model._name).name,
            )
        )

    @api.model
    def _crm_retention_export_blocked_models(self):
        """The models the current user may not export (empty when the
        restriction is off, for Data Managers and for the superuser)."""
        if is_data_manager(self.env):
            return set()
        params = self.env["ir.config_parameter"].sudo()
        if params.get_param(RESTRICT_EXPORT_PARAM) != "True":
            return set()
        return self._crm_retention_export_restricted_models()

    @api.model
    def _crm_retention_export_restricted_models(self):
        """CRM data, the addon's own models (those it defines, not those it
        extends) and the models an administrator added in the settings."""
        registry = self.env.registry
        names = set(EXPORT_RESTRICTED_MODELS)
        names.update(
            name
            for name, model in registry.items()
            if model._original_module == "crm_retention" and not model._abstract
        )
        added = self.env["ir.config_parameter"].sudo().get_param(EXPORT_MODELS_PARAM)
        names.update(name for name in (added or "").split(",") if name in registry)
        return names
