# Copyright 2026 crm_retention contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The scenarios' results (plain Python): one row each, and the table."""

import textwrap
from dataclasses import dataclass


@dataclass
class Row:
    group: str
    name: str
    tried: str
    happened: str
    lost: int = 0
    ok: bool = True


def table(rows):
    """A Markdown table, long cells wrapped so that it reads in a terminal."""
    head = ("group", "scenario", "tried", "what happened", "lost", "ok")
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for row in rows:
        cells = (
            row.group,
            row.name,
            row.tried,
            row.happened,
            str(row.lost),
            "yes" if row.ok and not row.lost else "**NO**",
        )
        lines.append("| " + " | ".join(c.replace("|", "/") for c in cells) + " |")
    return "\n".join(lines)


def wrap(text, width=100):
    return "\n".join(textwrap.wrap(text, width))
