# Copyright 2026 crm_retention contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError

from ..models.crm_retention_deletion_log import DELETION_REASON
from ..models.crm_retention_deletion_request import REQUESTABLE_MODELS
from ..models.data_manager import check_delete_right

# After a deletion from a form, where to go: the model's main action.
AFTER_DELETE_ACTIONS = {
    "res.partner": "contacts.action_contacts",
    "crm.lead": "crm.crm_lead_all_leads",
}


class CrmRetentionRecordsWizard(models.AbstractModel):
    """A wizard on the selected contacts, leads or activities."""

    _name = "crm.retention.records.wizard"
    _description = "Wizard on selected CRM records"

    res_model = fields.Char(required=True, readonly=True)
    res_ids = fields.Json(required=True, readonly=True)
    record_count = fields.Integer(compute="_compute_record_count")

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        model = self.env.context.get("active_model")
        if model not in REQUESTABLE_MODELS:
            raise UserError(self.env._("Select contacts, leads or activities first."))
        values["res_model"] = model
        values["res_ids"] = self.env.context.get("active_ids") or []
        return values

    @api.depends("res_ids")
    def _compute_record_count(self):
        for wizard in self:
            wizard.record_count = len(wizard.res_ids or [])

    def _records(self):
        self.ensure_one()
        if self.res_model not in REQUESTABLE_MODELS:
            raise UserError(self.env._("Select contacts, leads or activities first."))
        return self.env[self.res_model].browse(self.res_ids or []).exists()


class CrmRetentionRequestDeletion(models.TransientModel):
    _name = "crm.retention.request.deletion"
    _inherit = "crm.retention.records.wizard"
    _description = "Request Deletion"

    reason = fields.Char(help="Why the records should be deleted (optional).")
    history_warning = fields.Text(compute="_compute_history_warning")

    @api.depends("res_model", "res_ids")
    def _compute_history_warning(self):
        for wizard in self:
            records = wizard._records()
            records.check_access("read")
            notes = records.sudo()._crm_retention_deletion_alternatives()
            wizard.history_warning = "\n".join(
                notes[record.id] for record in records if record.id in notes
            )

    def action_request(self):
        self._records().action_request_deletion(self.reason)
        return {"type": "ir.actions.act_window_close"}


class CrmRetentionDeletionReject(models.TransientModel):
    _name = "crm.retention.deletion.reject"
    _description = "Reject Deletion Requests"

    request_ids = fields.Many2many(
        comodel_name="crm.retention.deletion.request",
        relation="crm_retention_deletion_reject_request_rel",
        column1="wizard_id",
        column2="request_id",
        readonly=True,
    )
    reply = fields.Text(required=True, help="Sent to the requesters.")

    def action_reject(self):
        self.request_ids._reject(self.reply)
        return {"type": "ir.actions.act_window_close"}


class CrmRetentionDelete(models.TransientModel):
    """'Delete…' with a reason, for Data Managers in the web client."""

    _name = "crm.retention.delete"
    _inherit = "crm.retention.records.wizard"
    _description = "Delete with Reason"

    reason = fields.Char(help="Kept in the recycle bin (optional).")

    def action_delete(self):
        records = self._records()
        check_delete_right(records)
        reason = (self.reason or "").strip() or False
        records.with_context(**{DELETION_REASON: reason}).unlink()
        xmlid = AFTER_DELETE_ACTIONS.get(self.res_model)
        if xmlid and len(self.res_ids) == 1:
            return self.env["ir.actions.act_window"]._for_xml_id(xmlid)
        return {"type": "ir.actions.client", "tag": "soft_reload"}
