# Copyright 2026 crm_retention contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Make a skipped test fail the run.

Odoo skips browser tests when Chromium or websocket-client is missing (and
exits 0): a skipped test is a test that did not run, so the run fails.
"""


def pytest_sessionfinish(session, exitstatus):
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = reporter.stats.get("skipped", []) if reporter else []
    if skipped and exitstatus == 0:
        for report in skipped:
            reporter.write_line(f"SKIPPED (counted as a failure): {report.nodeid}")
        session.exitstatus = 1
