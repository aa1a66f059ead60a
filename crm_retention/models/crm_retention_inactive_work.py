# Copyright 2026 crm_retention contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import SUPERUSER_ID, fields, models, tools
from odoo.tools import SQL


class CrmRetentionInactiveWork(models.Model):
    """Work left behind: open opportunities, upcoming activities and
    customers still owned by archived users (a small SQL view, one line per
    record)."""

    _name = "crm.retention.inactive.work"
    _description = "Work of inactive users"
    _auto = False
    _order = "user_id, kind, date, id"

    kind = fields.Selection(
        selection=[
            ("opportunity", "Opportunity"),
            ("lead", "Lead"),
            ("activity", "Upcoming activity"),
            ("customer", "Customer"),
        ],
        readonly=True,
    )
    user_id = fields.Many2one(
        comodel_name="res.users",
        string="Inactive Owner",
        readonly=True,
        context={"active_test": False},
    )
    name = fields.Char(string="Record", readonly=True)
    summary = fields.Char(readonly=True)
    date = fields.Date(
        readonly=True, help="Expected closing, or deadline of the activity."
    )
    res_model = fields.Char(string="Model", readonly=True)
    res_id = fields.Many2oneReference(model_field="res_model", readonly=True)
    company_id = fields.Many2one(comodel_name="res.company", readonly=True)

    def init(self):
        """Raw SQL: the view's definition, at install and update, without any
        input. Reading it goes through the ORM: Data Managers only (access
        rights) and their companies (record rule)."""
        tools.drop_view_if_exists(self.env.cr, self._table)
        # The open leads as crm.lead defines them, without record rules.
        Lead = self.env["crm.lead"].sudo().with_context(active_test=False)
        open_leads = Lead._search(Lead._crm_retention_open_domain())
        # ids: leads 3n, activities 3n+1, customers 3n+2 (unique and stable).
        # The superuser (OdooBot) is archived by design and owns nothing
        # that waits for someone. An activity takes the company of its
        # document when that is an opportunity or a contact (for the company
        # rule); of other documents it has none (shared).
        self.env.cr.execute(
            SQL(
                """
                CREATE VIEW %(view)s AS (
                    SELECT l.id * 3 AS id,
                           CASE WHEN l.type = 'lead' THEN 'lead'
                                ELSE 'opportunity' END AS kind,
                           l.user_id, l.name, NULL::varchar AS summary,
                           l.date_deadline AS date, 'crm.lead' AS res_model,
                           l.id AS res_id, l.company_id
                      FROM crm_lead l
                      JOIN res_users u ON u.id = l.user_id
                     WHERE NOT u.active AND u.id != %(superuser)s
                       AND l.id IN %(open_leads)s
                    UNION ALL
                    SELECT a.id * 3 + 1, 'activity', a.user_id, a.res_name,
                           a.summary, a.date_deadline, a.res_model, a.res_id,
                           COALESCE(al.company_id, ap.company_id)
                      FROM mail_activity a
                      JOIN res_users u ON u.id = a.user_id
                      LEFT JOIN crm_lead al
                        ON a.res_model = 'crm.lead' AND al.id = a.res_id
                      LEFT JOIN res_partner ap
                        ON a.res_model = 'res.partner' AND ap.id = a.res_id
                     WHERE NOT u.active AND u.id != %(superuser)s AND a.active
                    UNION ALL
                    SELECT p.id * 3 + 2, 'customer', p.user_id,
                           p.complete_name, NULL::varchar, NULL::date,
                           'res.partner', p.id, p.company_id
                      FROM res_partner p
                      JOIN res_users u ON u.id = p.user_id
                     WHERE NOT u.active AND u.id != %(superuser)s AND p.active
                )
                """,
                view=SQL.identifier(self._table),
                superuser=SUPERUSER_ID,
                open_leads=open_leads.subselect(),
            )
        )

    def action_offboard(self):
        """Open the offboarding wizard for the inactive owner."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_retention.crm_retention_offboard_user_action"
        )
        action["context"] = {"default_user_id": self.user_id.id}
        return action

    def action_open_record(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": self.res_model,
            "res_id": self.res_id,
            "view_mode": "form",
        }
