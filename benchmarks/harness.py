# Copyright 2026 crm_retention contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A small harness: seed once, then time each case several times.

Every timed run happens in a savepoint that is rolled back, so each run sees
the same seeded data; the seed itself is rolled back at the end, so the
benchmark database stays as installed.
"""

import os
import statistics
import time

_TICKS = os.sysconf("SC_CLK_TCK")


def _backend_cpu(pid):
    """CPU seconds (user + system) of the PostgreSQL backend pid so far, or
    None where its /proc entry cannot be read (server on another host)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / _TICKS


def _cpu(pid):
    """CPU seconds of this process and of its PostgreSQL backend: unlike
    the wall time, hardly changed by other work on the machine."""
    backend = _backend_cpu(pid)
    if backend is None:
        return None
    return time.process_time() + backend


class Benchmark:
    """Subclass it: ``seed`` builds the data, ``baseline`` and ``candidate``
    do the same change, the first in the plainest way, the second through
    the addon. Both return nothing; they are timed with the final flush."""

    name = ""
    description = ""
    repeat = 5

    def seed(self, env):
        raise NotImplementedError

    def baseline(self, env, data):
        raise NotImplementedError

    def candidate(self, env, data):
        raise NotImplementedError


def _time_case(env, func, data):
    """(wall seconds, CPU seconds or None) of one run of func."""
    env.invalidate_all()
    env.cr.execute("SAVEPOINT bench_case")
    env.cr.execute("SELECT pg_backend_pid()")
    pid = env.cr.fetchone()[0]
    cpu_started = _cpu(pid)
    started = time.perf_counter()
    func(env, data)
    env.flush_all()
    elapsed = time.perf_counter() - started
    cpu_ended = _cpu(pid)
    env.cr.execute("ROLLBACK TO SAVEPOINT bench_case")
    env.invalidate_all()
    env.transaction.clear()
    if cpu_started is None or cpu_ended is None:
        return elapsed, None
    return elapsed, cpu_ended - cpu_started


def run(env, bench):
    """Run one benchmark; return a dict of its results."""
    env.cr.execute("SAVEPOINT bench_seed")
    data = bench.seed(env)
    env.flush_all()
    # Fresh statistics for the seeded rows, as autovacuum gives a live
    # database: with the stale ones, a case's plans depend on whether
    # PostgreSQL happened to analyze the tables during the run.
    env.cr.execute("ANALYZE")
    timings = {"baseline": [], "candidate": []}
    cpu = {"baseline": [], "candidate": []}
    for _i in range(bench.repeat):
        # Alternate the cases so that caches warm up alike for both.
        for case in ("baseline", "candidate"):
            elapsed, cpu_time = _time_case(env, getattr(bench, case), data)
            timings[case].append(elapsed)
            cpu[case].append(cpu_time)
    env.cr.execute("ROLLBACK TO SAVEPOINT bench_seed")
    env.invalidate_all()
    medians = {case: statistics.median(values) for case, values in timings.items()}
    result = {
        "name": bench.name,
        "description": bench.description,
        "repeat": bench.repeat,
        "timings_s": timings,
        "median_baseline_s": medians["baseline"],
        "median_candidate_s": medians["candidate"],
        "ratio": medians["candidate"] / medians["baseline"],
    }
    if None not in cpu["baseline"] + cpu["candidate"]:
        cpu_medians = {case: statistics.median(v) for case, v in cpu.items()}
        result.update(
            cpu_s=cpu,
            median_cpu_baseline_s=cpu_medians["baseline"],
            median_cpu_candidate_s=cpu_medians["candidate"],
            cpu_ratio=cpu_medians["candidate"] / max(cpu_medians["baseline"], 1e-9),
        )
    return result


def table(result):
    lines = [
        f"## {result['name']}: {result['description']}",
        f"{'case':<10} {'median (s)':>11} {'min (s)':>9} {'max (s)':>9}",
    ]
    for case in ("baseline", "candidate"):
        values = result["timings_s"][case]
        lines.append(
            f"{case:<10} {statistics.median(values):>11.3f} "
            f"{min(values):>9.3f} {max(values):>9.3f}"
        )
    lines.append(
        f"ratio candidate/baseline: {result['ratio']:.2f} "
        f"(median of {result['repeat']} runs each)"
    )
    if "cpu_ratio" in result:
        lines.append(
            f"CPU time (Odoo + its PostgreSQL backend), median: baseline "
            f"{result['median_cpu_baseline_s']:.3f} s, candidate "
            f"{result['median_cpu_candidate_s']:.3f} s, ratio "
            f"{result['cpu_ratio']:.2f}"
        )
    return "\n".join(lines)
