# Copyright 2026 crm_retention contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class BasePartnerMergeAutomaticWizard(models.TransientModel):
    _inherit = "base.partner.merge.automatic.wizard"

    @api.model
    def _update_reference_fields_generic(
        self, referenced_model, src_records, dst_record, additional_update_records=None
    ):
        # Odoo moves the planned activities of merged partners only, and then
        # deletes the merged partners with their done activities: move the
        # done (archived) ones too, so that the merge keeps the history.
        return super(
            BasePartnerMergeAutomaticWizard, self.with_context(active_test=False)
        )._update_reference_fields_generic(
            referenced_model, src_records, dst_record, additional_update_records
        )
