# Copyright 2026 crm_retention contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models

from ..models.data_manager import check_data_manager


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

    def _merge(self, partner_ids, dst_partner=None, extra_checks=True):
        # Merging deletes the merged contacts: a Data Manager's right. Checked
        # first, so that nothing is merged when it is refused.
        check_data_manager(
            self.env,
            self.env._(
                "Only Data Managers can merge contacts: merging deletes the "
                "merged ones. Ask a Data Manager."
            ),
        )
        return super()._merge(
            partner_ids, dst_partner=dst_partner, extra_checks=extra_checks
        )
