# Copyright 2026 crm_retention contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError

from ..models.data_manager import check_data_manager
from ..models.history_counts import HUMAN_MESSAGE_TYPES


class CrmRetentionMoveHistory(models.TransientModel):
    _name = "crm.retention.move.history"
    _description = "Move the history of a relation to another one"

    source_partner_id = fields.Many2one(
        comodel_name="res.partner",
        string="From",
        required=True,
        readonly=True,
        ondelete="cascade",
    )
    target_partner_id = fields.Many2one(
        comodel_name="res.partner",
        string="To",
        required=True,
        ondelete="cascade",
        help="The relation that takes over the history, e.g. the duplicate kept.",
    )
    move_leads = fields.Boolean(string="Leads/Opportunities", default=True)
    move_messages = fields.Boolean(
        string="Messages",
        default=True,
        help="Notes and emails of the chatter (not the automatic tracking messages).",
    )
    activity_count = fields.Integer(compute="_compute_counts")
    lead_count = fields.Integer(compute="_compute_counts")
    message_count = fields.Integer(compute="_compute_counts")

    @api.depends("source_partner_id")
    def _compute_counts(self):
        for wizard in self:
            activities, leads, messages = wizard._history_records()
            wizard.activity_count = len(activities)
            wizard.lead_count = len(leads)
            wizard.message_count = len(messages)

    def _history_records(self):
        """The source's activities (planned and done), leads and human messages.

        Superuser: searching them (counts for the form; archived activities
        and messages of others included). Checked first, before action_move
        writes them as superuser: _check_target (Data Manager, both
        relations writable by the acting user, same company) and
        _check_history_access (the acting user may write the leads and the
        activities themselves)."""
        self.ensure_one()
        env = self.env(su=True, context=dict(self.env.context, active_test=False))
        source = self.source_partner_id
        if not source:
            return env["mail.activity"], env["crm.lead"], env["mail.message"]
        return (
            env["mail.activity"].search(
                [("res_model", "=", "res.partner"), ("res_id", "=", source.id)]
            ),
            env["crm.lead"].search([("partner_id", "=", source.id)]),
            env["mail.message"].search(
                [
                    ("model", "=", "res.partner"),
                    ("res_id", "=", source.id),
                    ("message_type", "in", HUMAN_MESSAGE_TYPES),
                ]
            ),
        )

    def _check_target(self):
        source, target = self.source_partner_id, self.target_partner_id
        check_data_manager(
            self.env,
            self.env._("Only Data Managers can move history. Ask a Data Manager."),
        )
        if not self.env.su:
            (source | target).check_access("write")
        if target == source:
            raise UserError(
                self.env._(
                    "Choose another relation than %(name)s.", name=source.display_name
                )
            )
        if not target.active:
            raise UserError(
                self.env._(
                    "%(name)s is archived: restore it or choose another relation.",
                    name=target.display_name,
                )
            )
        if (
            source.company_id
            and target.company_id
            and source.company_id != target.company_id
        ):
            raise UserError(
                self.env._(
                    "%(target)s belongs to company %(target_company)s, %(origin)s to "
                    "%(source_company)s: choose a relation of the same company.",
                    target=target.display_name,
                    target_company=target.company_id.name,
                    origin=source.display_name,
                    source_company=source.company_id.name,
                )
            )

    def _check_history_access(self, activities, leads):
        """The acting user moves only leads and activities they may write
        (record rules: leads of their companies). The messages follow the
        relation, which _check_target checked."""
        if self.env.su:
            return
        leads.with_env(self.env).check_access("write")
        activities.with_env(self.env).check_access("write")

    def _move_files_and_followers(self, source, target):
        """As Odoo's partner merge does: the files of the source (attached to
        its messages or to the record) and its followers go to the target,
        so that deleting the source afterwards deletes neither. Superuser:
        the same records as the messages; checked first by _check_target
        (both contacts writable)."""
        env = self.env(su=True)
        env["ir.attachment"].search(
            [
                ("res_model", "=", "res.partner"),
                ("res_id", "=", source.id),
                ("res_field", "=", False),
            ]
        ).write({"res_id": target.id})
        followers = env["mail.followers"].search(
            [("res_model", "=", "res.partner"), ("res_id", "=", source.id)]
        )
        already = set(target.sudo().message_partner_ids.ids)
        by_subtypes = {}
        for follower in followers:
            if follower.partner_id.id not in already:
                by_subtypes.setdefault(follower.subtype_ids, []).append(
                    follower.partner_id.id
                )
        for subtypes, partner_ids in by_subtypes.items():
            target.sudo().message_subscribe(
                partner_ids=partner_ids, subtype_ids=subtypes.ids
            )

    def action_move(self):
        self.ensure_one()
        self._check_target()
        source, target = self.source_partner_id, self.target_partner_id
        activities, leads, messages = self._history_records()
        self._check_history_access(
            activities, leads if self.move_leads else leads.browse()
        )
        activities.write({"res_id": target.id})
        if self.move_leads:
            leads.write({"partner_id": target.id})
        else:
            leads = leads.browse()
        if self.move_messages:
            messages.write({"res_id": target.id})
            self._move_files_and_followers(source, target)
        else:
            messages = messages.browse()
        summary = self.env._(
            "History moved from %(origin)s to %(target)s: %(activities)s activities, "
            "%(leads)s leads/opportunities, %(messages)s messages.",
            origin=source.display_name,
            target=target.display_name,
            activities=len(activities),
            leads=len(leads),
            messages=len(messages),
        )
        source.message_post(body=summary)
        target.message_post(body=summary)
        return {
            "type": "ir.actions.act_window",
            "res_model": "res.partner",
            "res_id": target.id,
            "view_mode": "form",
            "target": "current",
        }
