# Copyright 2026 crm_retention contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "CRM Retention - Automation Rules",
    "summary": "Demo automation rule of crm_retention: a lost opportunity "
    "removes the newsletter trait from the customer's whole dossier",
    "version": "18.0.1.0.0",
    "category": "Hidden",
    "license": "AGPL-3",
    "author": "crm_retention contributors",
    "website": "https://github.com/crm-retention/crm_retention",
    "maintainers": ["crm-retention"],
    "depends": ["crm_retention", "base_automation"],
    "demo": [
        "demo/crm_retention_base_automation_demo.xml",
    ],
    "auto_install": True,
    "installable": True,  # pylint: disable=manifest-superfluous-key
}
