# Copyright 2026 crm_retention contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from .history import check_delete_right, is_data_manager

# Fields that ending an assignment changes (its cache is invalidated).
END_FIELDS = [
    "active",
    "removed_date",
    "removed_user_id",
    "removal_reason",
    "write_date",
    "write_uid",
]

# The history of an assignment: set by the addon, changed by Data Managers only.
HISTORY_FIELDS = {
    "active",
    "added_date",
    "added_user_id",
    "removed_date",
    "removed_user_id",
    "removal_reason",
}


class CrmRetentionAssignmentMixin(models.AbstractModel):
    """A definition given to a partner. Removing it ends it (who, when, why)
    and keeps it as history; only Data Managers really delete it."""

    _name = "crm.retention.assignment.mixin"
    _description = "Assignment of a CRM trait or dossier action"
    _order = "active desc, added_date desc, id desc"
    # The many2one to the definition, named by the concrete models.
    _definition_field = None

    partner_id = fields.Many2one(
        comodel_name="res.partner",
        required=True,
        index=True,
        ondelete="cascade",
    )
    # Stored for the company rule (and read_group): the partner's company.
    company_id = fields.Many2one(
        comodel_name="res.company",
        related="partner_id.company_id",
        store=True,
        index=True,
    )
    active = fields.Boolean(string="Current", default=True, readonly=True)
    added_date = fields.Datetime(
        string="Added On", default=fields.Datetime.now, required=True, readonly=True
    )
    added_user_id = fields.Many2one(
        comodel_name="res.users",
        string="Added By",
        default=lambda self: self.env.user,
        readonly=True,
    )
    date_end = fields.Date(
        string="Valid Until",
        help="The assignment ends automatically after this day (e.g. a consent "
        "valid for two years).",
    )
    note = fields.Char(
        help="E.g. how and when the consent was given. Erased with the "
        "person's personal data.",
    )
    removed_date = fields.Datetime(string="Removed On", readonly=True)
    removed_user_id = fields.Many2one(
        comodel_name="res.users", string="Removed By", readonly=True
    )
    removal_reason = fields.Selection(
        selection=[
            ("manual", "By hand"),
            ("workflow", "By a workflow"),
            ("expired", "Validity ended"),
        ],
        readonly=True,
    )

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            for vals in vals_list:
                self._crm_retention_check_history_change(vals, HISTORY_FIELDS)
            # Salespeople add assignments on the partners they may edit.
            partner_ids = {vals.get("partner_id") for vals in vals_list} - {False, None}
            self.env["res.partner"].browse(partner_ids).check_access("write")
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su:
            self._crm_retention_check_history_change(
                vals, HISTORY_FIELDS | {"partner_id", self._definition_field}
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_not_data_manager(self):
        check_delete_right(self)

    def _crm_retention_check_history_change(self, vals, locked):
        changed = locked.intersection(vals)
        if not changed or is_data_manager(self.env):
            return
        raise UserError(
            self.env._(
                "The history of CRM traits and dossier actions is not changed "
                "by hand (%(fields)s): remove the assignment and add a new one, "
                "or ask a Data Manager.",
                fields=", ".join(
                    self._fields[name].get_description(self.env)["string"]
                    for name in sorted(changed)
                ),
            )
        )

    def action_crm_retention_remove(self):
        """Remove button of the CRM tab: ends this assignment and every
        other current one of the same definition on the same partner."""
        fname = self._definition_field
        for definition, assignments in self.grouped(fname).items():
            self._crm_retention_remove(assignments.partner_id, definition)
        return True

    @api.model
    def _crm_retention_holders(self, partners, scope):
        """The partners that receive an added definition."""
        raise NotImplementedError

    @api.model
    def _crm_retention_holders_sql(self, partners, scope):
        """An SQL condition on partner_id selecting the assignments of
        partners (scope 'person') or of their whole dossiers ('dossier')."""
        raise NotImplementedError

    @api.model
    def _crm_retention_add(self, partners, definitions, scope="person", date_end=False):
        """Give every definition to every holder that has no current
        assignment of it yet; return the new assignments."""
        fname = self._definition_field
        holders = self._crm_retention_holders(partners, scope)
        if not holders or not definitions:
            return self.browse()
        existing = self.search_fetch(
            [("partner_id", "in", holders.ids), (fname, "in", definitions.ids)],
            ["partner_id", fname],
        )
        have = {(a.partner_id.id, a[fname].id) for a in existing}
        return self.create(
            [
                {"partner_id": holder.id, fname: definition.id, "date_end": date_end}
                for holder in holders
                for definition in definitions
                if (holder.id, definition.id) not in have
            ]
        )

    @api.model
    def _crm_retention_remove(
        self, partners, definitions=None, scope="person", reason="manual"
    ):
        """End every current assignment of definitions (all of them when
        None) held by partners, or by their whole dossiers: duplicates
        included. Return the number of assignments ended."""
        if not partners or (definitions is not None and not definitions):
            return 0
        if not self.env.su:
            self.check_access("write")
            partners.check_access("write")
        condition = self._crm_retention_holders_sql(partners, scope)
        if definitions is not None:
            condition = SQL(
                "%s AND %s = ANY(%s)",
                condition,
                SQL.identifier(self._definition_field),
                definitions.ids,
            )
        return self._crm_retention_end_where(condition, reason)

    @api.model
    def _cron_end_expired(self):
        """End the assignments whose validity ended (scheduled daily)."""
        return self._crm_retention_end_where(
            SQL("date_end < %s", fields.Date.context_today(self)), "expired"
        )

    @api.model
    def _crm_retention_end_where(self, condition, reason):
        # One parameterized UPDATE on the whole set instead of the ORM's
        # write(): ending 100,000 assignments through write() costs far more
        # than the 3x bound of benchmarks/bench_traits.py allows (it browses,
        # caches and flushes every row). Callers check the access rights;
        # the ORM cache of the model and of the partners is invalidated.
        self.flush_model()
        now = fields.Datetime.now()
        self.env.cr.execute(
            SQL(
                """
                UPDATE %(table)s
                   SET active = FALSE, removed_date = %(now)s,
                       removed_user_id = %(uid)s, removal_reason = %(reason)s,
                       write_date = %(now)s, write_uid = %(uid)s
                 WHERE active AND %(condition)s
                """,
                table=SQL.identifier(self._table),
                now=now,
                uid=self.env.uid,
                reason=reason,
                condition=condition,
            )
        )
        count = self.env.cr.rowcount
        if count:
            self.invalidate_model(END_FIELDS)
            self.env["res.partner"].invalidate_model(
                [
                    "crm_retention_trait_assignment_ids",
                    "crm_retention_own_dossier_assignment_ids",
                    "crm_retention_dossier_assignment_ids",
                    "crm_retention_trait_ids",
                    "crm_retention_dossier_action_ids",
                ]
            )
        return count
