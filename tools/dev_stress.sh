# Sourced by ./dev: ./dev stress, the addon under load, in parallel and
# through failures in a multi-worker Odoo (the stress/ package does the
# work). Uses the variables and helpers of ./dev.
# shellcheck shell=bash

STRESS_PORT=${CRM_RETENTION_STRESS_PORT:-8195}
STRESS_GEVENT_PORT=${CRM_RETENTION_STRESS_GEVENT_PORT:-8196}
STRESS_DB=${CRM_RETENTION_STRESS_DB:-crm_retention_stress}

# Seeds the databases, starts Odoo with --workers=2 --max-cron-threads=1 on
# 127.0.0.1, runs the scenarios and prints their table; the Python runner
# stops the Odoo it started, whatever happens. PostgreSQL stays up, as for
# the other commands (./dev reset stops it).
cmd_stress() {
    setup
    cd "$ROOT"
    exec "$PY" -m stress --config "$CONF" --odoo "$ODOO_SRC" --pg-bin "$PG_BIN" \
        --pgdata "$PGDATA" --pgsock "$PGSOCK" --pgport "$PGPORT" \
        --http-port "$STRESS_PORT" --gevent-port "$STRESS_GEVENT_PORT" \
        --database "$STRESS_DB" "$@"
}
