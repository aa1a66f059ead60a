# Copyright 2026 crm_retention contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class CrmRetentionActivityHistoryMixin(models.AbstractModel):
    """The activity history of a document: its done and cancelled
    activities, kept by the addon, counted on a smart button that opens
    them. Contacts and leads inherit it, as they inherit
    mail.activity.mixin."""

    _name = "crm.retention.activity.history.mixin"
    _description = "Activity History of a Document"

    activity_history_count = fields.Integer(
        compute="_compute_activity_history_count",
        string="Activity History",
    )

    def _compute_activity_history_count(self):
        counts = self.env["mail.activity"]._crm_retention_history_counts(self)
        for record in self:
            record.activity_history_count = counts.get(record.id, 0)

    def action_view_activity_history(self):
        return self.env["mail.activity"].action_open_history(self)

    def _crm_retention_history_documents(self):
        """Return {record id: {model name: set of ids}}: the documents whose
        done and cancelled activities make each record's history. A record's
        own, by default; a contact adds its contacts' and opportunities'."""
        return {record_id: {self._name: {record_id}} for record_id in self.ids}
