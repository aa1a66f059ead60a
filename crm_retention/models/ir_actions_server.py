# Copyright 2026 crm_retention contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .crm_retention_assignment_mixin import OPERATIONS, TARGETS

STATE = "crm_retention_traits"


class IrActionsServer(models.Model):
    _inherit = "ir.actions.server"

    state = fields.Selection(
        selection_add=[(STATE, "Add or remove CRM traits/actions")],
        ondelete={STATE: "cascade"},
    )
    # No default: adding or removing is the admin's explicit choice.
    crm_retention_operation = fields.Selection(
        selection=OPERATIONS,
        string="Add or Remove",
    )
    crm_retention_target = fields.Selection(
        selection=TARGETS,
        string="What",
        default="trait",
    )
    crm_retention_all = fields.Boolean(
        string="All Definitions",
        help="Every CRM trait (or dossier action), not only the chosen ones.",
    )
    crm_retention_trait_ids = fields.Many2many(
        comodel_name="crm.retention.trait",
        relation="ir_act_server_crm_retention_trait_rel",
        column1="action_id",
        column2="trait_id",
        string="CRM Traits",
    )
    crm_retention_dossier_action_ids = fields.Many2many(
        comodel_name="crm.retention.dossier.action",
        relation="ir_act_server_crm_retention_dossier_action_rel",
        column1="action_id",
        column2="dossier_action_id",
        string="Dossier Actions",
    )
    crm_retention_scope = fields.Selection(
        selection=[
            ("person", "The person"),
            ("dossier", "Every person of the dossier"),
        ],
        string="Scope",
        default="person",
        help="For CRM traits: only the partner reached from the record, or "
        "every person of its dossier (its commercial entity and their contacts).",
    )
    crm_retention_partner_field_id = fields.Many2one(
        comodel_name="ir.model.fields",
        string="Partner Field",
        ondelete="cascade",
        domain="[('model_id', '=', model_id), ('ttype', '=', 'many2one'), "
        "('relation', '=', 'res.partner')]",
        help="How to reach the partner from the record, e.g. 'Customer' "
        "(partner_id) on opportunities. Empty: the record itself, for contacts.",
    )

    @api.constrains(
        "state",
        "model_id",
        "crm_retention_all",
        "crm_retention_target",
        "crm_retention_trait_ids",
        "crm_retention_dossier_action_ids",
        "crm_retention_partner_field_id",
    )
    def _check_crm_retention_traits(self):
        for action in self.filtered(lambda action: action.state == STATE):
            field = action.crm_retention_partner_field_id
            if field and (
                field.model_id != action.model_id
                or field.ttype != "many2one"
                or field.relation != "res.partner"
            ):
                raise ValidationError(
                    self.env._(
                        "%(action)s: the partner field %(field)s must be a "
                        "many2one to Contact (res.partner) on %(model)s.",
                        action=action.name,
                        field=field.name,
                        model=action.model_id.model,
                    )
                )
            if not field and action.model_id.model != "res.partner":
                raise ValidationError(
                    self.env._(
                        "%(action)s: choose the partner field that leads from "
                        "%(model)s to the contact (e.g. partner_id).",
                        action=action.name,
                        model=action.model_id.model,
                    )
                )
            if not action.crm_retention_all and not action._crm_retention_definitions():
                raise ValidationError(
                    self.env._(
                        "%(action)s: choose the CRM traits or dossier actions to "
                        "add or remove, or tick 'All Definitions'.",
                        action=action.name,
                    )
                )

    @api.onchange("state", "model_id")
    def _onchange_crm_retention_partner_field(self):
        """Reach the contact through the model's customer field (partner_id)
        when it has one."""
        for action in self.filtered(lambda action: action.state == STATE):
            field = action.crm_retention_partner_field_id
            if field and field.model_id == action.model_id:
                continue
            action.crm_retention_partner_field_id = self.env["ir.model.fields"].search(
                [
                    ("model_id", "=", action.model_id.id),
                    ("name", "=", "partner_id"),
                    ("ttype", "=", "many2one"),
                    ("relation", "=", "res.partner"),
                ],
                limit=1,
            )

    @api.onchange(
        "state",
        "crm_retention_operation",
        "crm_retention_target",
        "crm_retention_all",
        "crm_retention_trait_ids",
        "crm_retention_dossier_action_ids",
        "crm_retention_scope",
    )
    def _onchange_crm_retention_name(self):
        """The name says what the action does, as Odoo names the actions
        of automation rules ('Remove CRM trait 'Newsletter' from the whole
        company'); a name the admin typed is kept."""
        for action in self.filtered(lambda action: action.state == STATE):
            if action._crm_retention_is_auto_name():
                action.name = action._crm_retention_describe()

    def _crm_retention_is_auto_name(self):
        """Whether the name is one Odoo or the addon gave (replaced), not
        one the admin typed (kept)."""
        env = self.env
        name = self.name
        label = dict(self._fields["state"]._description_selection(env))[STATE]
        if not name or name == label:
            return True
        return name.startswith((env._("Add "), env._("Remove "))) and (
            env._("CRM trait") in name or env._("dossier action") in name
        )

    def _crm_retention_describe(self):
        self.ensure_one()
        env = self.env
        if not self.crm_retention_operation:
            return dict(self._fields["state"]._description_selection(env))[STATE]
        traits = self.crm_retention_target != "dossier_action"
        if self.crm_retention_all:
            what = env._("all CRM traits") if traits else env._("all dossier actions")
        else:
            names = ", ".join(
                f"'{name}'" for name in self._crm_retention_definitions().mapped("name")
            )
            what = (
                env._("CRM trait %(names)s", names=names)
                if traits
                else env._("dossier action %(names)s", names=names)
            )
        whole = traits and self.crm_retention_scope == "dossier"
        if self.crm_retention_operation == "add":
            if whole:
                return env._("Add %(what)s to the whole company", what=what)
            return env._("Add %(what)s", what=what)
        if whole:
            return env._("Remove %(what)s from the whole company", what=what)
        return env._("Remove %(what)s", what=what)

    def _crm_retention_definitions(self):
        self.ensure_one()
        if self.crm_retention_target == "dossier_action":
            return self.crm_retention_dossier_action_ids
        return self.crm_retention_trait_ids

    def _run_action_crm_retention_traits_multi(self, eval_context=None):
        records = eval_context.get("records") or eval_context.get("record")
        if not records:
            return False
        field = self.crm_retention_partner_field_id
        partners = records[field.name] if field else records
        partners._crm_retention_apply_definitions(
            self.crm_retention_target,
            self.crm_retention_operation,
            definitions=None
            if self.crm_retention_all
            else self._crm_retention_definitions(),
            scope=self.crm_retention_scope or "person",
            reason="workflow",
        )
        return False
