# Copyright 2026 crm_retention contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The recycle bin's restore: the rows of snapshots (see snapshot.py)
inserted back with their ids, in dependency order, with the links to
records that no longer exist dropped. One query per model or table, never
per record."""

import graphlib

from psycopg2.extras import Json

from odoo.tools import SQL

from .snapshot import stored_fields


def insertion_order(env, model_names):
    """The models in an order where a record comes after those it points
    to (many2one), dependents after their records."""
    graph = {name: set() for name in model_names}
    for name in model_names:
        for field in stored_fields(env[name], "many2one"):
            if field.comodel_name in graph and field.comodel_name != name:
                graph[name].add(field.comodel_name)
    try:
        return list(graphlib.TopologicalSorter(graph).static_order())
    except graphlib.CycleError:
        return list(model_names)


def existing_ids(env, wanted):
    """{model: set of ids that exist}, one query per model; wanted is
    {model: set of ids}."""
    found = {}
    for model_name, ids in wanted.items():
        if not ids:
            continue
        table = SQL.identifier(env[model_name]._table)
        found[model_name] = {
            row[0]
            for row in env.execute_query(
                SQL("SELECT id FROM %s WHERE id = ANY(%s)", table, list(ids))
            )
        }
    return found


def many2one_targets(env, rows_by_model):
    """{comodel: ids} every row of rows_by_model points to."""
    wanted = {}
    for model_name, rows in rows_by_model.items():
        for field in stored_fields(env[model_name], "many2one"):
            ids = {row[field.name] for row in rows if row.get(field.name)}
            if ids:
                wanted.setdefault(field.comodel_name, set()).update(ids)
    return wanted


def relink(env, rows_by_model, exists, lost):
    """Drop the many2one values of rows whose target does not exist and
    will not be restored with them; a row whose required many2one is lost
    is left out (with what depends on it). lost(model, row, field) is
    told about each. Return {model: accepted rows}, in insertion order."""
    will_exist = {name: set(ids) for name, ids in exists.items()}
    for name, rows in rows_by_model.items():
        will_exist.setdefault(name, set()).update(row["id"] for row in rows)
    accepted = {}
    for name in insertion_order(env, list(rows_by_model)):
        m2o = stored_fields(env[name], "many2one")
        kept = []
        for row in rows_by_model[name]:
            ok = True
            for field in m2o:
                target = row.get(field.name)
                if not target or target in will_exist.get(field.comodel_name, ()):
                    continue
                lost(name, row, field)
                if field.required:
                    ok = False
                    break
                row[field.name] = None
            if ok:
                kept.append(row)
            else:
                will_exist[name].discard(row["id"])
        accepted[name] = kept
    return accepted


def insert_rows(env, name, rows):
    """INSERT the rows of model name with their ids (one query), in every
    column the model stores: a snapshot leaves out the empty values (see
    snapshot.py), they come back empty, as do the columns added since."""
    if not rows:
        return
    model = env[name]
    columns = ["id"] + [
        fname
        for fname, field in model._fields.items()
        if field.store and field.column_type and fname != "id"
    ]
    cols = SQL(", ").join(SQL.identifier(col) for col in columns)
    table = SQL.identifier(model._table)
    env.execute_query(
        SQL(
            "INSERT INTO %s (%s) SELECT %s FROM jsonb_populate_recordset(NULL::%s, %s)",
            table,
            cols,
            cols,
            table,
            Json(rows),
        )
    )


def insert_relations(env, relations):
    """INSERT the many2many rows [table, column, other column, other model,
    id, other id], grouped by table (one query each); rows whose records no
    longer exist are left out by the caller."""
    by_table = {}
    for table, column, other_column, __, res_id, other_id in relations:
        by_table.setdefault((table, column, other_column), []).append(
            (res_id, other_id)
        )
    for (table, column, other_column), pairs in by_table.items():
        ids, other_ids = zip(*pairs, strict=True)
        env.execute_query(
            SQL(
                "INSERT INTO %s (%s, %s) SELECT * FROM unnest(%s::int[], %s::int[]) "
                "ON CONFLICT DO NOTHING",
                SQL.identifier(table),
                SQL.identifier(column),
                SQL.identifier(other_column),
                list(ids),
                list(other_ids),
            )
        )


def set_references(env, references):
    """Set back [model, column, id, target] where the record still exists
    and the field is still empty (one query per model and field). Return
    {model: {field: ids set}}."""
    grouped = {}
    for model_name, fname, res_id, target in references:
        grouped.setdefault((model_name, fname), []).append((res_id, target))
    done = {}
    for (model_name, fname), pairs in grouped.items():
        ids, targets = zip(*pairs, strict=True)
        rows = env.execute_query(
            SQL(
                """
                UPDATE %s t SET %s = m.target
                  FROM unnest(%s::int[], %s::int[]) AS m(id, target)
                 WHERE t.id = m.id AND t.%s IS NULL
             RETURNING t.id
                """,
                SQL.identifier(env[model_name]._table),
                SQL.identifier(fname),
                list(ids),
                list(targets),
                SQL.identifier(fname),
            )
        )
        if rows:
            done.setdefault(model_name, {})[fname] = {row[0] for row in rows}
    return done
