# Copyright 2026 crm_retention contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError

from . import snapshot
from . import snapshot_restore as restore
from .data_manager import check_data_manager


class CrmRetentionDeletionLog(models.Model):
    """The recycle bin's Restore: the deleted records come back from the
    snapshots of their log entries (see snapshot_restore.py)."""

    _inherit = "crm.retention.deletion.log"

    def action_restore(self):
        """Bring the deleted records back (button and list action), with
        their ids, dependents and references, in one transaction. Entries
        of records they point to that were deleted too come back first."""
        self._check_restore_right()
        entries = self._with_deleted_targets()
        entries._check_restorable()
        # Superuser: re-creating the records and what depended on them.
        # Checked first: Data Manager (_check_restore_right), entries they
        # may read (record rules: their companies), restorable entries.
        entries.sudo()._restore()
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": self.env._(
                    "%(count)s records restored.", count=len(entries)
                ),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }

    def _check_restore_right(self):
        check_data_manager(
            self.env, self.env._("Only Data Managers can restore deleted records.")
        )
        self.check_access("read")

    def _check_restorable(self):
        erased = self.filtered("is_erased")
        if erased:
            raise UserError(
                self.env._(
                    "Erased on a person's request: these records cannot be "
                    "restored (%(count)s).",
                    count=len(erased),
                )
            )
        done = self.filtered(lambda entry: entry.state != "deleted")
        if done:
            raise UserError(
                self.env._(
                    "Already restored or purged: %(names)s",
                    names=", ".join(done.mapped("name")),
                )
            )
        empty = self.filtered(lambda entry: not entry.snapshot)
        if empty:
            raise UserError(
                self.env._(
                    "Deleted before the recycle bin existed, nothing to "
                    "restore: %(names)s",
                    names=", ".join(empty.mapped("name")),
                )
            )
        taken = self._existing_records()
        if taken:
            raise UserError(
                self.env._(
                    "These records exist again and cannot be restored: %(names)s",
                    names=", ".join(taken.mapped("name")),
                )
            )

    def _existing_records(self):
        """The entries whose record id is in use again."""
        wanted = {}
        for entry in self:
            wanted.setdefault(entry.res_model, set()).add(entry.res_id)
        found = restore.existing_ids(self.env, wanted)
        return self.filtered(lambda e: e.res_id in found.get(e.res_model, ()))

    def _root_rows(self):
        """{model: [row]} of the deleted records themselves."""
        rows = {}
        for entry in self:
            model_name, row = entry.snapshot["rows"][0]
            rows.setdefault(model_name, []).append(row)
        return rows

    def _with_deleted_targets(self):
        """These entries and those of the deleted records they point to
        (a contact's company, a lead's customer, an activity's document),
        found with the user's own rights, until none is missing."""
        entries = self
        for __ in range(10):
            rows = entries.filtered("snapshot")._root_rows()
            wanted = restore.many2one_targets(self.env, rows)
            for row in rows.get("mail.activity", ()):
                wanted.setdefault(row["res_model"], set()).add(row["res_id"])
            found = restore.existing_ids(self.env, wanted)
            queued = {(entry.res_model, entry.res_id) for entry in entries}
            missing = {
                (model_name, res_id)
                for model_name, ids in wanted.items()
                for res_id in ids - found.get(model_name, set())
            } - queued
            if not missing:
                return entries
            more = self.search(
                [
                    ("state", "=", "deleted"),
                    ("is_erased", "=", False),
                    ("res_model", "in", list({model for model, __ in missing})),
                    ("res_id", "in", list({res_id for __, res_id in missing})),
                ]
            )
            more = more.filtered(lambda e, m=missing: (e.res_model, e.res_id) in m)
            if not more:
                return entries
            entries |= more
        return entries

    def _restore(self):
        """Insert the rows of the snapshots back, in dependency order."""
        self.env.flush_all()
        rows_by_model, relations, references = {}, [], []
        root_of = {}
        for entry in self:
            for model_name, row in entry.snapshot["rows"]:
                rows_by_model.setdefault(model_name, []).append(row)
                root_of[(model_name, row["id"])] = entry
            relations += [(entry, rel) for rel in entry.snapshot["relations"]]
            references += entry.snapshot["references"]
        self._check_documents(rows_by_model)
        lost = {}
        accepted = self._relink(rows_by_model, root_of, lost)
        for model_name, rows in accepted.items():
            restore.insert_rows(self.env, model_name, rows)
        relations = self._existing_relations(relations, lost)
        restore.insert_relations(self.env, relations)
        done_refs = restore.set_references(self.env, references)
        for res_model, entries in self.grouped("res_model").items():
            snapshot.move_attachments(
                self.env,
                [
                    (att_id, entry.res_id, res_field)
                    for entry in entries
                    for att_id, res_field in entry.snapshot["attachments"]
                ],
                res_model,
            )
        self.env.invalidate_all()
        self._recompute_restored(accepted, done_refs)
        self._log_lost_links(lost)
        self.write(
            {
                "state": "restored",
                "snapshot": False,
                "restored_date": fields.Datetime.now(),
                "restored_user_id": self.env.uid,
            }
        )
        return True

    def _check_documents(self, rows_by_model):
        """An activity comes back on its document only."""
        activities = [
            row
            for row in rows_by_model.get("mail.activity", ())
            if (row["res_model"], row["res_id"])
            not in self._restored_keys(rows_by_model)
        ]
        wanted = {}
        for row in activities:
            wanted.setdefault(row["res_model"], set()).add(row["res_id"])
        found = restore.existing_ids(self.env, wanted)
        orphans = [
            row
            for row in activities
            if row["res_id"] not in found.get(row["res_model"], ())
        ]
        if orphans:
            raise UserError(
                self.env._(
                    "The document of these activities no longer exists: %(names)s",
                    names=", ".join(
                        row["summary"] or str(row["id"]) for row in orphans
                    ),
                )
            )

    @api.model
    def _restored_keys(self, rows_by_model):
        return {
            (model_name, row["id"])
            for model_name, rows in rows_by_model.items()
            for row in rows
        }

    def _relink(self, rows_by_model, root_of, lost):
        """Rows to insert, with the many2one values of records that are gone
        emptied; a deleted record whose required link is gone stops the
        restore."""
        wanted = restore.many2one_targets(self.env, rows_by_model)
        exists = restore.existing_ids(self.env, wanted)
        # Rows that exist again are left out (a dependent restored twice).
        taken = restore.existing_ids(
            self.env,
            {name: {row["id"] for row in rows} for name, rows in rows_by_model.items()},
        )
        rows_by_model = {
            name: [row for row in rows if row["id"] not in taken.get(name, ())]
            for name, rows in rows_by_model.items()
        }

        def note(model_name, row, field):
            entry = root_of[(model_name, row["id"])]
            lost.setdefault(entry, []).append(
                self.env._(
                    "%(document)s %(id)s: %(field)s (%(target)s) no longer exists",
                    document=self.env["ir.model"]._get(model_name).name,
                    id=row["id"],
                    field=field.get_description(self.env)["string"],
                    target=row[field.name],
                )
            )

        accepted = restore.relink(self.env, rows_by_model, exists, note)
        kept = {(name, row["id"]) for name, rows in accepted.items() for row in rows}
        missing = self.filtered(
            lambda e: (e.res_model, e.res_id) not in kept
            and e.res_id not in taken.get(e.res_model, ())
        )
        if missing:
            raise UserError(
                self.env._(
                    "Cannot restore %(names)s: a record it needs no longer "
                    "exists.\n%(details)s",
                    names=", ".join(missing.mapped("name")),
                    details="\n".join(
                        line for entry in missing for line in lost.get(entry, [])
                    ),
                )
            )
        return accepted

    def _existing_relations(self, relations, lost):
        """The many2many rows whose two records exist (after the inserts);
        relations: [(entry, relation)]. The others are counted per entry
        and model in lost."""
        wanted = {}
        for __, (__, __, __, other_model, __, other_id) in relations:
            wanted.setdefault(other_model, set()).add(other_id)
        found = restore.existing_ids(self.env, wanted)
        kept, gone = [], {}
        for entry, relation in relations:
            if relation[5] in found.get(relation[3], ()):
                kept.append(relation)
            else:
                key = (entry, relation[3])
                gone[key] = gone.get(key, 0) + 1
        for (entry, other_model), count in gone.items():
            model = self.env["ir.model"]._get(other_model).name
            lost.setdefault(entry, []).append(
                self.env._(
                    "1 link to a record that no longer exists (%(model)s)",
                    model=model,
                )
                if count == 1
                else self.env._(
                    "%(count)s links to records that no longer exist (%(model)s)",
                    count=count,
                    model=model,
                )
            )
        return kept

    def _recompute_restored(self, accepted, done_refs):
        """What depends on the restored records is recomputed, and their
        constraints checked, by the ORM."""
        for model_name, rows in accepted.items():
            records = self.env[model_name].browse([row["id"] for row in rows])
            stored = [name for name, field in records._fields.items() if field.store]
            records.modified(stored)
            # Their own stored values came back as they were: only the
            # records that depend on them are recomputed (as unlink does).
            for field in records._fields.values():
                self.env.remove_to_compute(field, records)
            records._validate_fields(stored)
        for model_name, by_field in done_refs.items():
            for fname, ids in by_field.items():
                self.env[model_name].browse(list(ids)).modified([fname])
        self.env.flush_all()

    def _log_lost_links(self, lost):
        """Say in the chatter of the restored records what did not come back."""
        for model_name, entries in self.grouped("res_model").items():
            Model = self.env[model_name]
            if "message_ids" not in Model._fields:
                continue
            title = self.env._("Restored from the recycle bin. Not relinked:")
            bodies = {
                entry.res_id: Markup("<p>%s</p><ul>%s</ul>")
                % (
                    title,
                    Markup().join(Markup("<li>%s</li>") % line for line in lost[entry]),
                )
                for entry in entries
                if lost.get(entry)
            }
            if bodies:
                Model.browse(list(bodies))._message_log_batch(bodies=bodies)
