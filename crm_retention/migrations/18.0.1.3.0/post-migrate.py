# Copyright 2026 crm_retention contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).


def migrate(cr, version):
    """Entries of the deletion log written before the recycle bin hold no
    snapshot: they are traces only, never restorable."""
    cr.execute(
        "UPDATE crm_retention_deletion_log SET state = 'purged' WHERE snapshot IS NULL"
    )
