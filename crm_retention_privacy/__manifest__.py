# Copyright 2026 crm_retention contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "CRM Retention - Privacy Lookup",
    "summary": "Privacy Lookup erases contacts with history and pseudonymises "
    "their opportunities instead of failing to delete them",
    "version": "18.0.1.0.0",
    "category": "Hidden",
    "license": "AGPL-3",
    "author": "crm_retention contributors",
    "website": "https://github.com/crm-retention/crm_retention",
    "maintainers": ["crm-retention"],
    "depends": ["crm_retention", "privacy_lookup"],
    "auto_install": True,
    "installable": True,  # pylint: disable=manifest-superfluous-key
}
