# Copyright 2026 crm_retention contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""What the scenarios check in the database, in SQL (plain Python)."""

OPEN_LEADS = """
    SELECT l.id FROM crm_lead l LEFT JOIN crm_stage s ON s.id = l.stage_id
     WHERE l.active AND NOT coalesce(s.is_won, false)"""


def user_id(run, login, db=None):
    return run.cluster.value(
        db or run.db, "SELECT id FROM res_users WHERE login=%s", [login]
    )


def open_leads_of(run, uid):
    return [
        row[0]
        for row in run.cluster.sql(run.db, OPEN_LEADS + " AND l.user_id = %s", [uid])
    ]


def open_leads_without_active_owner(run, ids):
    """Open leads among ids whose owner is empty or archived."""
    return run.cluster.value(
        run.db,
        f"""SELECT count(*) FROM ({OPEN_LEADS} AND l.id = ANY(%s)) o
              JOIN crm_lead l ON l.id = o.id
              LEFT JOIN res_users u ON u.id = l.user_id
             WHERE u.id IS NULL OR NOT u.active""",
        [list(ids)],
    )


def offboardings_of(run, uid):
    return run.cluster.sql(
        run.db,
        "SELECT id, state FROM crm_retention_offboarding WHERE user_id = %s "
        "ORDER BY id",
        [uid],
    )


def lines_of(run, offboarding_id):
    """(res_model, res_id, previous, new, undo_state) of an offboarding."""
    return run.cluster.sql(
        run.db,
        """SELECT res_model, res_id, previous_user_id, new_user_id, undo_state
             FROM crm_retention_offboarding_line WHERE offboarding_id = %s""",
        [offboarding_id],
    )


def half_moved(run, offboarding_id):
    """Lines whose record does not belong to the line's new owner (records
    changed since excluded by the caller): a half-done move."""
    bad = 0
    for table, model in (
        ("crm_lead", "crm.lead"),
        ("mail_activity", "mail.activity"),
        ("res_partner", "res.partner"),
    ):
        bad += run.cluster.value(
            run.db,
            f"""SELECT count(*) FROM crm_retention_offboarding_line li
                  JOIN {table} r ON r.id = li.res_id
                 WHERE li.offboarding_id = %s AND li.res_model = %s
                   AND r.user_id IS DISTINCT FROM li.new_user_id""",
            [offboarding_id, model],
        )
    return bad
