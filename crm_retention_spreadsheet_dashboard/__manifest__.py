# Copyright 2026 crm_retention contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "CRM Retention - Dashboard",
    "summary": "Retention dashboard in the Dashboards app: former relations, "
    "work of inactive users, offboardings, kept activities, CRM traits",
    "version": "18.0.1.0.0",
    "category": "Hidden",
    "license": "AGPL-3",
    "author": "crm_retention contributors",
    "website": "https://github.com/crm-retention/crm_retention",
    "maintainers": ["crm-retention"],
    "depends": ["crm_retention", "spreadsheet_dashboard"],
    "data": [
        "data/crm_retention_dashboard.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "crm_retention_spreadsheet_dashboard/static/tests/tours/**/*",
        ],
    },
    "auto_install": True,
    "installable": True,  # pylint: disable=manifest-superfluous-key
}
