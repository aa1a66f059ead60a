# Copyright 2026 crm_retention contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Fail when a tests/test_*.py module of an addon is not imported by tests/__init__.py:
pytest finds it, but Odoo's own test runner would silently skip it."""

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main():
    missing = []
    for tests in sorted(ROOT.glob("crm_retention*/tests")):
        imported = set(
            re.findall(
                r"^from \. import (\w+)$", (tests / "__init__.py").read_text(), re.M
            )
        )
        missing += [
            f"{tests.parent.name}/tests/__init__.py does not import {p.stem}"
            for p in sorted(tests.glob("test_*.py"))
            if p.stem not in imported
        ]
    for line in missing:
        print(line)
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
