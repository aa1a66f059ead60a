# Copyright 2026 crm_retention contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models
from odoo.osv import expression

from odoo.addons.base.models.ir_model import MODULE_UNINSTALL_FLAG

from .data_manager import check_delete_right

# Cursor data key: ids of the duplicates Odoo's lead assignment merged and
# deletes (set by crm.team's assignment only, consumed by unlink).
MERGED_DUPLICATES = "crm_retention.merged_duplicates_to_delete"


class CrmLead(models.Model):
    _name = "crm.lead"
    _inherit = [
        "crm.lead",
        "crm.retention.activity.history.mixin",
        "crm.retention.deletion.requestable",
    ]

    @api.ondelete(at_uninstall=False)
    def _unlink_except_not_data_manager(self):
        check_delete_right(self)

    def unlink(self):
        """The duplicates merged by Odoo's lead assignment (marked on the
        cursor by crm.team._allocate_leads_deduplicate) are deleted as
        superuser, as Odoo's merge does with auto_unlink; every other lead
        is deleted with the acting user's rights (Data Managers only).

        Every deleted lead is logged, with its snapshot, before mail deletes
        its messages and activities (not in an ondelete method: those run
        after)."""
        if self.env.context.get(MODULE_UNINSTALL_FLAG) or not self:
            return super().unlink()
        self.env["crm.retention.deletion.request"]._cancel_for(self)
        marked = self.env.cr.precommit.data.get(MERGED_DUPLICATES)
        if not marked or self.env.su:
            check_delete_right(self)
            self.env["crm.retention.deletion.log"]._log_deletion(self)
            return super().unlink()
        duplicates = self.filtered(lambda lead: lead.id in marked)
        check_delete_right(self - duplicates)
        self.env["crm.retention.deletion.log"]._log_deletion(self)
        marked.difference_update(duplicates.ids)
        if duplicates:
            super(CrmLead, duplicates.sudo()).unlink()
        others = self - duplicates
        return super(CrmLead, others).unlink() if others else True

    @api.model
    def _crm_retention_open_domain(self, user_ids=None):
        """The one definition of an open lead: active and not won (lost
        leads are archived). With user_ids: those they own. Used by the
        offboarding and by the SQL view of work left behind."""
        domain = [
            ("active", "=", True),
            "|",
            ("stage_id", "=", False),
            ("stage_id.is_won", "=", False),
        ]
        if user_ids is None:
            return domain
        return [("user_id", "in", user_ids), *domain]

    @api.model
    def _crm_retention_closed_domain(self, user_ids):
        """Closed leads of user_ids: the complement of the open ones."""
        open_domain = expression.normalize_domain(self._crm_retention_open_domain())
        return [("user_id", "in", user_ids), "!", *open_domain]

    def _crm_retention_open_leads(self):
        """The open leads among these (_crm_retention_open_domain), in one
        query."""
        if not self:
            return self
        return self.with_context(active_test=False).search(
            [("id", "in", self.ids), *self._crm_retention_open_domain()]
        )

    def _crm_retention_set_user(
        self, user_id, team_id, company_id, old_team, old_company
    ):
        """Give leads that all have old_team and old_company to user_id, in
        team_id and company_id (offboarding). Writing user_id alone makes
        Odoo recompute the team and the company of the lead: what is not
        written is protected from that recompute, and what does not change
        is not written (which would recompute the fields depending on it,
        lead by lead for the monetary ones)."""
        vals = {"user_id": user_id}
        if team_id != old_team:
            vals["team_id"] = team_id
        if company_id != old_company:
            vals["company_id"] = company_id
        kept = [
            self._fields[name] for name in ("team_id", "company_id") if name not in vals
        ]
        with self.env.protecting(kept, self):
            self.write(vals)
        return True

    def _merge_data(self, fnames=None):
        """Merging reads every field of the merged opportunities, sensitive
        ones included: the merged values are written, never shown.
        Superuser: reading the fields. Checked first: the acting user may
        read the opportunities themselves (access rights, record rules)."""
        self.check_access("read")
        return super(CrmLead, self.sudo())._merge_data(fnames=fnames)

    def _merge_dependences_history(self, opportunities):
        # Odoo moves `opportunities.activity_ids`, the planned activities
        # only, then deletes the merged opportunities with their done ones:
        # read with archived activities, it moves those too.
        return super()._merge_dependences_history(
            opportunities.with_context(active_test=False)
        )
