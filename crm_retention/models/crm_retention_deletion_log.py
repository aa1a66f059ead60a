# Copyright 2026 crm_retention contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json
from datetime import timedelta

from odoo import api, fields, models, tools
from odoo.tools import SQL

from . import snapshot as snap

# Context key: the reason of a deletion (the 'Delete with reason' of the
# web client); 'Not given' without it (e.g. over RPC).
DELETION_REASON = "crm_retention_deletion_reason"
# System parameter: days a deleted record stays in the recycle bin.
RECYCLE_DAYS_PARAM = "crm_retention.recycle_bin_days"
RECYCLE_DAYS_DEFAULT = 30
# Entries purged per run of the scheduled action (it runs again while
# some are left, see ir.cron._notify_progress).
PURGE_BATCH_SIZE = 1000


def _has_company(model):
    field = model._fields.get("company_id")
    return bool(field) and field.type == "many2one"


def _stored_name_column(model):
    """The column holding the display name of records of model, if one
    does: the stored complete name (contacts), or the record name when
    Odoo shows it as it is. None: computed in Python."""
    for fname in ("complete_name", model._rec_name):
        field = model._fields.get(fname)
        if not field or field.type != "char" or not field.column_type:
            continue
        if not field.store or field.translate:
            continue
        if fname == "complete_name" or (
            type(model)._compute_display_name is models.BaseModel._compute_display_name
        ):
            return fname
    return None


