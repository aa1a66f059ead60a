# Copyright 2026 crm_retention contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""What an erasure covers: the fields it erases by default and those it
keeps, the models and kinds of records it touches and counts (constants,
no model)."""

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
