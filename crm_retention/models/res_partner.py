# Copyright 2026 crm_retention contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.osv import expression
from odoo.tools import SQL

from odoo.addons.base.models.ir_model import MODULE_UNINSTALL_FLAG

from .data_manager import check_delete_right
from .history_counts import (
    HUMAN_MESSAGE_TYPES,
    add_counts,
    format_counts,
)
from .history_guard import history_guard_error
from .ir_model_fields import is_hidden


class ResPartner(models.Model):
    _name = "res.partner"
    _inherit = [
        "res.partner",
        "crm.retention.activity.history.mixin",
        "crm.retention.deletion.requestable",
    ]

    is_former = fields.Boolean(
        string="Former",
        tracking=True,
        copy=False,
        index=True,
        help="The relation ended (switched supplier, changed job, company "
        "closed...). It stays visible, searchable and in reports: nothing is "
        "archived or deleted.",
    )
    former_date = fields.Date(string="Former Since", readonly=True, copy=False)
    former_user_id = fields.Many2one(
        comodel_name="res.users",
        string="Marked Former By",
        readonly=True,
        copy=False,
    )
    former_reason_id = fields.Many2one(
        comodel_name="crm.retention.former.reason",
        tracking=True,
        copy=False,
    )
    is_erased = fields.Boolean(
        string="Erased",
        readonly=True,
        copy=False,
        index=True,
        help="The personal data of this contact was erased on request (GDPR): "
        "it is a pseudonym, kept so that its history still counts.",
    )
    crm_retention_trait_assignment_ids = fields.One2many(
        comodel_name="crm.retention.trait.assignment",
        inverse_name="partner_id",
        string="CRM Traits (assignments)",
    )
    crm_retention_own_dossier_assignment_ids = fields.One2many(
        comodel_name="crm.retention.dossier.action.assignment",
        inverse_name="partner_id",
        string="Own Dossier Actions (assignments)",
        help="Stored on the commercial entity only.",
    )
    crm_retention_dossier_assignment_ids = fields.Many2many(
        comodel_name="crm.retention.dossier.action.assignment",
        compute="_compute_crm_retention_dossier_assignment_ids",
        string="Dossier Actions (assignments)",
        help="The current dossier actions of the partner's commercial entity.",
    )
    crm_retention_trait_ids = fields.Many2many(
        comodel_name="crm.retention.trait",
        compute="_compute_crm_retention_trait_ids",
        search="_search_crm_retention_trait_ids",
        string="CRM Traits",
        help="The person's current CRM traits.",
    )
    crm_retention_dossier_action_ids = fields.Many2many(
        comodel_name="crm.retention.dossier.action",
        compute="_compute_crm_retention_dossier_action_ids",
        search="_search_crm_retention_dossier_action_ids",
        string="Dossier Actions",
        help="The current actions of the partner's dossier (its commercial entity).",
    )

    @api.depends(
        "commercial_partner_id.crm_retention_own_dossier_assignment_ids.active"
    )
    def _compute_crm_retention_dossier_assignment_ids(self):
        for partner in self:
            partner.crm_retention_dossier_assignment_ids = (
                partner.commercial_partner_id.crm_retention_own_dossier_assignment_ids
            )

    @api.depends("crm_retention_trait_assignment_ids.trait_id")
    def _compute_crm_retention_trait_ids(self):
        for partner in self:
            partner.crm_retention_trait_ids = (
                partner.crm_retention_trait_assignment_ids.trait_id
            )

    @api.depends(
        "commercial_partner_id.crm_retention_own_dossier_assignment_ids"
        ".dossier_action_id"
    )
    def _compute_crm_retention_dossier_action_ids(self):
        for partner in self:
            partner.crm_retention_dossier_action_ids = (
                partner.commercial_partner_id.crm_retention_own_dossier_assignment_ids
            ).dossier_action_id

    def _search_crm_retention_trait_ids(self, operator, value):
        domain, negative = self._crm_retention_definition_domain(
            "trait_id", operator, value
        )
        return [
            (
                "crm_retention_trait_assignment_ids",
                "not any" if negative else "any",
                domain,
            )
        ]

    def _search_crm_retention_dossier_action_ids(self, operator, value):
        domain, negative = self._crm_retention_definition_domain(
            "dossier_action_id", operator, value
        )
        return [
            (
                "commercial_partner_id",
                "not any" if negative else "any",
                [("crm_retention_own_dossier_assignment_ids", "any", domain)],
            )
        ]

    @api.model
    def _crm_retention_definition_domain(self, fname, operator, value):
        """Turn a condition on the current definitions of a partner into a
        domain on its current assignments, and whether the partner must have
        none of them ('not in', '!=', 'not any', '= False')."""
        current = [("active", "=", True)]
        if value is False and operator in ("=", "!="):
            return current, operator == "="
        if operator == "not any":
            return current + [(fname, "any", value)], True
        if operator in expression.NEGATIVE_TERM_OPERATORS:
            positive = expression.TERM_OPERATORS_NEGATION[operator]
            return current + [(fname, positive, value)], True
        return current + [(fname, operator, value)], False

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._crm_retention_former_vals(vals)
        return super().create(vals_list)

    def write(self, vals):
        if "is_former" not in vals:
            return super().write(vals)
        # Only the partners whose state changes get a new date and author.
        changing = self.filtered(lambda p: p.is_former != bool(vals["is_former"]))
        super(ResPartner, self - changing).write(vals)
        return super(ResPartner, changing).write(
            self._crm_retention_former_vals(dict(vals))
        )

    def unlink(self):
        # Not an @api.ondelete method: mail.thread.unlink deletes the chatter
        # messages before the ondelete methods run, so they would see none.
        if not self.env.context.get(MODULE_UNINSTALL_FLAG):
            check_delete_right(self)
            self._crm_retention_check_unlink_history()
            self.env["crm.retention.deletion.log"]._log_deletion(self)
        self.env["crm.retention.deletion.request"]._cancel_for(self)
        return super().unlink()

    def action_mark_former(self):
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_retention.crm_retention_mark_former_action"
        )
        action["context"] = {"active_model": "res.partner", "active_ids": self.ids}
        return action

    def action_make_current(self):
        self.filtered("is_former").write({"is_former": False})
        return True

    @api.depends_context(
        "show_address",
        "partner_show_db_id",
        "address_inline",
        "show_email",
        "show_vat",
        "lang",
        "uid",
    )
    def _compute_display_name(self):
        # The name may show the email, the address or the tax ID: not the
        # ones the user may not read.
        shows = {
            "show_email": ("email",),
            "show_address": tuple(self._address_fields()),
            "show_vat": ("vat",),
        }
        hidden = [
            key
            for key, fnames in shows.items()
            if self.env.context.get(key)
            and any(is_hidden(self._fields[fname], self.env) for fname in fnames)
        ]
        if not hidden:
            return super()._compute_display_name()
        # Computed in a context without those keys (the name is cached per
        # context), then given to these records.
        # (Computed directly: these records are protected while computed, so
        # reading their name in another context would give False.)
        plain = self.with_context(**dict.fromkeys(hidden, False))
        super(ResPartner, plain)._compute_display_name()
        for partner, other in zip(self, plain, strict=True):
            partner.display_name = other.display_name

    def action_erase_personal_data(self):
        """Open the erasure wizard on these contacts (Data Managers)."""
        self.env["crm.retention.erasure"]._check_erasable(self)
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_retention.crm_retention_erase_action"
        )
        action["context"] = {"active_model": "res.partner", "active_ids": self.ids}
        return action

    def action_move_history(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_retention.crm_retention_move_history_action"
        )
        action["context"] = {"default_source_partner_id": self.id}
        return action

    def action_crm_retention_add_traits(self):
        return self._crm_retention_wizard_action("trait")

    def action_crm_retention_add_dossier_actions(self):
        return self._crm_retention_wizard_action("dossier_action")

    def _crm_retention_wizard_action(self, target, operation="add", definitions=None):
        """The small dialog of the CRM tab: add (which one, until when) or
        remove (why) CRM traits or dossier actions on these contacts."""
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_retention.crm_retention_trait_wizard_action"
        )
        view = self.env.ref(
            f"crm_retention.crm_retention_trait_wizard_view_form_{operation}"
        )
        action["views"] = [(view.id, "form")]
        action["name"] = {
            ("add", "trait"): self.env._("Add a CRM Trait"),
            ("add", "dossier_action"): self.env._("Add a Dossier Action"),
            ("remove", "trait"): self.env._("Remove a CRM Trait"),
            ("remove", "dossier_action"): self.env._("Remove a Dossier Action"),
        }[operation, target]
        action["context"] = {
            "active_model": "res.partner",
            "active_ids": self.ids,
            "default_target": target,
            "default_operation": operation,
        }
        if definitions:
            action["context"][f"default_{target}_ids"] = definitions.ids
        return action

    def _crm_retention_apply_definitions(
        self,
        target,
        operation,
        definitions=None,
        scope="person",
        date_end=False,
        reason="manual",
        note=False,
    ):
        """Add or remove CRM traits (target 'trait') or dossier actions
        ('dossier_action') on these partners, or on their whole dossiers
        (scope 'dossier'). definitions None means all of them. Return the
        assignments created, or the number of assignments ended."""
        model = {
            "trait": "crm.retention.trait.assignment",
            "dossier_action": "crm.retention.dossier.action.assignment",
        }[target]
        Assignment = self.env[model]
        if operation == "remove":
            return Assignment._crm_retention_remove(
                self, definitions, scope, reason, note
            )
        if definitions is None:
            definitions = Assignment[Assignment._definition_field].search(
                [("active", "=", True)]
            )
        return Assignment._crm_retention_add(self, definitions, scope, date_end)

    def _crm_retention_former_vals(self, vals):
        if vals.get("is_former"):
            vals.setdefault("former_date", fields.Date.context_today(self))
            vals.setdefault("former_user_id", self.env.uid)
        elif "is_former" in vals:
            vals.update(former_date=False, former_user_id=False, former_reason_id=False)
        return vals

    def _crm_retention_check_unlink_history(self):
        """Refuse to delete partners that have history, or whose contacts
        have. One error names them all, with the ways out; nothing is
        deleted."""
        counts, own = self._crm_retention_history_counts(with_own=True)
        guarded = self.filtered(lambda partner: counts.get(partner.id))
        if guarded:
            raise history_guard_error(guarded, counts, own)

    def _crm_retention_deletion_alternatives(self):
        counts = self._crm_retention_history_counts()
        return {
            partner.id: self.env._(
                "%(name)s has history (%(counts)s): it cannot be deleted. A Data "
                "Manager will be offered instead: Mark as Former, Move History "
                "To… (duplicates) or Erase Personal Data… (on request).",
                name=partner.display_name,
                counts=format_counts(self.env, counts[partner.id]),
            )
            for partner in self
            if counts.get(partner.id)
        }

    def _crm_retention_history_counts(self, with_own=False):
        """Return {partner id: {kind: count}}: activities (planned or done),
        leads/opportunities and human chatter messages of each partner and
        of its contacts, in a constant number of queries; with_own, also
        {partner id: {kind: count}} of each one's own history.

        Superuser and raw SQL: counting the history whoever may see it (a
        contact with history anywhere is kept); only counts, for the
        deletion guard and its message."""
        if not self.ids:
            return ({}, {}) if with_own else {}
        env = self.env(su=True, context=dict(self.env.context, active_test=False))
        # res.partner has no parent_path, and child_of costs one query per
        # level of the hierarchy: one recursive query finds the contacts.
        self.flush_model(["parent_id"])
        self.env.cr.execute(
            SQL(
                """
                WITH RECURSIVE family(id, parent_id) AS (
                    SELECT id, parent_id FROM res_partner WHERE id = ANY(%(ids)s)
                    UNION
                    SELECT p.id, p.parent_id
                      FROM res_partner p JOIN family f ON p.parent_id = f.id
                )
                SELECT id, parent_id FROM family
                """,
                ids=self.ids,
            )
        )
        parent_of = dict(self.env.cr.fetchall())
        family_ids = list(parent_of)
        own = {}
        activity_groups = env["mail.activity"]._read_group(
            [("res_model", "=", "res.partner"), ("res_id", "in", family_ids)],
            ["res_id"],
            ["__count"],
        )
        add_counts(own, "activities", activity_groups, key=lambda res_id: res_id)
        lead_groups = env["crm.lead"]._read_group(
            [("partner_id", "in", family_ids)], ["partner_id"], ["__count"]
        )
        add_counts(own, "leads", lead_groups)
        message_groups = env["mail.message"]._read_group(
            [
                ("model", "=", "res.partner"),
                ("res_id", "in", family_ids),
                ("message_type", "in", HUMAN_MESSAGE_TYPES),
            ],
            ["res_id"],
            ["__count"],
        )
        add_counts(own, "messages", message_groups, key=lambda res_id: res_id)
        # Each partner answers for its own history and that of its contacts.
        selected = set(self.ids)
        counts = {}
        for member_id, member_counts in own.items():
            # Walk up from the partner with history to the selected ones.
            node = member_id
            while node:
                if node in selected:
                    per_kind = counts.setdefault(node, {})
                    for kind, count in member_counts.items():
                        per_kind[kind] = per_kind.get(kind, 0) + count
                node = parent_of.get(node)
        return (counts, own) if with_own else counts
