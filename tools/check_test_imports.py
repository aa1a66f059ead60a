# Copyright 2026 crm_retention contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Fail when a tests/test_*.py module is not imported by tests/__init__.py:
pytest finds it, but Odoo's own test runner would silently skip it."""

import re
import sys
from pathlib import Path

TESTS = Path(__file__).resolve().parent.parent / "crm_retention" / "tests"


def main():
    imported = set(
        re.findall(r"^from \. import (\w+)$", (TESTS / "__init__.py").read_text(), re.M)
    )
    missing = sorted(p.stem for p in TESTS.glob("test_*.py") if p.stem not in imported)
    for name in missing:
        print(f"crm_retention/tests/__init__.py does not import {name}")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
