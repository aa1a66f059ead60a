# Copyright 2026 crm_retention contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json

from odoo import api, models

from .history import DATA_MANAGER

# Models on which only Data Managers delete.
GUARDED_MODELS = ("res.partner", "crm.lead", "mail.activity")
REVOKED_PARAM = "crm_retention.revoked_unlink_access"


class IrModelAccess(models.Model):
    _inherit = "ir.model.access"

    @api.model
    def _crm_retention_revoke_unlink(self):
        """Take the delete right on the guarded models away from every group
        that does not include Data Manager, and remember which access rules
        had it, so that uninstalling gives it back. Idempotent: it runs at
        each install or update of the addon, after the modules it depends on
        were loaded (an update of those reloads their access rules).
        Superuser: the access rules and the parameter; run only by the
        install/update (data file), never over RPC (private method)."""
        manager = self.env.ref(DATA_MANAGER)
        rules = self.sudo().search(
            [
                ("model_id.model", "in", GUARDED_MODELS),
                ("perm_unlink", "=", True),
                ("group_id", "!=", False),
            ]
        )
        to_revoke = rules.filtered(
            lambda rule: manager not in rule.group_id | rule.group_id.trans_implied_ids
        )
        # An access rule without a group binds every user: it is left alone,
        # and the check in code refuses the deletion.
        params = self.env["ir.config_parameter"].sudo()
        revoked = set(json.loads(params.get_param(REVOKED_PARAM, "[]")))
        revoked.update(to_revoke.ids)
        params.set_param(REVOKED_PARAM, json.dumps(sorted(revoked)))
        to_revoke.write({"perm_unlink": False})

    @api.model
    def _crm_retention_restore_unlink(self):
        """Give back the delete rights taken by _crm_retention_revoke_unlink.
        Superuser: the access rules and the parameter; run only by the
        uninstall hook."""
        params = self.env["ir.config_parameter"].sudo()
        revoked = json.loads(params.get_param(REVOKED_PARAM, "[]"))
        self.sudo().browse(revoked).exists().write({"perm_unlink": True})
        params.set_param(REVOKED_PARAM, False)  # False deletes the parameter
