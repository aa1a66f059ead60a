# Copyright 2026 crm_retention contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class CrmRetentionTrait(models.Model):
    _name = "crm.retention.trait"
    _inherit = "crm.retention.definition.mixin"
    _description = "CRM trait (of one person)"
    _assignment_model = "crm.retention.trait.assignment"

    _sql_constraints = [
        (
            "code_company_uniq",
            "unique(code, company_id)",
            "A CRM trait with this code already exists.",
        ),
    ]
