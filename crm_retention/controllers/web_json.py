# Copyright 2026 crm_retention contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.http import request

from odoo.addons.web.controllers.json import WebJsonController


class CrmRetentionWebJsonController(WebJsonController):
    def _get_action(self, subpath):
        """The /json route returns the records of a view, like an export
        (Odoo asks for the export group there): the restricted models are
        refused as in export_data. The action comes back as superuser: the
        check runs as the user of the request."""
        result = super()._get_action(subpath)
        request.env[result[0].res_model]._crm_retention_check_export()
        return result
