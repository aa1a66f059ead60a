# Copyright 2026 crm_retention contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Erasure of a person on request (GDPR): the personal data goes, the
history stays, pseudonymised. The register keeps who erased what and when,
never the erased data."""

import json

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from .data_manager import check_data_manager
from .erasure_scope import (
    DEFAULT_ERASURE_FIELDS,
    ERASABLE_TYPES,
    ERASURE_FIELDS_PARAM,
    ERASURE_MODELS,
    KEPT_FIELDS,
)


class CrmRetentionErasure(models.Model):
    _name = "crm.retention.erasure"
    _inherit = ["crm.retention.erasure.plan", "crm.retention.erasure.steps"]
    _description = "Erasure of personal data"
    _order = "date desc, id desc"

    date = fields.Datetime(
        string="Erased On", default=fields.Datetime.now, required=True, readonly=True
    )
    user_id = fields.Many2one(
        comodel_name="res.users",
        string="Erased By",
        default=lambda self: self.env.user,
        readonly=True,
        ondelete="set null",
    )
    origin = fields.Selection(
        selection=[
            ("wizard", "Erase Personal Data"),
            ("privacy_lookup", "Privacy Lookup"),
            ("portal", "Portal account deletion"),
        ],
        required=True,
        default="wizard",
        readonly=True,
    )
    reason = fields.Char(readonly=True, help="E.g. the reference of the request.")
    res_model = fields.Char(string="Model", required=True, readonly=True)
    res_id = fields.Integer(string="Record ID", readonly=True, index=True)
    name = fields.Char(string="Pseudonym", readonly=True)
    partner_id = fields.Many2one(
        comodel_name="res.partner",
        string="Contact",
        readonly=True,
        ondelete="set null",
        help="The pseudonymised contact, kept with its history.",
    )
    company_id = fields.Many2one(comodel_name="res.company", readonly=True)
    field_count = fields.Integer(string="Fields", readonly=True)
    lead_count = fields.Integer(string="Leads", readonly=True)
    message_count = fields.Integer(string="Messages", readonly=True)
    attachment_count = fields.Integer(string="Attachments", readonly=True)
    tracking_count = fields.Integer(string="Tracking Values", readonly=True)
    mail_count = fields.Integer(string="Emails", readonly=True)
    notification_count = fields.Integer(string="Notifications", readonly=True)
    follower_count = fields.Integer(string="Followers", readonly=True)
    activity_count = fields.Integer(string="Activities", readonly=True)
    trait_count = fields.Integer(string="Trait Notes", readonly=True)
    log_count = fields.Integer(string="Deletion Log Entries", readonly=True)

    # ------------------------------------------------------------------
    # Settings: which fields are erased
    # ------------------------------------------------------------------

    @api.model
    def _erasable_fields_domain(self):
        """The fields of contacts and leads the settings offer."""
        return [
            ("model", "in", ERASURE_MODELS),
            ("store", "=", True),
            ("required", "=", False),
            ("readonly", "=", False),
            ("name", "not in", KEPT_FIELDS),
            ("name", "not like", "message_%"),
            ("name", "not like", "activity_%"),
            ("name", "not like", "crm_retention_%"),
            "|",
            ("ttype", "in", ERASABLE_TYPES),
            "&",
            ("model", "=", "res.partner"),
            ("name", "=", "bank_ids"),
        ]

    @api.model
    def _erasure_field_names(self):
        """{model: [field names]} of what an erasure empties. Superuser:
        reading the setting, no data."""
        param = self.env["ir.config_parameter"].sudo().get_param(ERASURE_FIELDS_PARAM)
        names = json.loads(param) if param else DEFAULT_ERASURE_FIELDS
        result = {model: [] for model in ERASURE_MODELS}
        for full_name in names:
            model, __, fname = full_name.rpartition(".")
            if model in result and fname in self.env[model]._fields:
                if fname not in KEPT_FIELDS:
                    result[model].append(fname)
        return result

    @api.model
    def _erasure_field_records(self):
        """Superuser: reading field definitions, no data."""
        names = self._erasure_field_names()
        return (
            self.env["ir.model.fields"]
            .sudo()
            .search([("model", "in", ERASURE_MODELS)])
            .filtered(lambda field: field.name in names[field.model])
        )

    @api.model
    def _set_erasure_fields(self, field_records):
        """Superuser: writing the setting. Checked first: administrators
        only (base.group_system)."""
        if not self.env.user.has_group("base.group_system"):
            raise AccessError(
                self.env._("Only administrators choose the erased fields.")
            )
        allowed = field_records.filtered_domain(self._erasable_fields_domain())
        names = sorted(f"{field.model}.{field.name}" for field in allowed)
        self.env["ir.config_parameter"].sudo().set_param(
            ERASURE_FIELDS_PARAM, json.dumps(names)
        )

    # ------------------------------------------------------------------
    # Checks
    # ------------------------------------------------------------------

    @api.model
    def _check_data_manager(self):
        check_data_manager(
            self.env,
            self.env._(
                "Only Data Managers can erase personal data. Ask a Data Manager."
            ),
        )

    @api.model
    def _check_erasable(self, partners, leads=None):
        """Raise a clear error, before anything is written, when these
        contacts (and leads) may not be erased by the current user: Data
        Manager, the leads writable, the contacts of their companies (checked
        as superuser, so that the error names no contact of another company)
        and readable by them, nobody Odoo needs. Superuser here: reading for
        these checks only."""
        env = self.env
        self._check_data_manager()
        if not partners and not leads:
            raise UserError(env._("Select the contacts whose personal data to erase."))
        if leads and not env.su:
            leads.check_access("write")
        if not env.su:
            foreign = partners.sudo().filtered(
                lambda partner: partner.company_id
                and partner.company_id not in env.user.company_ids
            )
            if foreign:
                raise AccessError(
                    env._(
                        "Contacts %(ids)s belong to a company you have no "
                        "access to: ask a Data Manager of that company.",
                        ids=", ".join(f"#{partner_id}" for partner_id in foreign.ids),
                    )
                )
            partners.check_access("read")
        if env.user.partner_id in partners:
            raise UserError(
                env._(
                    "You cannot erase your own personal data. Ask another Data Manager."
                )
            )
        erased = partners.filtered("is_erased")
        if erased:
            raise UserError(
                env._(
                    "Already erased: %(names)s. There is nothing left to erase.",
                    names=", ".join(erased.mapped("display_name")),
                )
            )
        sudo = env["res.partner"].sudo().with_context(active_test=False)
        protected = (
            env["res.company"]
            .sudo()
            .with_context(active_test=False)
            .search([("partner_id", "in", partners.ids)])
            .partner_id.with_env(sudo.env)
        )
        for xmlid in ("base.partner_root", "base.public_partner"):
            protected |= env.ref(xmlid, raise_if_not_found=False) or sudo
        system_users = env["res.users"].sudo().with_context(active_test=False)
        for xmlid in ("base.user_root", "base.public_user", "base.default_user"):
            system_users |= env.ref(xmlid, raise_if_not_found=False) or system_users
        protected |= system_users.partner_id
        blocked = partners & protected
        if blocked:
            raise UserError(
                env._(
                    "%(names)s belong to Odoo itself (a company of this database, "
                    "OdooBot, the public user or a user template) and cannot be "
                    "erased.",
                    names=", ".join(blocked.mapped("display_name")),
                )
            )
        users = system_users.search(
            [("partner_id", "in", partners.ids), ("share", "=", False)]
        )
        if users.filtered("active"):
            raise UserError(
                env._(
                    "%(names)s: the contact of an active user. Offboard and "
                    "deactivate the user first, then erase.",
                    names=", ".join(users.filtered("active").mapped("name")),
                )
            )
        return True
