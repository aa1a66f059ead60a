# Copyright 2026 crm_retention contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

from .mail_activity_type import KEEP_DONE_PARAM


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    crm_retention_keep_done = fields.Boolean(
        string="Keep Done Activities",
        config_parameter=KEEP_DONE_PARAM,
        help="Activities marked as done stay in the history of their record "
        "(all activity types). Off: Odoo's default, done activities are "
        "deleted unless their type keeps them.",
    )

    def set_values(self):
        before = self.env["mail.activity.type"]._default_keep_done()
        res = super().set_values()
        if self.crm_retention_keep_done != before:
            self.env["mail.activity.type"]._crm_retention_apply_keep_done()
        return res
