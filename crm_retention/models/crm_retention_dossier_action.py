# Copyright 2026 crm_retention contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class CrmRetentionDossierAction(models.Model):
    _name = "crm.retention.dossier.action"
    _inherit = "crm.retention.definition.mixin"
    _description = "CRM dossier action (of a whole company)"
    _assignment_model = "crm.retention.dossier.action.assignment"

    _sql_constraints = [
        (
            "code_company_uniq",
            "unique(code, company_id)",
            "A dossier action with this code already exists.",
        ),
    ]