class CrmRetentionDeletionLog(models.Model):
    _name = "crm.retention.deletion.log"
    _description = "Deleted CRM record"
    _order = "create_date desc, id desc"
    _rec_name = "name"

    res_model = fields.Char(string="Model", required=True, readonly=True, index=True)
    res_model_name = fields.Char(string="Document Type", readonly=True)
    res_id = fields.Integer(string="Record ID", readonly=True)
    name = fields.Char(readonly=True)
    company_id = fields.Many2one(
        comodel_name="res.company",
        readonly=True,
        index=True,
        help="Company of the deleted record (of an activity: of its document). "
        "Empty: visible in every company.",
    )
    is_erased = fields.Boolean(
        string="Erased",
        readonly=True,
        help="The name of the deleted record was erased with a person's "
        "personal data (GDPR): it cannot be brought back.",
    )
    reason = fields.Char(readonly=True)
    state = fields.Selection(
        selection=[
            ("deleted", "In the Bin"),
            ("restored", "Restored"),
            ("purged", "Purged"),
        ],
        default="deleted",
        required=True,
        readonly=True,
        index=True,
        help="In the Bin: can be restored. Purged: kept as a trace only, "
        "without the data (after the retention period).",
    )
    snapshot = fields.Json(
        readonly=True,
        copy=False,
        help="The stored values of the deleted record and of what was "
        "deleted with it, for the restore.",
    )
    restored_date = fields.Datetime(string="Restored On", readonly=True)
    restored_user_id = fields.Many2one(
        comodel_name="res.users", string="Restored By", readonly=True
    )

    def init(self):
        # The snapshots are compressed with lz4 where PostgreSQL has it:
        # about a third faster to write than its default (pglz).
        self.env.cr.execute(
            "SELECT 1 FROM pg_settings WHERE name = 'default_toast_compression' "
            "AND 'lz4' = ANY(enumvals)"
        )
        if self.env.cr.fetchone():
            self.env.cr.execute(
                "ALTER TABLE crm_retention_deletion_log "
                "ALTER COLUMN snapshot SET COMPRESSION lz4"
            )

    @api.model
    def _log_deletion(self, records):
        """One line per deleted record, written in one go.

        Superuser: creating the lines (the log is read-only for everybody).
        Checked first: called from the deletion guards once the deletion
        right was checked (check_delete_right), in the deleting user's name
        (create_uid)."""
        if not records:
            return self.browse()
        records = records.sudo()
        snapshots = snap.take_snapshots(
            records.env, records._name, records.ids, self._snapshot_links
        )
        entries = self._insert_entries(records, snapshots)
        # Odoo deletes the attachments of deleted records: the entries keep
        # them (binary fields, chatter files) while they are in the bin.
        entry_of = dict(zip(records.ids, entries.ids, strict=True))
        snap.move_attachments(
            self.env,
            [
                (att_id, entry_of[res_id], None)
                for res_id, snapshot in snapshots.items()
                for att_id, __ in snapshot["attachments"]
            ],
            self._name,
        )
        return entries

    @api.model
    def _insert_entries(self, records, snapshots):
        """INSERT the entries of records (sudo) in one query, in their order,
        their snapshot built by PostgreSQL from the rows themselves and the
        rest of snapshots (see snapshot.take_snapshots). Raw SQL: the ORM
        create() of thousands of entries with their snapshot cost more than
        the deletion itself; the log has no computed field nor any
        dependent, so nothing is left to recompute. Called by _log_deletion
        only."""
        model_name = self.env["ir.model"]._get(records._name).name
        reason = self.env.context.get(DELETION_REASON) or self.env._("Not given")
        table = SQL.identifier(records._table)
        company = records._fields.get("company_id")
        if _has_company(records) and company.store and company.column_type:
            # The company is read by the INSERT too (flushed by take_snapshots).
            company_of, company_sql = {}, SQL("t.company_id")
        else:
            company_of = self._deleted_companies(records)
            company_sql = SQL("v.company_id")
        # One JSON text for all the entries, parsed once by PostgreSQL (arrays
        # of 10,000 strings are parsed element by element); the rows of the
        # dependents are in snapshot.ROWS_TABLE already.
        extras = {rid: json.dumps(snapshot) for rid, snapshot in snapshots.items()}
        # The name from the row itself where it is stored (computing the
        # display name of 10,000 contacts costs a quarter of the deletion).
        name_column = _stored_name_column(records)
        if name_column:
            name_sql = SQL("t.%s", SQL.identifier(name_column))
            names = dict.fromkeys(records.ids, "null")
        else:
            name_sql = SQL("v.name")
            names = {r.id: json.dumps(r.display_name or None) for r in records}
        values = ",".join(
            f'{{"id":{rid},"name":{names[rid]},'
            f'"company_id":{json.dumps(company_of.get(rid) or None)},'
            f'"extra":{extras.get(rid, "null")}}}'
            for rid in records.ids
        )
        now = self.env.cr.now()
        rows = self.env.execute_query(
            SQL(
                """
                INSERT INTO crm_retention_deletion_log
                       (res_model, res_model_name, res_id, name, company_id,
                        reason, state, is_erased, snapshot,
                        create_uid, create_date, write_uid, write_date)
                SELECT %(model)s, %(model_name)s, v.id, %(name)s, %(company)s,
                       %(reason)s, 'deleted', FALSE, %(snapshot)s,
                       %(uid)s, %(now)s, %(uid)s, %(now)s
                  FROM json_to_recordset(%(values)s::json)
                       AS v(id int, name varchar, company_id int, extra jsonb)
                  LEFT JOIN LATERAL (SELECT * FROM %(table)s WHERE id = v.id LIMIT 1) t
                       ON TRUE
             RETURNING res_id, id
                """,
                model=records._name,
                model_name=model_name,
                company=company_sql,
                name=name_sql,
                reason=reason,
                snapshot=snap.snapshot_sql(
                    records._name, "t", snap.dependents_sql(SQL("v.id")), SQL("v.extra")
                ),
                uid=self.env.uid,
                now=now,
                values=f"[{values}]",
                table=table,
            )
        )
        # LATERAL and LIMIT 1 (never flattened into a join): one lookup by
        # primary key per entry. A join is planned
        # from the statistics of the table, stale right after a bulk
        # creation: a nested loop over every pair of rows (6 s instead of
        # 1 s for 10,000 contacts). No ORDER BY: sorting the rows with their
        # snapshot would spill to disk; the entries are given back in the
        # order of records.
        entry_of = dict(rows)
        return self.browse([entry_of[rid] for rid in records.ids])

    @api.model
    @tools.ormcache("model_name")
    def _snapshot_links(self, model_name):
        """What points at records of model_name (cached per registry)."""
        return snap.model_links(self.env, model_name)

    @api.model
    def _deleted_companies(self, records):
        """{record id: company id} of records about to be deleted: their own
        company, or for activities the company of their document (one query
        per document model). Records without a company are left out."""
        if _has_company(records):
            return {record.id: record.company_id.id for record in records}
        if records._name != "mail.activity":
            return {}
        companies = {}
        for res_model, activities in records.grouped("res_model").items():
            if res_model not in self.env or not _has_company(self.env[res_model]):
                continue
            documents = self.env[res_model].sudo().with_context(active_test=False)
            company_of = {
                document.id: document.company_id.id
                for document in documents.browse(activities.mapped("res_id")).exists()
            }
            for activity in activities:
                companies[activity.id] = company_of.get(activity.res_id, False)
        return companies

    def _erase_entries(self):
        """The entries lose the name of the record: it named a person whose
        personal data was erased.

        Superuser: the write (the log is read-only). Checked first: called by
        the erasure after its checks (crm.retention.erasure._check_erasable),
        or by Odoo's portal account deletion (cron)."""
        entries = self.sudo()
        entries.write(
            {
                "name": self.env._("Erased on request"),
                "is_erased": True,
                "snapshot": False,
            }
        )
        entries._unlink_attachments()
        return True

    @api.model
    def _snapshots_naming(self, texts):
        """{entry id: subject} of the entries whose snapshot holds one of
        texts ([(text, subject)]: names, email addresses), in one query.
        Raw SQL: searching inside the JSON; called by the erasure after its
        checks."""
        if not texts:
            return {}
        self.flush_model(["snapshot"])
        rows = self.env.execute_query(
            SQL(
                "SELECT id, lower(snapshot::text) FROM crm_retention_deletion_log "
                "WHERE snapshot IS NOT NULL AND snapshot::text ILIKE ANY(%s)",
                [f"%{tools.escape_psql(text)}%" for text, __ in texts],
            )
        )
        found = {}
        for entry_id, content in rows:
            found[entry_id] = next(
                (subject for text, subject in texts if text.lower() in content),
                texts[0][1],
            )
        return found

    @api.model
    def _erase_deleted(self, model, ids):
        """Erase the entries of records deleted on a person's request.
        Superuser: finding the entries; the callers' checks as in
        _erase_entries."""
        entries = self.sudo().search([("res_model", "=", model), ("res_id", "in", ids)])
        return entries._erase_entries()

    # ------------------------------------------------------------------
    # Retention
    # ------------------------------------------------------------------

    def _unlink_attachments(self):
        """Delete the files the entries kept (superuser: the entries' own
        attachments; called by the purge and the erasure)."""
        self.env["ir.attachment"].sudo().search(self._attachments_domain()).unlink()

    def _attachments_domain(self):
        """The attachments the entries keep (binary fields without their
        res_field while in the bin)."""
        return [("res_model", "=", self._name), ("res_id", "in", self.ids)]

    @api.model
    def _recycle_days(self):
        value = self.env["ir.config_parameter"].sudo().get_param(RECYCLE_DAYS_PARAM)
        try:
            return max(int(value), 0) if value else RECYCLE_DAYS_DEFAULT
        except ValueError:
            return RECYCLE_DAYS_DEFAULT

    @api.model
    def _cron_purge(self, batch_size=PURGE_BATCH_SIZE):
        """Purge the entries older than the retention period: their
        snapshot and files go, a one-line trace stays (who, when, what).
        One batch per call; the scheduled action calls it again while some
        are left. Return the number of entries left."""
        limit = fields.Datetime.now() - timedelta(days=self._recycle_days())
        domain = [("state", "=", "deleted"), ("create_date", "<", limit)]
        entries = self.sudo().search(domain, limit=batch_size, order="id")
        entries._unlink_attachments()
        entries.write({"state": "purged", "snapshot": False})
        remaining = self.sudo().search_count(domain)
        self.env["ir.cron"]._notify_progress(done=len(entries), remaining=remaining)
        return remaining
