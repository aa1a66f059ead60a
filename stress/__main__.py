# Copyright 2026 crm_retention contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Entry point of ./dev stress (plain Python): seed, start a multi-worker
Odoo, run the scenario groups, print their table, stop what it started."""

import argparse
import importlib
import platform
import signal
import sys
import time
import traceback
from datetime import UTC, datetime

from . import prepare
from .cluster import Cluster
from .report import Row, table

# In this order: the lifecycle uninstalls the addon, so it comes last.
GROUPS = ["caches", "concurrency", "hostile", "faults", "load", "lifecycle"]


def say(message):
    print(f"[stress] {message}", file=sys.stderr, flush=True)


class Run:
    """What the scenarios share: the cluster, the databases, the seed."""

    def __init__(self, cluster, facts, db, db_without):
        self.cluster, self.facts = cluster, facts
        self.db, self.db_without = db, db_without
        self.port = cluster.port
        self.say = say


def parse():
    parser = argparse.ArgumentParser(prog="./dev stress")
    for name in ("config", "odoo", "pg-bin", "pgdata", "pgsock", "database"):
        parser.add_argument(f"--{name}", required=True)
    for name in ("pgport", "http-port", "gevent-port"):
        parser.add_argument(f"--{name}", required=True, type=int)
    parser.add_argument("groups", nargs="*", choices=[[], *GROUPS], default=[])
    return parser.parse_args()


def run_group(run, name):
    start = time.time()
    say(f"{name}...")
    rows = []
    for scenario in importlib.import_module(f"stress.s_{name}").scenarios():
        try:
            result = scenario(run)
        except Exception as error:  # noqa: BLE001 - a crash is a failed row
            traceback.print_exc()
            result = Row(name, scenario.__name__, "-", f"crashed: {error!r}"[:300])
            result.ok = False
        rows += result if isinstance(result, list) else [result]
    say(f"{name}: {time.time() - start:.0f} s")
    return rows


def main():
    args = parse()
    # SIGTERM ends the run like Ctrl-C: the finally below stops Odoo.
    signal.signal(signal.SIGTERM, lambda *__: sys.exit(143))
    start = time.time()
    cluster = Cluster(args)
    rows = []
    try:
        facts = prepare.templates(cluster, say)
        db, db_without = prepare.fresh(cluster, facts)
        say(
            "starting Odoo --workers=2 --max-cron-threads=1 "
            f"on 127.0.0.1:{cluster.port}"
        )
        cluster.start()
        run = Run(cluster, facts, db, db_without)
        for name in args.groups or GROUPS:
            rows += run_group(run, name)
    finally:
        cluster.stop()
    took = time.time() - start
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    text = (
        f"{table(rows)}\n\n{stamp}, {platform.node()}, {took:.0f} s in all "
        f"(Odoo workers=2, max_cron_threads=1)\n"
    )
    print(text)
    (cluster.local / "latest.md").write_text(text)
    failed = [row for row in rows if row.lost or not row.ok]
    if failed:
        say(f"{len(failed)} scenario(s) lost data or found an inconsistency")
        return 1
    say(f"{len(rows)} scenarios, nothing lost")
    return 0


if __name__ == "__main__":
    sys.exit(main())
