# Copyright 2026 crm_retention contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "CRM Retention",
    "summary": "Keep CRM history: former relations, kept activities, "
    "deletion guards, offboarding",
    "version": "18.0.1.0.0",
    "category": "Sales/CRM",
    "license": "AGPL-3",
    "author": "crm_retention contributors",
    "website": "https://github.com/crm-retention/crm_retention",
    "maintainers": ["crm-retention"],
    "depends": ["crm", "contacts"],
    "data": [
        "security/crm_retention_security.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "crm_retention/static/tests/tours/**/*",
        ],
    },
    # Explicit on purpose: an admin reads here that this is no application.
    "installable": True,  # pylint: disable=manifest-superfluous-key
    "application": False,  # pylint: disable=manifest-superfluous-key
}
