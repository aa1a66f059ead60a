# Copyright 2026 crm_retention contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command, api, models
from odoo.exceptions import RedirectWarning

from .history import DATA_MANAGER, HUMAN_MESSAGE_TYPES, add_counts, format_guarded
from .mail_activity import KEEP_ACTIVITIES_OF_USERS

RESTRICT_EXPORT_PARAM = "crm_retention.restrict_export"


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
        raise RedirectWarning(
            self.env._(
                "These users have history and cannot be deleted:\n%(lines)s\n\n"
                "Deactivate them instead (or offboard them), so that their "
                "history keeps its owner.",
                lines=lines,
            ),
            self.env.ref("crm_retention.res_users_action_archive").id,
            self.env._("Deactivate Instead"),
            {"active_model": "res.users", "active_ids": guarded.ids},
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
    def _crm_retention_apply_export_restriction(self, restrict=None):
        """Decide who gets Odoo's 'Access to export feature' group.

        Restricted: only Data Managers (their group implies it); it is taken
        from the other users and from the template of new internal users.
        Not restricted: Odoo's default, every internal user and the template
        of new ones have it.

        Superuser: the users' groups and the setting. Checked first: called
        from the settings (administrators only) and at install."""
        if restrict is None:
            restrict = (
                self.env["ir.config_parameter"].sudo().get_param(RESTRICT_EXPORT_PARAM)
                == "True"
            )
        export = self.env.ref("base.group_allow_export").sudo()
        template = self.env.ref("base.default_user", raise_if_not_found=False)
        internal = self.env.ref("base.group_user").sudo()
        users = self.sudo().with_context(active_test=False)
        if restrict:
            others = users.search(
                [
                    ("groups_id", "in", export.ids),
                    ("groups_id", "not in", self.env.ref(DATA_MANAGER).ids),
                ]
            )
            others.write({"groups_id": [Command.unlink(export.id)]})
            if template:
                template.sudo().write({"groups_id": [Command.unlink(export.id)]})
        else:
            employees = users.search([("groups_id", "in", internal.ids)])
            employees.write({"groups_id": [Command.link(export.id)]})
            if template:
                template.sudo().write({"groups_id": [Command.link(export.id)]})
