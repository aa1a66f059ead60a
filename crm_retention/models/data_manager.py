# Copyright 2026 crm_retention contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Who is a Data Manager, and the checks of what only Data Managers do
(pure helpers, no model)."""

from odoo.exceptions import AccessError

DATA_MANAGER = "crm_retention.crm_retention_group_manager"


def is_data_manager(env):
    """Data Managers, and Odoo itself working as the superuser."""
    return env.su or env.user.has_group(DATA_MANAGER)


def check_data_manager(env, message):
    """The one Data-Manager check: raise AccessError(message) unless the
    acting user is a Data Manager (or Odoo itself)."""
    if not is_data_manager(env):
        raise AccessError(message)


def delete_right_error(env, model):
    """The error of a user who may not delete records of model."""
    return AccessError(
        env._(
            "Only Data Managers can delete %(document)s. Archive it, mark it as "
            "former, or ask a Data Manager.",
            document=env["ir.model"]._get(model).name,
        )
    )


def check_delete_right(records):
    """Only Data Managers delete CRM records. The access check already says
    so (ir.model.access._get_allowed_models); this check also covers the
    addon's own models and holds whatever other modules override. Odoo's own
    flows that delete as the superuser (merging opportunities, crons) are
    not concerned."""
    env = records.env
    if not records or is_data_manager(env):
        return
    raise delete_right_error(env, records._name)
