# Copyright 2026 crm_retention contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.osv import expression
from odoo.tools import SQL

from .data_manager import check_delete_right, is_data_manager

# What is done with assignments, and to which definitions: the choices of
# the server action and of the contacts' wizard.
OPERATIONS = [("add", "Add"), ("remove", "Remove")]
TARGETS = [
    ("trait", "CRM traits (of a person)"),
    ("dossier_action", "Dossier actions (of the whole dossier)"),
]

# Fields that ending an assignment changes (its cache is invalidated).
END_FIELDS = [
    "active",
    "removed_date",
    "removed_user_id",
    "removal_reason",
    "removal_note",
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
    "removal_note",
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
    removal_note = fields.Char(
        string="Why Removed",
        readonly=True,
        help="Why it was removed, as told by who removed it (e.g. the person "
        "withdrew their consent by phone).",
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
        self.env["crm.retention.deletion.log"]._log_deletion(self)

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

    def action_crm_retention_open_remove(self):
        """Remove button of the CRM tab: ask why, then remove (the trait
        wizard in its 'remove' dialog)."""
        self.ensure_one()
        return self.partner_id._crm_retention_wizard_action(
            self._crm_retention_target(), "remove", self[self._definition_field]
        )

    def _crm_retention_target(self):
        return "trait" if self._definition_field == "trait_id" else "dossier_action"

    @api.model
    def _crm_retention_holders(self, partners, scope):
        """The partners that receive an added definition."""
        raise NotImplementedError

    @api.model
    def _crm_retention_holders_domain(self, partners, scope):
        """A domain selecting the assignments of partners (scope 'person')
        or of their whole dossiers ('dossier'), archived persons included.
        Written with 'any' on partner_id: the partners are searched with the
        acting user's record rules."""
        raise NotImplementedError

    @api.model
    def _crm_retention_add(self, partners, definitions, scope="person", date_end=False):
        """Give every definition to every holder that has no current
        assignment of it yet; return the new assignments."""
        fname = self._definition_field
        if not self.env.su:
            # As for a removal: contacts out of the user's reach are an
            # error, not silently left out by the search of the holders.
            partners.check_access("write")
        holders = self._crm_retention_holders(partners, scope)
        if not holders or not definitions:
            return self.browse()
        self._crm_retention_lock_definitions(definitions)
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
    def _crm_retention_lock_definitions(self, definitions):
        """One add of the same definitions at a time: two users adding a
        trait to the same contact at once would each find none and both
        create it. A no-op UPDATE of the definitions' rows makes the second
        wait for the first, then fail with a serialization error, which Odoo
        answers by running its request again: it finds the first's
        assignments and adds nothing twice."""
        self.env.cr.execute(
            SQL(
                "UPDATE %s SET write_date = write_date WHERE id IN %s",
                SQL.identifier(definitions._table),
                tuple(definitions.ids),
            )
        )

    @api.model
    def _crm_retention_remove(
        self, partners, definitions=None, scope="person", reason="manual", note=False
    ):
        """End every current assignment of definitions (all of them when
        None) held by partners, or by their whole dossiers: duplicates
        included. Return the number of assignments ended.

        Checked first: the acting user may write the assignments and the
        given partners; the UPDATE of _crm_retention_end_where then ends
        only the assignments their own search finds (their record rules on
        the assignments and on the partners of the dossier)."""
        if not partners or (definitions is not None and not definitions):
            return 0
        if not self.env.su:
            self.check_access("write")
            partners.check_access("write")
        domain = self._crm_retention_holders_domain(partners, scope)
        if definitions is not None:
            domain = [*domain, (self._definition_field, "in", definitions.ids)]
        return self._crm_retention_end_where(domain, reason, note)

    @api.model
    def _cron_end_expired(self):
        """End the assignments whose validity ended (scheduled daily, as
        superuser: every company's)."""
        return self._crm_retention_end_where(
            [("date_end", "<", fields.Date.context_today(self))], "expired"
        )

    @api.model
    def _crm_retention_end_where(self, domain, reason, note=False):
        """End the current assignments matching domain, in one UPDATE.

        Raw SQL: the WHERE is the acting user's own search of domain
        (_search: access rights and read rules apply, and the write rules
        are added; the superuser, i.e. the cron, finds everything), so the
        UPDATE ends nothing they could not end through the ORM."""
        # One parameterized UPDATE on the whole set instead of the ORM's
        # write(): ending 100,000 assignments through write() costs far more
        # than the 3x bound of benchmarks/bench_traits.py allows (it browses,
        # caches and flushes every row). The ORM cache of the model and of
        # the partners is invalidated.
        domain = [("active", "=", True), *domain]
        if not self.env.su:
            # _search applies the read rules; an UPDATE is a write.
            write_rules = self.env["ir.rule"]._compute_domain(self._name, "write")
            if write_rules:
                domain = expression.AND([domain, write_rules])
        query = self.with_context(active_test=False)._search(domain)
        self.flush_model()
        now = fields.Datetime.now()
        self.env.cr.execute(
            SQL(
                """
                UPDATE %(table)s
                   SET active = FALSE, removed_date = %(now)s,
                       removed_user_id = %(uid)s, removal_reason = %(reason)s,
                       removal_note = %(note)s,
                       write_date = %(now)s, write_uid = %(uid)s
                 WHERE active AND id IN %(ids)s
                """,
                table=SQL.identifier(self._table),
                now=now,
                uid=self.env.uid,
                reason=reason,
                note=note or None,
                ids=query.subselect(),
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
                    "crm_retention_trait_history_ids",
                    "crm_retention_dossier_history_ids",
                ]
            )
        return count
