# Copyright 2026 crm_retention contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models
from odoo.exceptions import UserError

# The CRM documents: their messages are history, pseudonymised.
CRM_DOCUMENTS = ("res.partner", "crm.lead")


class PrivacyLookupWizardLine(models.TransientModel):
    _inherit = "privacy.lookup.wizard.line"

    def action_unlink(self):
        """'Delete' of Odoo's Privacy Lookup. A contact with history is
        erased instead (crm_retention's erasure: personal data gone, history
        kept under a pseudonym); the person's opportunities and the messages
        they wrote are pseudonymised, not deleted; their users (already
        pseudonymised with the contact) are left to it. Everything else is
        deleted as before, and the deletion log forgets the names of deleted
        contacts and leads."""
        self.ensure_one()
        if self.is_unlinked:
            raise UserError(self.env._("The record is already unlinked."))
        record = self.env[self.res_model].sudo().browse(self.res_id).exists()
        done = record and self._crm_retention_pseudonymise(record.with_env(self.env))
        if done:
            document = f"{self.res_model_id.name} #{self.res_id}"
            self.write(
                {
                    "execution_details": f"{done} {document}",
                    "is_unlinked": True,
                    "res_name": record.display_name,
                }
            )
            return True
        res = super().action_unlink()
        if self.res_model in ("res.partner", "crm.lead"):
            self.env["crm.retention.deletion.log"]._erase_deleted(
                self.res_model, [self.res_id]
            )
        return res

    def _crm_retention_pseudonymise(self, record):
        """Pseudonymise record instead of deleting it; return what was done
        (for the log of the lookup), or None to delete it."""
        Erasure = self.env["crm.retention.erasure"]
        origin = {"reason": self.env._("Privacy Lookup"), "origin": "privacy_lookup"}
        if record._name == "res.partner":
            if record.is_erased:
                return self.env._("Already erased")
            if not record._crm_retention_history_counts():
                return None
            Erasure._erase(record, **origin)
            return self.env._("Erased (history kept)")
        if record._name == "crm.lead":
            if not record.partner_id.is_erased:
                Erasure._erase(self.env["res.partner"], leads=record, **origin)
            return self.env._("Pseudonymised")
        if record._name == "mail.message":
            if record.model not in CRM_DOCUMENTS and not record.author_id.is_erased:
                return None
            Erasure._erase_message_contents(record)
            return self.env._("Pseudonymised")
        if record._name == "res.users" and record.partner_id.is_erased:
            return self.env._("Erased with its contact")
        return None
