# Copyright 2026 crm_retention contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from markupsafe import Markup

from odoo import Command, api, models

from .history_counts import HUMAN_MESSAGE_TYPES, add_counts, format_guarded
from .history_guard import HistoryGuardError
from .mail_activity import KEEP_ACTIVITIES_OF_USERS


class ResUsers(models.Model):
    _inherit = "res.users"

    @api.ondelete(at_uninstall=False)
    def _unlink_except_crm_history(self):
        """Deleting a user cascades to all their activities, done ones
        included, and blanks the salesperson of their leads and customers:
        a user with history is deactivated instead. Portal users are not
        guarded: they may have their account deleted (Odoo's GDPR flow), and
        the guard of contacts keeps their contact if it has history."""
        internal = self.filtered(lambda user: not user.share)
        counts = internal._crm_retention_history_counts()
        guarded = internal.filtered(lambda user: counts.get(user.id))
        if not guarded:
            return
        lines = format_guarded(self.env, guarded, counts)
        raise HistoryGuardError(
            self.env._(
                "These users have history and cannot be deleted:\n%(lines)s\n\n"
                "Deactivate them instead (or offboard them), so that their "
                "history keeps its owner.",
                lines=lines,
            ),
            self.env._("Users with history cannot be deleted")
            if len(guarded) > 1
            else self.env._("%(name)s cannot be deleted", name=guarded.name),
            [
                {
                    "label": self.env._("Deactivate Instead"),
                    "method": "action_archive",
                    "ids": guarded.ids,
                }
            ],
            model="res.users",
        )

    def _crm_retention_history_counts(self):
        """Return {user id: {kind: count}} with a constant number of queries.
        Superuser: counting the users' work whoever may see it (a user with
        history anywhere is kept); only counts, for the deletion guard of
        users (deleting users needs Access Rights)."""
        counts = {}
        if not self.ids:
            return counts
        env = self.env(su=True, context=dict(self.env.context, active_test=False))
        activity = env["mail.activity"]
        add_counts(
            counts,
            "activities",
            activity._read_group(
                [("user_id", "in", self.ids)], ["user_id"], ["__count"]
            ),
        )
        add_counts(
            counts,
            "activities_created",
            activity._read_group(
                [("create_uid", "in", self.ids), ("user_id", "not in", self.ids)],
                ["create_uid"],
                ["__count"],
            ),
        )
        add_counts(
            counts,
            "leads",
            env["crm.lead"]._read_group(
                [("user_id", "in", self.ids)], ["user_id"], ["__count"]
            ),
        )
        add_counts(
            counts,
            "customers",
            env["res.partner"]._read_group(
                [("user_id", "in", self.ids)], ["user_id"], ["__count"]
            ),
        )
        user_of_partner = {user.partner_id.id: user.id for user in self}
        add_counts(
            counts,
            "messages",
            env["mail.message"]._read_group(
                [
                    ("author_id", "in", list(user_of_partner)),
                    ("message_type", "in", HUMAN_MESSAGE_TYPES),
                ],
                ["author_id"],
                ["__count"],
            ),
            key=lambda partner: user_of_partner[partner.id],
        )
        return counts

    def action_archive(self):
        # mail deletes the planned activities of archived users: they are
        # kept, still assigned to the archived user, so that their work can
        # be handed over.
        return super(
            ResUsers, self.with_context(**{KEEP_ACTIVITIES_OF_USERS: self.ids})
        ).action_archive()

    @api.model
    def _crm_retention_notify_export_restriction(self, upgrade=False):
        """Tell the administrators, in their Odoo inbox, that only Data
        Managers export CRM data now, and where to change it. Run once: at
        install (data file), or at the upgrade from a version that took
        Odoo's export group away.
        Superuser: the administrators' group and the message; run only by
        the install and the upgrade, never over RPC (private method)."""
        root = self.env.ref("base.partner_root")
        admins = self.env.ref("base.group_system").sudo().users.filtered("active")
        partners = admins.partner_id - root
        if not partners:
            return
        paragraphs = [
            self.env._(
                "Only Data Managers can export contacts, leads, activities and "
                "CRM Retention's records now. Other apps export as before."
            ),
            self.env._(
                "To export CRM data, a user needs the Data Manager group and "
                "Odoo's export right. Turn 'Only Data Managers Export' off, or "
                "add other models to it, in the CRM settings."
            ),
        ]
        if upgrade:
            paragraphs.append(
                self.env._(
                    "Earlier versions of CRM Retention took Odoo's export right "
                    "from every user who was not a Data Manager. It is not given "
                    "back automatically: check who should have 'Access to export "
                    "feature' in Settings > Users."
                )
            )
        body = Markup("").join(Markup("<p>%s</p>") % text for text in paragraphs)
        body += Markup(
            "<p><a href='/odoo/action-crm.crm_config_settings_action'>%s</a></p>"
        ) % (self.env._("Open the CRM settings"))
        message = (
            self.env["mail.message"]
            .sudo()
            .create(
                {
                    "author_id": root.id,
                    "email_from": root.email_formatted,
                    "message_type": "user_notification",
                    "subtype_id": self.env.ref("mail.mt_note").id,
                    "subject": self.env._("CRM Retention: who may export CRM data"),
                    "body": body,
                    "partner_ids": [Command.set(partners.ids)],
                }
            )
        )
        # In their inbox whatever their notification preference (Odoo's
        # default is by email, which may go nowhere yet), stored as mail's
        # _notify_thread_by_inbox stores it.
        self.env["mail.notification"].sudo().create(
            [
                {
                    "author_id": root.id,
                    "mail_message_id": message.id,
                    "notification_status": "sent",
                    "notification_type": "inbox",
                    "res_partner_id": partner.id,
                }
                for partner in partners
            ]
        )
