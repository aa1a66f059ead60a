# Copyright 2026 crm_retention contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Erasure of a person on request (GDPR): the personal data goes, the
history stays, pseudonymised. The register keeps who erased what and when,
never the erased data."""

import json
import re
from collections import Counter

from markupsafe import Markup

from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.osv import expression
from odoo.tools import SQL

from .history import is_data_manager

ERASURE_FIELDS_PARAM = "crm_retention.erasure_fields"
ERASURE_MODELS = ("res.partner", "crm.lead")
# What Odoo's contacts and leads hold of a person. The '*_normalized',
# '*_sanitized' and '*_formatted' copies are computed from these and follow.
DEFAULT_ERASURE_FIELDS = (
    "res.partner.email",
    "res.partner.phone",
    "res.partner.mobile",
    "res.partner.street",
    "res.partner.street2",
    "res.partner.zip",
    "res.partner.city",
    "res.partner.website",
    "res.partner.function",
    "res.partner.title",
    "res.partner.comment",
    "res.partner.vat",
    "res.partner.bank_ids",
    "res.partner.image_1920",
    "res.partner.company_name",
    "crm.lead.contact_name",
    "crm.lead.partner_name",
    "crm.lead.email_from",
    "crm.lead.email_cc",
    "crm.lead.phone",
    "crm.lead.mobile",
    "crm.lead.street",
    "crm.lead.street2",
    "crm.lead.zip",
    "crm.lead.city",
    "crm.lead.website",
    "crm.lead.function",
    "crm.lead.title",
    "crm.lead.description",
)
# Fields an admin may add in the settings: values that can be emptied.
ERASABLE_TYPES = (
    "char",
    "text",
    "html",
    "binary",
    "many2one",
    "many2many",
    "selection",
    "date",
)
# The history that stays, whatever the settings say: the pseudonym replaces
# the name, and the links, amounts, stages, dates and owners are the point.
KEPT_FIELDS = (
    "name",
    "display_name",
    "partner_id",
    "parent_id",
    "commercial_partner_id",
    "user_id",
    "team_id",
    "company_id",
    "stage_id",
    "lost_reason_id",
    "tag_ids",
    "category_id",
    "type",
    "active",
    "is_former",
    "former_reason_id",
    "former_user_id",
    "former_date",
    "is_erased",
)
# Messages and tracking values: what the erased text becomes.
QUEUED_MAIL_STATES = ("outgoing", "exception")
TRACKING_COLUMNS = (
    "old_value_char",
    "new_value_char",
    "old_value_text",
    "new_value_text",
)
# Trait and dossier action assignments: their notes are erased.
ASSIGNMENT_MODELS = (
    "crm.retention.trait.assignment",
    "crm.retention.dossier.action.assignment",
)
# What the register counts, per erased contact.
COUNTED_KINDS = (
    "lead",
    "message",
    "attachment",
    "tracking",
    "mail",
    "notification",
    "follower",
    "activity",
    "trait",
    "log",
)
# The personal texts a lead's name may contain are replaced by the pseudonym
# only when at least this long (a whole word, case-insensitive).
MIN_NAME_LENGTH = 3


class CrmRetentionErasure(models.Model):
    _name = "crm.retention.erasure"
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
        if not is_data_manager(self.env):
            raise AccessError(
                self.env._(
                    "Only Data Managers can erase personal data. Ask a Data Manager."
                )
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

    # ------------------------------------------------------------------
    # The plan: what an erasure touches, and whose it is
    # ------------------------------------------------------------------

    @api.model
    def _erasure_plan(self, partners, leads=None):
        """Find everything an erasure of partners (and of leads found
        without them) touches, in a constant number of queries.

        Return a dict: 'subjects' {key: record} where a key is
        ('res.partner', id) or ('crm.lead', id), and for each kind a dict
        {record id: subject key}.

        Superuser and raw SQL: finding everything that names the persons,
        whoever may see it (their messages, mails, tracking in every
        document). Checked first: by _erase (_check_erasable); the erasure
        wizard's preview only counts, for Data Managers, and on the contacts
        they may read."""
        env = self.env(su=True, context=dict(self.env.context, active_test=False))
        partners = partners.with_env(env)
        Lead = env["crm.lead"]
        field_names = self._erasure_field_names()
        plan = {"subjects": {}, "fields": field_names}
        for partner in partners:
            plan["subjects"][("res.partner", partner.id)] = partner
        own_leads = Lead.search_fetch(
            [("partner_id", "in", partners.ids)],
            ["partner_id", "name", "contact_name"] + field_names["crm.lead"],
        )
        extra = (leads.with_env(env) if leads else Lead) - own_leads
        extra = extra.filtered(lambda lead: lead.partner_id not in partners)
        lead_subject = {
            lead.id: ("res.partner", lead.partner_id.id) for lead in own_leads
        }
        for lead in extra:
            lead_subject[lead.id] = ("crm.lead", lead.id)
            plan["subjects"][("crm.lead", lead.id)] = lead
        plan["lead"] = lead_subject
        all_leads = own_leads | extra
        partner_ids, lead_ids = partners.ids, all_leads.ids
        partner_id_set = set(partner_ids)

        def doc_subject(model, res_id):
            """The subject of a record of the contacts or their leads."""
            if model == "res.partner" and res_id in partner_id_set:
                return ("res.partner", res_id)
            if model == "crm.lead":
                return lead_subject.get(res_id)
            return None

        docs_domain = expression.OR(
            [
                [("model", "=", "res.partner"), ("res_id", "in", partner_ids)],
                [("model", "=", "crm.lead"), ("res_id", "in", lead_ids)],
            ]
        )
        messages = env["mail.message"].search_fetch(
            expression.OR([docs_domain, [("author_id", "in", partner_ids)]]),
            [
                "model",
                "res_id",
                "author_id",
                "body",
                "subject",
                "email_from",
                "reply_to",
            ],
        )
        message_subject = {}
        for message in messages:
            message_subject[message.id] = doc_subject(
                message.model, message.res_id
            ) or ("res.partner", message.author_id.id)
        plan["message"] = message_subject
        plan["doc_messages"] = messages.filtered(
            lambda m: doc_subject(m.model, m.res_id)
        )
        plan["messages"] = messages

        attachment_subject = {}
        for attachment in env["ir.attachment"].search_fetch(
            expression.OR(
                [
                    [("res_model", "=", "res.partner"), ("res_id", "in", partner_ids)],
                    [("res_model", "=", "crm.lead"), ("res_id", "in", lead_ids)],
                ]
            )
            + [("res_field", "=", False)],
            ["res_model", "res_id"],
        ):
            attachment_subject[attachment.id] = doc_subject(
                attachment.res_model, attachment.res_id
            )
        env.cr.execute(
            SQL(
                "SELECT attachment_id, message_id FROM message_attachment_rel "
                "WHERE message_id = ANY(%s)",
                messages.ids,
            )
        )
        for attachment_id, message_id in env.cr.fetchall():
            attachment_subject.setdefault(attachment_id, message_subject[message_id])
        plan["attachment"] = attachment_subject

        plan["tracking"] = self._erasure_plan_tracking(env, plan, all_leads, partners)

        plan["mail"] = self._erasure_plan_mails(env, plan, all_leads, partners)

        plan["notification"] = {
            notification.id: ("res.partner", notification.res_partner_id.id)
            for notification in env["mail.notification"].search_fetch(
                [("res_partner_id", "in", partner_ids)], ["res_partner_id"]
            )
        }
        plan["follower"] = {
            follower.id: ("res.partner", follower.partner_id.id)
            for follower in env["mail.followers"].search_fetch(
                [("partner_id", "in", partner_ids)], ["partner_id"]
            )
        }
        plan["activity"] = {
            activity.id: doc_subject(activity.res_model, activity.res_id)
            for activity in env["mail.activity"].search_fetch(
                expression.OR(
                    [
                        [
                            ("res_model", "=", "res.partner"),
                            ("res_id", "in", partner_ids),
                        ],
                        [("res_model", "=", "crm.lead"), ("res_id", "in", lead_ids)],
                    ]
                ),
                ["res_model", "res_id"],
            )
        }
        plan["trait"] = {
            (model, assignment.id): ("res.partner", assignment.partner_id.id)
            for model in ASSIGNMENT_MODELS
            for assignment in env[model].search_fetch(
                [("partner_id", "in", partner_ids), ("note", "!=", False)],
                ["partner_id"],
            )
        }
        plan["log"] = self._erasure_plan_log(env, plan, all_leads, partners)
        return plan

    @api.model
    def _erasure_plan_mails(self, env, plan, leads, partners):
        """Emails of the erased messages, to the erased contacts, or to
        their addresses (Odoo's security notices, e.g.)."""
        addresses = {}
        for record, fname, subject in [
            (partner, "email_normalized", ("res.partner", partner.id))
            for partner in partners
        ] + [(lead, "email_normalized", plan["lead"][lead.id]) for lead in leads]:
            if record[fname]:
                addresses.setdefault(record[fname], subject)
        domain = expression.OR(
            [
                [("mail_message_id", "in", plan["messages"].ids)],
                [("recipient_ids", "in", partners.ids)],
            ]
            + [[("email_to", "ilike", address)] for address in addresses]
            + [[("email_cc", "ilike", address)] for address in addresses]
        )
        subjects = {}
        for mail in env["mail.mail"].search_fetch(
            domain, ["mail_message_id", "recipient_ids", "email_to", "email_cc"]
        ):
            subject = plan["message"].get(mail.mail_message_id.id)
            recipient = (mail.recipient_ids & partners)[:1]
            if not subject and recipient:
                subject = ("res.partner", recipient.id)
            if not subject:
                text = f"{mail.email_to or ''} {mail.email_cc or ''}".lower()
                subject = next(
                    (s for address, s in addresses.items() if address in text), None
                )
            subjects[mail.id] = subject
        return subjects

    @api.model
    def _erasure_plan_tracking(self, env, plan, leads, partners):
        """Tracking values that hold erased values: those of the erased
        fields on the documents' messages, those naming an erased contact
        (many2one to a contact), and those equal to an erased value."""
        Tracking = env["mail.tracking.value"]
        subjects = {}
        field_ids = self._erasure_field_records().ids
        for tracking in Tracking.search_fetch(
            [
                ("mail_message_id", "in", plan["doc_messages"].ids),
                ("field_id", "in", field_ids),
            ],
            ["mail_message_id"],
        ):
            subjects[tracking.id] = plan["message"][tracking.mail_message_id.id]
        for tracking in Tracking.search_fetch(
            [
                ("field_id.ttype", "=", "many2one"),
                ("field_id.relation", "=", "res.partner"),
                "|",
                ("old_value_integer", "in", partners.ids),
                ("new_value_integer", "in", partners.ids),
            ],
            ["old_value_integer", "new_value_integer"],
        ):
            partner_id = (
                tracking.old_value_integer
                if tracking.old_value_integer in partners.ids
                else tracking.new_value_integer
            )
            subjects.setdefault(tracking.id, ("res.partner", partner_id))
        values = self._erasure_values(plan, leads, partners)
        if values:
            domain = expression.OR(
                [[(column, "in", list(values))] for column in TRACKING_COLUMNS]
            )
            for tracking in Tracking.search_fetch(domain, TRACKING_COLUMNS):
                subject = next(
                    values[tracking[column]]
                    for column in TRACKING_COLUMNS
                    if tracking[column] in values
                )
                subjects.setdefault(tracking.id, subject)
        return subjects

    @api.model
    def _erasure_values(self, plan, leads, partners):
        """{erased text value: subject key}: the names and the values of the
        erased char and text fields of the contacts and their leads."""
        values = {}
        for model, records, extra in (
            ("res.partner", partners, ["name"]),
            ("crm.lead", leads, ["contact_name"]),
        ):
            text_fields = [
                fname
                for fname in set(plan["fields"][model] + extra)
                if records._fields[fname].type in ("char", "text")
            ]
            for record in records:
                subject = (
                    ("res.partner", record.id)
                    if model == "res.partner"
                    else plan["lead"][record.id]
                )
                for fname in text_fields:
                    value = record[fname]
                    if value and len(value) >= MIN_NAME_LENGTH:
                        values.setdefault(value, subject)
        return values

    @api.model
    def _erasure_plan_log(self, env, plan, leads, partners):
        """Deletion log entries of the erased contacts, of their leads, or
        naming them."""
        names = self._erasure_names(plan, leads, partners)
        domain = expression.OR(
            [
                [("res_model", "=", "res.partner"), ("res_id", "in", partners.ids)],
                [("res_model", "=", "crm.lead"), ("res_id", "in", leads.ids)],
            ]
            + [[("name", "ilike", name)] for name, __ in names]
        )
        subjects = {}
        for entry in env["crm.retention.deletion.log"].search_fetch(
            domain, ["res_model", "res_id", "name"]
        ):
            if entry.res_model == "res.partner" and entry.res_id in partners.ids:
                subject = ("res.partner", entry.res_id)
            elif entry.res_model == "crm.lead" and entry.res_id in plan["lead"]:
                subject = plan["lead"][entry.res_id]
            else:
                subject = next(
                    (
                        s
                        for name, s in names
                        if name.lower() in (entry.name or "").lower()
                    ),
                    None,
                )
            if subject:
                subjects[entry.id] = subject
        # The snapshots of other deleted records that name them (a message
        # they wrote on a deleted lead, ...): emptied with the entry.
        addresses = [
            (record.email_normalized, key)
            for record, key in [(p, ("res.partner", p.id)) for p in partners]
            + [(lead, plan["lead"][lead.id]) for lead in leads]
            if record.email_normalized
        ]
        mentions = env["crm.retention.deletion.log"]._snapshots_naming(
            names + addresses
        )
        for entry_id, subject in mentions.items():
            subjects.setdefault(entry_id, subject)
        return subjects

    @api.model
    def _erasure_names(self, plan, leads, partners):
        """[(name of a person, subject key)]: what the texts that stay (a
        lead's title, a log entry) may name them by."""
        names = [(partner.name, ("res.partner", partner.id)) for partner in partners]
        names += [(lead.contact_name, plan["lead"][lead.id]) for lead in leads]
        return [
            (name.strip(), subject)
            for name, subject in names
            if name and len(name.strip()) >= MIN_NAME_LENGTH
        ]

    # ------------------------------------------------------------------
    # The erasure
    # ------------------------------------------------------------------

    @api.model
    def _pseudonym(self, key):
        model, res_id = key
        if model == "res.partner":
            return self.env._("Erased contact %(id)s", id=res_id)
        return self.env._("Erased lead %(id)s", id=res_id)

    @api.model
    def _erase(self, partners, reason=False, origin="wizard", leads=None):
        """Erase the personal data of partners (and of leads found without
        them); keep their history, pseudonymised. Return the register
        entries, one per contact (or lead).

        Superuser (and raw SQL in _erase_lead_names): emptying and
        pseudonymising everything the plan found. Checked first:
        _check_erasable (Data Manager, the contacts of the acting user's
        companies and readable by them, the leads writable by them)."""
        self._check_erasable(partners, leads)
        plan = self._erasure_plan(partners, leads)
        env = self.env(
            su=True,
            context=dict(
                self.env.context,
                active_test=False,
                tracking_disable=True,
                mail_notrack=True,
                mail_create_nolog=True,
            ),
        )
        erased = self.with_env(env)
        mark = self.env._("Erased on request")
        counts = {kind: Counter() for kind in COUNTED_KINDS}
        for kind in COUNTED_KINDS:
            for subject in plan.get(kind, {}).values():
                counts[kind][subject] += 1
        leads = env["crm.lead"].browse(list(plan["lead"]))
        erased._erase_messages(plan, mark)
        erased._erase_tracking(plan, mark)
        erased._erase_mails(plan)
        env["mail.notification"].browse(list(plan["notification"])).unlink()
        env["mail.followers"].browse(list(plan["follower"])).unlink()
        env["ir.attachment"].browse(list(plan["attachment"])).unlink()
        erased._erase_activities(plan)
        for model in ASSIGNMENT_MODELS:
            env[model].browse(
                [res_id for key_model, res_id in plan["trait"] if key_model == model]
            ).write({"note": False})
        env["crm.retention.deletion.log"].browse(list(plan["log"]))._erase_entries()
        erased._erase_lead_names(plan, leads, partners.with_env(env))
        # Emptying an email or a phone makes crm recompute the probability
        # of open leads (email and phone quality are among its criteria):
        # the statistics stay as they were. email_state and phone_state are
        # recomputed by the flush, while the probabilities are protected.
        Lead = env["crm.lead"]
        kept = [Lead._fields["automated_probability"], Lead._fields["probability"]]
        with env.protecting(kept, leads):
            field_counts = erased._erase_partners(plan, partners.with_env(env))
            erased._erase_leads(plan, leads)
            env.flush_all()
        return erased._create_register_entries(
            plan, counts, field_counts, reason, origin
        )

    @api.model
    def _erase_message_contents(self, messages):
        """Erase the texts and attachments of messages (Privacy Lookup's
        lines of messages a person wrote): the messages stay. Superuser:
        the writes. Checked first: Data Manager, and the acting user may read
        the messages."""
        self._check_data_manager()
        if not self.env.su:
            messages.check_access("read")
        sudo = self.sudo().with_context(active_test=False)
        messages = messages.with_env(sudo.env)
        attachments = messages.attachment_ids
        sudo._erase_messages(
            {"messages": messages, "doc_messages": messages.browse()},
            self.env._("Erased on request"),
        )
        attachments.unlink()
        return True

    def _erase_messages(self, plan, mark):
        messages = plan["messages"].with_env(self.env)
        messages.filtered("body").write({"body": Markup("<p>%s</p>") % mark})
        messages.filtered("subject").write({"subject": mark})
        messages.filtered("email_from").write({"email_from": mark})
        messages.filtered("reply_to").write({"reply_to": False})
        # The messages of an erased contact name it: they get its pseudonym.
        on_partners = (
            plan["doc_messages"]
            .with_env(self.env)
            .filtered(lambda message: message.model == "res.partner")
        )
        for res_id, group in on_partners.grouped("res_id").items():
            group.write({"record_name": self._pseudonym(("res.partner", res_id))})

    def _erase_tracking(self, plan, mark):
        trackings = self.env["mail.tracking.value"].browse(list(plan["tracking"]))
        partner_ids = {
            res_id for model, res_id in plan["subjects"] if model == "res.partner"
        }
        by_reference = trackings.filtered(
            lambda t: t.field_id.ttype == "many2one"
            and t.field_id.relation == "res.partner"
        )
        for side in ("old", "new"):
            column = f"{side}_value_integer"
            named = by_reference.filtered(lambda t, c=column: t[c] in partner_ids)
            for partner_id, group in named.grouped(column).items():
                group.write(
                    {f"{side}_value_char": self._pseudonym(("res.partner", partner_id))}
                )
        others = trackings - by_reference
        for column in TRACKING_COLUMNS:
            others.filtered(column).write({column: mark})

    def _erase_mails(self, plan):
        """Emails still queued are deleted (their chatter message stays);
        the sent ones kept by Odoo lose their addresses and contents."""
        mails = self.env["mail.mail"].browse(list(plan["mail"]))
        queued = mails.filtered(lambda mail: mail.state in QUEUED_MAIL_STATES)
        (mails - queued).write(
            {
                "body_html": False,
                "email_to": False,
                "email_cc": False,
                "headers": False,
                "references": False,
                "failure_reason": False,
            }
        )
        # Deleting a mail that is no notification deletes its message too:
        # the chatter messages stay, only their queued sending goes.
        queued.filtered(lambda mail: mail.mail_message_id in plan["messages"]).write(
            {"is_notification": True}
        )
        queued.unlink()

    def _erase_activities(self, plan):
        activities = self.env["mail.activity"].browse(list(plan["activity"]))
        activities.write({"summary": False, "note": False, "feedback": False})
        on_partners = activities.filtered(lambda act: act.res_model == "res.partner")
        for res_id, group in on_partners.grouped("res_id").items():
            group.write({"res_name": self._pseudonym(("res.partner", res_id))})

    def _erase_lead_names(self, plan, leads, partners):
        """A lead's title stays, but a person's name in it becomes the
        pseudonym (a whole word, any case), and so do the copies of the
        title in its messages and activities. Raw SQL on the leads of the
        plan, checked by _erase."""
        if not leads:
            return
        self.env.flush_all()
        lead_ids_of = {}
        for lead_id, subject in plan["lead"].items():
            lead_ids_of.setdefault(subject, []).append(lead_id)
        names_of = {}
        for name, subject in self._erasure_names(plan, leads, partners):
            names_of.setdefault(subject, set()).add(re.escape(name))
        for subject, names in names_of.items():
            ids = lead_ids_of.get(subject)
            if not ids:
                continue
            pattern = r"\m(" + "|".join(sorted(names)) + r")\M"
            self.env.cr.execute(
                SQL(
                    "UPDATE crm_lead SET name = regexp_replace(name, %s, %s, 'gi') "
                    "WHERE id = ANY(%s) AND name ~* %s",
                    pattern,
                    self._pseudonym(subject),
                    ids,
                    pattern,
                )
            )
        self.env.cr.execute(
            SQL(
                "UPDATE mail_message m SET record_name = l.name FROM crm_lead l "
                "WHERE m.model = 'crm.lead' AND m.res_id = l.id AND l.id = ANY(%s)",
                leads.ids,
            )
        )
        self.env.cr.execute(
            SQL(
                "UPDATE mail_activity a SET res_name = l.name FROM crm_lead l "
                "WHERE a.res_model = 'crm.lead' AND a.res_id = l.id AND l.id = ANY(%s)",
                leads.ids,
            )
        )
        self.env["crm.lead"].invalidate_model(["name", "display_name"])
        self.env["mail.message"].invalidate_model(["record_name"])
        self.env["mail.activity"].invalidate_model(["res_name"])

    def _empty_vals(self, records, fnames):
        vals = {}
        for fname in fnames:
            field = records._fields[fname]
            if field.type == "one2many":
                continue
            vals[fname] = [Command.clear()] if field.type == "many2many" else False
        return vals

    def _erase_partners(self, plan, partners):
        """Pseudonymise the contacts; return {partner id: fields emptied}."""
        fnames = plan["fields"]["res.partner"]
        field_counts = {
            partner.id: sum(1 for fname in fnames if partner[fname])
            for partner in partners
        }
        if "bank_ids" in fnames:
            self._erase_bank_accounts(partners.bank_ids)
        reason = self.env.ref(
            "crm_retention.former_reason_erased", raise_if_not_found=False
        )
        partners.write(
            dict(
                self._empty_vals(partners, fnames),
                is_former=True,
                is_erased=True,
                former_reason_id=reason.id if reason else False,
            )
        )
        for partner in partners:
            partner.name = self._pseudonym(("res.partner", partner.id))
        # Their users (portal, or internal ones already deactivated): the
        # login is often an email address. Active portal users lose access.
        users = self.env["res.users"].search([("partner_id", "in", partners.ids)])
        for user in users:
            user.write({"login": f"__erased_user_{user.id}", "signature": False})
        users.filtered("active").write({"active": False})
        self.env["res.device.log"].search([("user_id", "in", users.ids)]).unlink()
        partners._message_log_batch(
            bodies=dict.fromkeys(
                partners.ids,
                Markup("<p>%s</p>")
                % self.env._("Personal data erased on request; the history stays."),
            ),
        )
        return field_counts

    def _erase_bank_accounts(self, banks):
        """Odoo archives bank accounts instead of deleting them (payments
        may refer to them): their number and holder are erased, and the
        account archived."""
        banks.write({"acc_holder_name": False, "active": False})
        for bank in banks:
            bank.acc_number = self.env._("Erased %(id)s", id=bank.id)

    def _erase_leads(self, plan, leads):
        fnames = plan["fields"]["crm.lead"]
        if not leads or not fnames:
            return
        leads.write(self._empty_vals(leads, fnames))

    def _create_register_entries(self, plan, counts, field_counts, reason, origin):
        vals_list = []
        for key, record in plan["subjects"].items():
            vals = {
                "res_model": key[0],
                "res_id": key[1],
                "name": self._pseudonym(key),
                "partner_id": key[1] if key[0] == "res.partner" else False,
                "company_id": record.company_id.id,
                "reason": reason or False,
                "origin": origin,
                "user_id": self.env.uid,
                "field_count": field_counts.get(key[1], 0)
                if key[0] == "res.partner"
                else 0,
            }
            for kind in COUNTED_KINDS:
                vals[f"{kind}_count"] = counts[kind][key]
            vals_list.append(vals)
        return self.create(vals_list)
