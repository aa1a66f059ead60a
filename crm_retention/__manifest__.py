# Copyright 2026 crm_retention contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "CRM Retention",
    "summary": "Keep CRM history: former relations, kept activities, "
    "deletion guards, offboarding, CRM traits and dossier actions",
    "version": "18.0.1.4.0",
    "category": "Sales/CRM",
    "license": "AGPL-3",
    "author": "crm_retention contributors",
    "website": "https://github.com/crm-retention/crm_retention",
    "maintainers": ["crm-retention"],
    "depends": ["crm", "contacts"],
    "data": [
        "security/crm_retention_security.xml",
        "security/ir.model.access.csv",
        "security/crm_retention_deletion_log_security.xml",
        "security/crm_retention_trait_security.xml",
        "security/crm_retention_offboarding_security.xml",
        "security/crm_retention_inactive_work_security.xml",
        "security/crm_retention_erasure_security.xml",
        "security/crm_retention_deletion_request_security.xml",
        "data/crm_retention_former_reason_data.xml",
        "data/crm_retention_trait_data.xml",
        "data/crm_retention_recycle_bin_data.xml",
        "wizards/crm_retention_mark_former_views.xml",
        "wizards/crm_retention_move_history_views.xml",
        "wizards/crm_retention_trait_wizard_views.xml",
        "wizards/crm_retention_offboard_user_views.xml",
        "wizards/crm_retention_erase_views.xml",
        "wizards/crm_retention_deletion_request_views.xml",
        "data/crm_retention_data.xml",
        "views/res_partner_views.xml",
        "views/crm_lead_views.xml",
        "views/crm_activity_report_views.xml",
        "views/mail_activity_views.xml",
        "views/crm_retention_former_reason_views.xml",
        "views/crm_retention_deletion_log_views.xml",
        "views/crm_retention_erasure_views.xml",
        "views/crm_retention_deletion_request_views.xml",
        "views/res_config_settings_views.xml",
        "views/crm_retention_trait_views.xml",
        "views/crm_retention_dossier_action_views.xml",
        "views/crm_retention_assignment_views.xml",
        "views/crm_retention_dossier_report_views.xml",
        "views/ir_actions_server_views.xml",
        "views/crm_retention_offboarding_views.xml",
        "views/crm_retention_inactive_work_views.xml",
        "views/res_users_views.xml",
        "views/crm_retention_menus.xml",
    ],
    "demo": [
        "demo/crm_retention_demo.xml",
    ],
    "uninstall_hook": "uninstall_hook",
    "assets": {
        "web.assets_backend": [
            "crm_retention/static/src/**/*",
        ],
        "web.assets_tests": [
            "crm_retention/static/tests/tours/**/*",
        ],
    },
    # Explicit on purpose: an admin reads here that this is no application.
    "installable": True,  # pylint: disable=manifest-superfluous-key
    "application": False,  # pylint: disable=manifest-superfluous-key
}
