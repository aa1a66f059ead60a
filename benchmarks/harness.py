# Copyright 2026 crm_retention contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A small harness: seed once, then time each case several times.

Every timed run happens in a savepoint that is rolled back, so each run sees
the same seeded data; the seed itself is rolled back at the end, so the
benchmark database stays as installed.
"""

import statistics
import time


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
    env.invalidate_all()
    env.cr.execute("SAVEPOINT bench_case")
    started = time.perf_counter()
    func(env, data)
    env.flush_all()
    elapsed = time.perf_counter() - started
    env.cr.execute("ROLLBACK TO SAVEPOINT bench_case")
    env.invalidate_all()
    env.transaction.clear()
    return elapsed


def run(env, bench):
    """Run one benchmark; return a dict of its results."""
    env.cr.execute("SAVEPOINT bench_seed")
    data = bench.seed(env)
    env.flush_all()
    timings = {"baseline": [], "candidate": []}
    for _i in range(bench.repeat):
        # Alternate the cases so that caches warm up alike for both.
        for case in ("baseline", "candidate"):
            timings[case].append(_time_case(env, getattr(bench, case), data))
    env.cr.execute("ROLLBACK TO SAVEPOINT bench_seed")
    env.invalidate_all()
    medians = {case: statistics.median(values) for case, values in timings.items()}
    return {
        "name": bench.name,
        "description": bench.description,
        "repeat": bench.repeat,
        "timings_s": timings,
        "median_baseline_s": medians["baseline"],
        "median_candidate_s": medians["candidate"],
        "ratio": medians["candidate"] / medians["baseline"],
    }


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
    return "\n".join(lines)
