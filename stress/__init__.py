# Copyright 2026 crm_retention contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""./dev stress: crm_retention in a multi-worker Odoo, under concurrency,
faults, hostile RPC input and load (plain Python, no Odoo import but in
seed.py, which runs in a process of its own)."""
