# Copyright 2026 crm_retention contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models

from .ir_model_fields import is_hidden


class MailThread(models.AbstractModel):
    """Mail with sensitive emails: a user may write to a contact whose
    address they cannot read. Finding a partner by email is a server-side
    lookup (its result still goes through the user's record rules), and the
    chatter's suggested recipients leave the hidden addresses out (the
    address is filled in server-side when the message is sent): every
    suggestion goes through _message_add_suggested_recipient, whichever
    model's override adds it."""

    _inherit = "mail.thread"

    def _mail_search_on_partner(self, normalized_emails, extra_domain=False):
        Partner = self.env["res.partner"]
        if not is_hidden(Partner._fields["email_normalized"], self.env):
            return super()._mail_search_on_partner(normalized_emails, extra_domain)
        partners = super(MailThread, self.sudo())._mail_search_on_partner(
            normalized_emails, extra_domain
        )
        return Partner.search([("id", "in", partners.ids)])

    def _message_add_suggested_recipient(
        self, result, partner=None, email=None, lang=None, reason=""
    ):
        result = super()._message_add_suggested_recipient(
            result, partner=partner, email=email, lang=lang, reason=reason
        )
        if is_hidden(self.env["res.partner"]._fields["email"], self.env):
            # Known contacts without their address; unknown addresses are
            # left out (they would show the hidden value).
            result[:] = [
                dict(recipient, email=False)
                for recipient in result
                if recipient.get("partner_id")
            ]
        return result
