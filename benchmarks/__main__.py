# Copyright 2026 crm_retention contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Entry point of ``./dev bench``: python -m benchmarks --config C --database D."""

import argparse
import importlib
import json
import pkgutil
import sys
from pathlib import Path

import odoo
from odoo.modules.registry import Registry
from odoo.tools import config

from . import harness


def discover(name_filter):
    package = Path(__file__).parent
    for info in sorted(pkgutil.iter_modules([str(package)]), key=lambda i: i.name):
        if not info.name.startswith("bench_"):
            continue
        module = importlib.import_module(f"benchmarks.{info.name}")
        for bench_class in module.BENCHMARKS:
            if not name_filter or name_filter in bench_class.name:
                yield bench_class()


def main():
    parser = argparse.ArgumentParser(prog="./dev bench")
    parser.add_argument("--config", required=True)
    parser.add_argument("--database", required=True)
    parser.add_argument("--output", default="benchmarks/results/latest.json")
    parser.add_argument("name", nargs="?", help="run the benchmarks named so")
    args = parser.parse_args()
    config.parse_config(["-c", args.config, "-d", args.database, "--log-level=warn"])
    benches = list(discover(args.name))
    if not benches:
        print(f"no benchmark matches {args.name!r}", file=sys.stderr)
        return 1
    registry = Registry(args.database)
    results = []
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        for bench in benches:
            result = harness.run(env, bench)
            print(harness.table(result), flush=True)
            print()
            results.append(result)
        cr.rollback()
    output = Path(args.output)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(results, indent=2))
    print(f"results written to {output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
