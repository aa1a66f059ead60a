# Copyright 2026 crm_retention contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models, tools
from odoo.tools import SQL


class CrmRetentionDossierReport(models.Model):
    """CRM traits and dossier actions side by side, per dossier: one line
    per assignment, current or ended (a small SQL view)."""

    _name = "crm.retention.dossier.report"
    _description = "CRM traits and dossier actions per dossier"
    _auto = False
    _order = "dossier_id, kind, partner_id"

    kind = fields.Selection(
        selection=[("trait", "CRM trait"), ("dossier_action", "Dossier action")],
        readonly=True,
    )
    partner_id = fields.Many2one(comodel_name="res.partner", readonly=True)
    dossier_id = fields.Many2one(
        comodel_name="res.partner",
        string="Commercial Entity",
        readonly=True,
        help="The company, or the person itself when it has no company: the "
        "contact's dossier, which dossier actions belong to.",
    )
    is_organisation = fields.Boolean(string="Is a Company", readonly=True)
    trait_id = fields.Many2one(comodel_name="crm.retention.trait", readonly=True)
    dossier_action_id = fields.Many2one(
        comodel_name="crm.retention.dossier.action", readonly=True
    )
    name = fields.Char(string="Trait or Action", translate=True, readonly=True)
    code = fields.Char(readonly=True)
    is_current = fields.Boolean(string="Current", readonly=True)
    added_date = fields.Datetime(string="Added On", readonly=True)
    added_user_id = fields.Many2one(
        comodel_name="res.users", string="Added By", readonly=True
    )
    date_end = fields.Date(string="Valid Until", readonly=True)
    removed_date = fields.Datetime(string="Removed On", readonly=True)
    removed_user_id = fields.Many2one(
        comodel_name="res.users", string="Removed By", readonly=True
    )
    company_id = fields.Many2one(comodel_name="res.company", readonly=True)

    def init(self):
        """Raw SQL: the view's definition, at install and update, without any
        input. Reading it goes through the ORM (access rights, rules)."""
        tools.drop_view_if_exists(self.env.cr, self._table)
        # Even ids for traits, odd ones for dossier actions: unique and stable.
        self.env.cr.execute(
            SQL(
                """
                CREATE VIEW %(view)s AS (
                    SELECT a.id * 2 AS id, 'trait' AS kind, a.partner_id,
                           p.commercial_partner_id AS dossier_id,
                           COALESCE(p.is_company, FALSE) AS is_organisation,
                           a.trait_id, NULL::integer AS dossier_action_id,
                           t.name, t.code, a.active AS is_current, a.added_date,
                           a.added_user_id, a.date_end, a.removed_date,
                           a.removed_user_id, p.company_id
                      FROM crm_retention_trait_assignment a
                      JOIN res_partner p ON p.id = a.partner_id
                      JOIN crm_retention_trait t ON t.id = a.trait_id
                    UNION ALL
                    SELECT a.id * 2 + 1, 'dossier_action', a.partner_id,
                           p.commercial_partner_id,
                           COALESCE(p.is_company, FALSE),
                           NULL::integer, a.dossier_action_id,
                           d.name, d.code, a.active, a.added_date, a.added_user_id,
                           a.date_end, a.removed_date, a.removed_user_id,
                           p.company_id
                      FROM crm_retention_dossier_action_assignment a
                      JOIN res_partner p ON p.id = a.partner_id
                      JOIN crm_retention_dossier_action d
                        ON d.id = a.dossier_action_id
                )
                """,
                view=SQL.identifier(self._table),
            )
        )
