# Copyright 2026 crm_retention contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The recycle bin's snapshots: the rows of deleted records and of what is
deleted with them, read in bulk before a deletion and inserted back, with
their ids, on restore.

A snapshot is plain JSON:

- ``rows``: ``[[model, row], ...]``, the deleted record first, then its
  dependents level by level (``row`` is PostgreSQL's ``to_jsonb`` of the
  table row without its empty columns: half the size, mostly too small for
  PostgreSQL to compress or move out of line; every stored value comes
  back exactly);
- ``relations``: ``[[table, column, other column, other model, id, other
  id], ...]``, the many2many rows of these records;
- ``references``: ``[[model, column, id, target id], ...]``, the many2one
  values of other records that the deletion set to NULL (ondelete 'set
  null'), e.g. the customer of an opportunity;
- ``attachments``: ``[[id, res_field], ...]``, the attachments of the
  record (binary fields and chatter files), kept with the log entry while
  it is in the bin (without res_field: the entry has no such field).

Dependents are the rows the database deletes through a foreign key with
ON DELETE CASCADE (assignments, followers of a partner, notifications of a
message, ...) and what mail deletes with a document through its (model,
id) columns (messages, followers, activities), down to MAX_DEPTH levels.

Every query covers a whole batch of records: reading costs a constant
number of queries per level, whatever the number of records. The rows never
leave PostgreSQL: the dependents' rows are copied to a temporary table
(ROWS_TABLE) and the deleted records' own rows are read by the INSERT of
the log entries (see crm.retention.deletion.log._insert_entries)."""

from odoo.tools import SQL

MAX_DEPTH = 3

# Dependents linked by (model, id) columns, which mail deletes with the
# document: (model, its model column, its id column, the field of the
# documents that have them).
POLYMORPHIC = (
    ("mail.message", "model", "res_id", "message_ids"),
    ("mail.followers", "res_model", "res_id", "message_follower_ids"),
    ("mail.activity", "res_model", "res_id", "activity_ids"),
)


def _has_table(model):
    return not model._abstract and not model._transient and model._auto


def stored_fields(model, ftype):
    return [
        field
        for field in model._fields.values()
        if field.type == ftype and field.store and field.column_type
    ]


def model_links(env, model_name):
    """What points at records of model_name, from the registry:
    ``(cascade, set_null, relations, polymorphic)``, each a tuple of tuples
    (see take_snapshots)."""
    cascade, set_null, relations = [], [], set()
    # A many2many may use the table of a model (mail.message's notified
    # partners are its mail.notification rows): those rows are dependents.
    model_tables = {
        model._table for model in env.registry.values() if _has_table(model)
    }
    for other in env.registry.values():
        if not _has_table(other):
            continue
        for field in other._fields.values():
            if not field.store or field.comodel_name is None:
                continue
            if field.type == "many2one" and field.comodel_name == model_name:
                if field.company_dependent or not field.column_type:
                    continue
                if field.ondelete == "cascade":
                    cascade.append((other._name, field.name))
                elif field.ondelete == "set null":
                    set_null.append((other._name, field.name))
            elif (
                field.type == "many2many"
                and field.relation not in model_tables
                and model_name in (field.comodel_name, other._name)
            ):
                if field.comodel_name == model_name:
                    rel = (field.relation, field.column2, field.column1, other._name)
                    relations.add(rel)
                if other._name == model_name:
                    relations.add(
                        (
                            field.relation,
                            field.column1,
                            field.column2,
                            field.comodel_name,
                        )
                    )
    model = env.registry[model_name]
    polymorphic = tuple(
        (dep, model_col, id_col)
        for dep, model_col, id_col, fname in POLYMORPHIC
        if fname in model._fields and dep in env.registry
    )
    return (
        tuple(sorted(cascade)),
        tuple(sorted(set_null)),
        tuple(sorted(relations)),
        polymorphic,
    )


def _union(queries):
    return SQL(" UNION ALL ").join(queries)


def ids_array(ids):
    """ids as one array constant. A list would become ARRAY[...] of as many
    constants, parsed and planned again in every subquery of a UNION (tens
    of milliseconds each for 10,000 ids); one string is parsed at once."""
    return SQL("%s::int[]", "{" + ",".join(str(int(rid)) for rid in ids) + "}")


def _joined(table, column, array):
    """FROM the rows of table (alias t) whose column is in array (ids_array),
    joined to the unnested array: planned as a join (hash or index), not
    as a filter estimated element by element."""
    return SQL(
        "%s t JOIN unnest(%s) AS u(id) ON t.%s = u.id",
        SQL.identifier(table),
        array,
        SQL.identifier(column),
    )


# The dependents' rows of the records being deleted, kept by PostgreSQL
# until the INSERT of the log entries reads them (never sent to Python and
# back): one row per dependent record.
ROWS_TABLE = "crm_retention_snapshot_rows"


def take_snapshots(env, model_name, ids, links_of):
    """Snapshot the records of model_name about to be deleted: return {id:
    snapshot} of their relations, references and attachments (only the
    records that have any); the rows of their dependents go to ROWS_TABLE
    (see dependents_sql), their own row is read by the INSERT of the log
    entries. links_of(model name) gives model_links (cached by the
    caller)."""
    snapshots = {
        rid: {"relations": [], "references": [], "attachments": []} for rid in ids
    }
    env.flush_all()
    _prepare_rows_table(env)
    level = {model_name: {rid: rid for rid in ids}}
    roots = (model_name, ids_array(ids))
    seen = {(model_name, rid) for rid in ids}
    for __ in range(MAX_DEPTH):
        _add_relations(env, level, snapshots, links_of)
        _add_references(env, level, snapshots, links_of, seen)
        level = _add_dependents(env, level, links_of, seen, roots)
        if not level:
            break
    _add_attachments(env, model_name, ids, snapshots)
    return {rid: snap for rid, snap in snapshots.items() if any(snap.values())}


def _prepare_rows_table(env):
    """An empty ROWS_TABLE (temporary, dropped at the end of the
    transaction)."""
    table = SQL.identifier(ROWS_TABLE)
    env.execute_query(
        SQL(
            """
            CREATE TEMPORARY TABLE IF NOT EXISTS %s (
                seq serial, root int NOT NULL, model varchar NOT NULL,
                res_id int NOT NULL, row jsonb NOT NULL, UNIQUE (model, res_id)
            ) ON COMMIT DROP;
            CREATE INDEX IF NOT EXISTS crm_retention_snapshot_rows_root
                ON %s (root);
            TRUNCATE %s;
            """,
            table,
            table,
            table,
        )
    )


def dependents_sql(root):
    """The jsonb array of the dependents' rows of the deleted record whose
    id is the SQL expression root: [model, row], in the order they were
    found (level by level), or NULL. A subquery by the index on root: the
    planner cannot estimate the rows of the temporary table."""
    return SQL(
        """(SELECT jsonb_agg(jsonb_build_array(d.model, d.row) ORDER BY d.seq)
              FROM %s d WHERE d.root = %s)""",
        SQL.identifier(ROWS_TABLE),
        root,
    )


def row_json(alias):
    """The jsonb of the table row of alias, without its empty columns."""
    return SQL("jsonb_strip_nulls(to_jsonb(%s))", SQL.identifier(alias))


def snapshot_sql(model_name, alias, dependents, extra):
    """The SQL expression of the snapshot of a deleted record: the row of
    table alias (to_jsonb) first, then the rows of dependents (the jsonb
    array of dependents_sql, or NULL), and what extra (the jsonb of a
    snapshot of take_snapshots, or NULL) holds."""
    empty = SQL("'[]'::jsonb")
    return SQL(
        """jsonb_build_object(
            'rows', CASE WHEN %(alias)s.id IS NULL THEN %(empty)s
                         ELSE jsonb_build_array(jsonb_build_array(
                                  %(model)s::text, %(row)s))
                    END || COALESCE(%(dependents)s, %(empty)s),
            'relations', COALESCE(%(extra)s->'relations', %(empty)s),
            'references', COALESCE(%(extra)s->'references', %(empty)s),
            'attachments', COALESCE(%(extra)s->'attachments', %(empty)s))""",
        alias=SQL.identifier(alias),
        row=row_json(alias),
        model=model_name,
        dependents=dependents,
        extra=extra,
        empty=empty,
    )


def _add_relations(env, level, snapshots, links_of):
    """The many2many rows of the records of this level (one query)."""
    queries, meta = [], []
    for model_name, root_of in level.items():
        ids = ids_array(root_of)
        for relation in links_of(model_name)[2]:
            table, column, other_column, __ = relation
            queries.append(
                SQL(
                    "SELECT %s, t.%s, t.%s FROM %s",
                    len(meta),
                    SQL.identifier(column),
                    SQL.identifier(other_column),
                    _joined(table, column, ids),
                )
            )
            meta.append((model_name, relation))
    if not queries:
        return
    for index, res_id, other_id in env.execute_query(_union(queries)):
        model_name, (table, column, other_column, other_model) = meta[index]
        root = level[model_name][res_id]
        snapshots[root]["relations"].append(
            [table, column, other_column, other_model, res_id, other_id]
        )


def _add_references(env, level, snapshots, links_of, seen):
    """Which other records point at the records of this level through a
    many2one that the deletion empties (one query)."""
    queries, meta = [], []
    for model_name, root_of in level.items():
        ids = ids_array(root_of)
        for other, fname in links_of(model_name)[1]:
            queries.append(
                SQL(
                    "SELECT %s, t.id, t.%s FROM %s",
                    len(meta),
                    SQL.identifier(fname),
                    _joined(env[other]._table, fname, ids),
                )
            )
            meta.append((model_name, other, fname))
    if not queries:
        return
    for index, res_id, target in env.execute_query(_union(queries)):
        model_name, other, fname = meta[index]
        if (other, res_id) in seen:
            continue  # deleted too: it comes back with its own row
        root = level[model_name][target]
        snapshots[root]["references"].append([other, fname, res_id, target])


def _add_dependents(env, level, links_of, seen, roots):
    """The rows deleted with the records of this level: those of a foreign
    key ON DELETE CASCADE, and mail's messages, followers and activities,
    copied to ROWS_TABLE by PostgreSQL (one query). Return the next
    level. roots: (model name, SQL array of ids) of the deleted records,
    which have their own row in their entry: never one of their dependents
    (a row reached twice is copied once, by the unique key)."""
    root_model, root_ids = roots

    def not_root(other):
        if other != root_model:
            return SQL()
        return SQL("AND NOT t.id = ANY(%s)", root_ids)

    queries = []
    for model_name, root_of in level.items():
        ids, tops = zip(*root_of.items(), strict=True)
        pairs = SQL("unnest(%s, %s) AS u(id, root)", ids_array(ids), ids_array(tops))
        cascade, __, __, polymorphic = links_of(model_name)
        for other, fname in cascade:
            queries.append(
                SQL(
                    "SELECT u.root, %s::varchar, t.id, %s "
                    "FROM %s t JOIN %s ON t.%s = u.id %s",
                    other,
                    row_json("t"),
                    SQL.identifier(env[other]._table),
                    pairs,
                    SQL.identifier(fname),
                    not_root(other),
                )
            )
        for other, model_col, id_col in polymorphic:
            queries.append(
                SQL(
                    "SELECT u.root, %s::varchar, t.id, %s "
                    "FROM %s t JOIN %s ON t.%s = u.id WHERE t.%s = %s %s",
                    other,
                    row_json("t"),
                    SQL.identifier(env[other]._table),
                    pairs,
                    SQL.identifier(id_col),
                    SQL.identifier(model_col),
                    model_name,
                    not_root(other),
                )
            )
    if not queries:
        return {}
    rows = env.execute_query(
        SQL(
            "INSERT INTO %s (root, model, res_id, row) %s "
            "ON CONFLICT (model, res_id) DO NOTHING RETURNING root, model, res_id",
            SQL.identifier(ROWS_TABLE),
            _union(queries),
        )
    )
    following = {}
    for root, other, row_id in rows:
        seen.add((other, row_id))
        following.setdefault(other, {})[row_id] = root
    return following


def _add_attachments(env, model_name, ids, snapshots):
    """The attachments of the records (binary fields, chatter files): Odoo
    deletes them with the records; the log entry keeps them (see
    keep_attachments)."""
    rows = env.execute_query(
        SQL(
            "SELECT id, res_id, res_field FROM ir_attachment WHERE res_model = %s "
            "AND res_id = ANY(%s)",
            model_name,
            ids_array(ids),
        )
    )
    for att_id, res_id, res_field in rows:
        snapshots[res_id]["attachments"].append([att_id, res_field])


def move_attachments(env, moves, res_model):
    """Give attachments to other records, in one query: moves is
    [(attachment id, res_id, res_field)]. The files stay in the
    filestore."""
    if not moves:
        return
    att_ids, res_ids, res_fields = zip(*moves, strict=True)
    env["ir.attachment"].flush_model()
    env.execute_query(
        SQL(
            """
            UPDATE ir_attachment a
               SET res_model = %s, res_id = m.res_id, res_field = m.res_field
              FROM unnest(%s::int[], %s::int[], %s::varchar[])
                   AS m(id, res_id, res_field)
             WHERE a.id = m.id
            """,
            res_model,
            list(att_ids),
            list(res_ids),
            list(res_fields),
        )
    )
    env["ir.attachment"].invalidate_model(["res_model", "res_id", "res_field"])
