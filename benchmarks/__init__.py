# Copyright 2026 crm_retention contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Benchmarks of crm_retention, run by ``./dev bench [name]``.

Each ``bench_*.py`` module defines ``BENCHMARKS``, a list of
:class:`benchmarks.harness.Benchmark` subclasses.
"""
