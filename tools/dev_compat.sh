# Sourced by ./dev: ./dev compat, the neighbours' suites with and without
# crm_retention (tools/compat.py judges the results). Uses the variables
# and helpers of ./dev.
# shellcheck shell=bash

# Copy database $1 and its filestore to $2.
copy_db() {
    drop_db "$2"
    psql_odoo -c "CREATE DATABASE \"$2\" TEMPLATE \"$1\""
    cp -a "$LOCAL/data/filestore/$1" "$LOCAL/data/filestore/$2"
}

# pytest-odoo on database $1, JUnit XML into $2, the log next to it, the
# tests in the other arguments; tools/compat.py judges the results.
compat_pytest() {
    local db=$1 xml=$2
    shift 2
    "$VENV/bin/pytest" -c "$ROOT/pytest.ini" --rootdir=/ --noconftest -q \
        --odoo-config="$CONF" --odoo-database="$db" --odoo-http --odoo-log-level=critical \
        --odoo-extra=test-enable --odoo-extra=test-tags=pytest_runs_them \
        --junitxml="$xml" "$@" >"${xml%.xml}.log" 2>&1 || true
    [ -s "$xml" ] || die "pytest wrote no results on $db: see ${xml#"$ROOT"/}"
    say "$db: $(tail -n 1 "${xml%.xml}.log")"
}

# The neighbours' tests on database $1, in two shards run side by side (one
# on a copy of it): JUnit XML into $2-1.xml and $2-2.xml.
compat_run() {
    local db=$1 out=$2 shard pids=()
    copy_db "$db" "${db}_2"
    read -ra shard <<<"$SHARD1"
    compat_pytest "$db" "$out-1.xml" "${shard[@]}" &
    pids+=($!)
    read -ra shard <<<"$SHARD2"
    compat_pytest "${db}_2" "$out-2.xml" "${shard[@]}" &
    pids+=($!)
    wait "${pids[0]}" && wait "${pids[1]}" || die "the tests did not run on $db"
    drop_db "${db}_2"
}

# The neighbours' own tests (compat/modules.txt) on two databases identical
# but for crm_retention; fails when a test fails only with crm_retention.
cmd_compat() {
    setup
    local dir=$LOCAL/compat without=${COMPAT_DB}_without with=${COMPAT_DB}_with
    local out modules oca key cache shard db start=$SECONDS
    local pg=(-h "$PGSOCK" -p "$PGPORT" -U odoo)
    mkdir -p "$dir"
    rm -f "$dir"/*.xml
    out=$("$PY" "$ROOT/tools/compat.py" prepare --list "$ROOT/compat/modules.txt" \
        --odoo "$ODOO_SRC" --dest "$dir")
    modules=$(sed -n 1p <<<"$out")
    oca=$(sed -n 2p <<<"$out")
    SHARD1=$(sed -n 3p <<<"$out")
    SHARD2=$(sed -n 4p <<<"$out")
    CONF=$dir/odoo.conf
    write_config
    sed -i "s|^addons_path = .*|&,$oca|" "$CONF"
    key=$("$PY" "$ROOT/tools/compat.py" key --list "$ROOT/compat/modules.txt" --odoo "$ODOO_SRC")
    cache=$COMPAT_CACHE/$key
    for db in "$with" "${with}_2" "$without" "${without}_2"; do drop_db "$db"; done
    if [ "$COMPAT_CACHE" != off ] && [ -s "$cache/without-2.xml" ]; then
        say "baseline from the cache ${cache/#"$HOME"/\~}: restoring its database as '$with'"
        psql_odoo -c "CREATE DATABASE \"$with\""
        "$PG_BIN/pg_restore" "${pg[@]}" -j 2 --no-owner -d "$with" "$cache/db.dump"
        mkdir -p "$LOCAL/data/filestore/$with"
        tar -xf "$cache/filestore.tar" -C "$LOCAL/data/filestore/$with"
        cp "$cache"/without-?.xml "$dir/"
    else
        say "installing the neighbours with their demo data into '$without' (log: .local/compat/install.log)"
        odoo_bin -d "$without" -i "$modules" --stop-after-init --log-level=warn >"$dir/install.log" 2>&1 ||
            die "installing the neighbours failed: see .local/compat/install.log"
        copy_db "$without" "$with"
        if [ "$COMPAT_CACHE" != off ]; then
            rm -rf "$cache.new" && mkdir -p "$cache.new"
            "$PG_BIN/pg_dump" "${pg[@]}" -Fc -Z1 -f "$cache.new/db.dump" "$without"
            tar -cf "$cache.new/filestore.tar" -C "$LOCAL/data/filestore/$without" .
        fi
        say "running the neighbours' tests without crm_retention ($((SECONDS - start)) s so far)"
        compat_run "$without" "$dir/without"
        if [ "$COMPAT_CACHE" != off ]; then
            cp "$dir"/without-?.xml "$cache.new/"
            rm -rf "$cache" && mv "$cache.new" "$cache"
        fi
    fi
    say "installing crm_retention into '$with' ($((SECONDS - start)) s so far)"
    odoo_bin -d "$with" -i crm_retention --stop-after-init --log-level=warn >>"$dir/install.log" 2>&1 ||
        die "installing crm_retention failed: see .local/compat/install.log"
    check_bridges "$with"
    say "running the neighbours' tests with crm_retention ($((SECONDS - start)) s so far)"
    compat_run "$with" "$dir/with"
    local compare=("$PY" "$ROOT/tools/compat.py" compare --without "$dir"/without-?.xml
        --with "$dir"/with-?.xml)
    local ids=()
    read -ra shard <<<"$SHARD1 $SHARD2"
    "${compare[@]}" --tests "${shard[@]}" --write-rerun "$dir/rerun.txt" || mapfile -t ids <"$dir/rerun.txt"
    if [ ${#ids[@]} -gt 0 ]; then
        say "running again, alone, the ${#ids[@]} tests that failed only with crm_retention"
        compat_pytest "$with" "$dir/rerun.xml" "${ids[@]}"
        compare+=(--rerun "$dir/rerun.xml")
        # A cached baseline ran at another time: tests that depend on the
        # date or the hour are run again now without crm_retention.
        ids=()
        "${compare[@]}" --tests "${shard[@]}" --write-rerun "$dir/rerun.txt" ||
            mapfile -t ids <"$dir/rerun.txt"
        if [ ${#ids[@]} -gt 0 ]; then
            if ! db_exists "$without"; then
                psql_odoo -c "CREATE DATABASE \"$without\""
                "$PG_BIN/pg_restore" "${pg[@]}" -j 2 --no-owner -d "$without" "$cache/db.dump"
                mkdir -p "$LOCAL/data/filestore/$without"
                tar -xf "$cache/filestore.tar" -C "$LOCAL/data/filestore/$without"
            fi
            say "running them again now without crm_retention"
            compat_pytest "$without" "$dir/rerun-without.xml" "${ids[@]}"
            compare+=(--rerun-without "$dir/rerun-without.xml")
        fi
    fi
    say "compared test by test ($((SECONDS - start)) s in all)"
    "${compare[@]}"
}
