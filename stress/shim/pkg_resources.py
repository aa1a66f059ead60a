# Copyright 2026 crm_retention contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Stand-in for setuptools' pkg_resources, on the PYTHONPATH of the stress
run's Odoo only (plain Python). gevent 22.10.2 (Odoo 18's pin) imports
pkg_resources.iter_entry_points to find plugins, and setuptools 81 and
later no longer ship pkg_resources: without it Odoo's gevent worker (the
websocket/longpolling process a multi-worker Odoo always starts) dies at
import and is respawned forever. No plugins: nothing to iterate."""


def iter_entry_points(group, name=None):
    return iter(())
