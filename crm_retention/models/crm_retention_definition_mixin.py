# Copyright 2026 crm_retention contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError


class CrmRetentionDefinitionMixin(models.AbstractModel):
    """What CRM traits and dossier actions have in common: their definition,
    managed by Data Managers, guarded against deletion while in use."""

    _name = "crm.retention.definition.mixin"
    _description = "Definition of a CRM trait or dossier action"
    _order = "name, id"
    # The assignment model of the concrete definitions.
    _assignment_model = None

    name = fields.Char(required=True, translate=True)
    code = fields.Char(
        required=True,
        help="A stable technical name, for automation rules, imports and exports.",
    )
    description = fields.Text(translate=True)
    color = fields.Integer()
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        comodel_name="res.company",
        index=True,
        help="Leave empty to share it between companies.",
    )
    assignment_count = fields.Integer(
        compute="_compute_assignment_count",
        string="Current Assignments",
    )

    def _compute_assignment_count(self):
        counts = self._crm_retention_use_counts(current_only=True)
        for definition in self:
            definition.assignment_count = counts.get(definition.id, 0)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_in_use(self):
        counts = self._crm_retention_use_counts(current_only=False)
        used = self.filtered(lambda definition: counts.get(definition.id))
        if not used:
            self.env["crm.retention.deletion.log"]._log_deletion(self)
            return
        raise UserError(
            self.env._(
                "%(names)s cannot be deleted: used by %(count)s assignments "
                "(current or ended, kept as history). Archive it instead.",
                names=", ".join(used.mapped("display_name")),
                count=sum(counts[definition.id] for definition in used),
            )
        )

    def _crm_retention_use_counts(self, current_only):
        """Return {definition id: number of assignments}, in one query.
        Superuser: counting every company's assignments (a definition used
        anywhere is kept), nothing is read or written besides the counts."""
        if not self.ids:
            return {}
        assignments = self.env[self._assignment_model].sudo()
        if not current_only:
            assignments = assignments.with_context(active_test=False)
        fname = assignments._definition_field
        groups = assignments._read_group(
            [(fname, "in", self.ids)], [fname], ["__count"]
        )
        return {definition.id: count for definition, count in groups}
