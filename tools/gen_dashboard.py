# Copyright 2026 crm_retention contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Generate the retention dashboard's spreadsheet
(crm_retention_spreadsheet_dashboard/data/files/retention_dashboard.json).

Written by hand as data: the data sources (pivots, list, charts) and where
they go. Each pivot is one =PIVOT() formula that spills into the empty
rows below it; each section is a header row, a chart or table on the left
and a table on the right. ``--check`` exits 1 when the file is not up to
date.
"""

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = (
    ROOT / "crm_retention_spreadsheet_dashboard/data/files/retention_dashboard.json"
)

# Column widths (px): a left block A-D, a gap E, a right block F-H.
COLS = [230, 135, 135, 135, 30, 230, 110, 110]
ROW = 23
HEADER_ROW = 40
LEFT_WIDTH = sum(COLS[:4])

FORMER = [("is_former", "=", True)]
HISTORY = [("active", "=", False), ("history_state", "!=", False)]
CURRENT = [("is_current", "=", True)]
EXPIRING = [("is_current", "=", True), ("date_end", "!=", False)]

# id: (name, model, domain, rows, measures); measures: (field, aggregator)
PIVOTS = {
    "1": (
        "Former relations by reason",
        "res.partner",
        FORMER,
        ["former_reason_id"],
        [("__count", None)],
    ),
    "2": (
        "Work left with inactive users",
        "crm.retention.inactive.work",
        [],
        ["kind"],
        [("__count", None)],
    ),
    "3": (
        "Offboardings",
        "crm.retention.offboarding",
        [],
        ["user_id"],
        [("lead_count", "sum"), ("activity_count", "sum"), ("customer_count", "sum")],
    ),
    "4": (
        "Moved records and their undo",
        "crm.retention.offboarding.line",
        [],
        ["undo_state", "res_model"],
        [("__count", None)],
    ),
    "5": (
        "Kept activities",
        "mail.activity",
        HISTORY,
        ["history_state"],
        [("__count", None)],
    ),
    "6": (
        "Current traits and actions",
        "crm.retention.dossier.report",
        CURRENT,
        ["kind", "name"],
        [("__count", None), ("dossier_id", "count_distinct")],
    ),
    "7": (
        "Expiring, by month",
        "crm.retention.dossier.report",
        EXPIRING,
        ["date_end:month"],
        [("__count", None)],
    ),
}

# id: (name, model, domain, group_by, stacked, chart type, menu)
CHARTS = {
    "crm_retention_chart_former": (
        "Former relations by month and reason",
        "res.partner",
        FORMER,
        ["former_date:month", "former_reason_id"],
        "odoo_bar",
        "contacts.menu_contacts",
    ),
    "crm_retention_chart_inactive_work": (
        "Work left, by inactive user",
        "crm.retention.inactive.work",
        [],
        ["user_id", "kind"],
        "odoo_bar",
        "crm_retention.crm_retention_inactive_work_menu",
    ),
    "crm_retention_chart_activities": (
        "Done and cancelled activities, by month",
        "mail.activity",
        HISTORY,
        ["date_done:month", "history_state"],
        "odoo_bar",
        "crm.crm_menu_root",
    ),
}

LIST = {
    "1": (
        "Next to expire",
        "crm.retention.dossier.report",
        EXPIRING,
        ["date_end", "name", "partner_id", "dossier_id"],
        [{"name": "date_end", "asc": True}],
    ),
}

# The sections, top to bottom: (title, left, right, rows): left and right
# are ("chart", id), ("pivot", id, max rows) or ("list", id, rows).
SECTIONS = [
    (
        "Former relations",
        ("chart", "crm_retention_chart_former"),
        ("pivot", "1", 8),
        14,
    ),
    (
        "Work left with inactive users",
        ("chart", "crm_retention_chart_inactive_work"),
        ("pivot", "2", 4),
        12,
    ),
    (
        "Offboardings and undone moves",
        ("pivot", "3", 10),
        ("pivot", "4", 8),
        12,
    ),
    (
        "Kept activities: done and cancelled",
        ("chart", "crm_retention_chart_activities"),
        ("pivot", "5", 2),
        12,
    ),
    (
        "CRM traits and dossier actions",
        ("pivot", "6", 14),
        ("pivot", "7", 12),
        18,
    ),
    (
        "Upcoming expiries",
        ("list", "1", 10),
        None,
        12,
    ),
]


def cell_name(col, row):
    return f"{chr(ord('A') + col)}{row + 1}"


def translated(text):
    return f'=_t("{text}")'


def pivot_definition(pivot_id):
    name, model, domain, rows, measures = PIVOTS[pivot_id]
    return {
        "type": "ODOO",
        "id": pivot_id,
        "formulaId": pivot_id,
        "name": name,
        "model": model,
        "domain": domain,
        "context": {},
        "columns": [],
        "rows": [
            dict(zip(("fieldName", "granularity"), row.split(":"), strict=False))
            for row in rows
        ],
        "measures": [
            {
                "id": field if not aggregator else f"{field}:{aggregator}",
                "fieldName": field,
                **({"aggregator": aggregator} if aggregator else {}),
            }
            for field, aggregator in measures
        ],
        "sortedColumn": None,
        "fieldMatching": {},
    }


def chart_figure(chart_id, x, y, width, height):
    name, model, domain, group_by, chart_type, _menu = CHARTS[chart_id]
    return {
        "id": chart_id,
        "x": x,
        "y": y,
        "width": width,
        "height": height,
        "tag": "chart",
        "data": {
            "type": chart_type,
            "title": {"text": name},
            "background": "#FFFFFF",
            "legendPosition": "top",
            "verticalAxisPosition": "left",
            "stacked": True,
            "metaData": {
                "groupBy": group_by,
                "measure": "__count",
                "order": None,
                "resModel": model,
                "mode": "bar",
            },
            "searchParams": {
                "comparison": None,
                "context": {},
                "domain": domain,
                "groupBy": group_by,
                "orderBy": [],
            },
            "fieldMatching": {},
        },
    }


def build():
    cells, styles, rows, figures = {}, {}, {}, []
    row = 0
    cells["A1"] = {"content": translated("CRM Retention")}
    styles["A1"] = 1
    rows["0"] = {"size": HEADER_ROW}
    row = 2
    for title, left, right, height in SECTIONS:
        cells[cell_name(0, row)] = {"content": translated(title)}
        styles[cell_name(0, row)] = 2
        rows[str(row)] = {"size": HEADER_ROW}
        top = row + 1
        y = sum(rows.get(str(r), {}).get("size", ROW) for r in range(top))
        for block, col in ((left, 0), (right, 5)):
            if block is None:
                continue
            if block[0] == "chart":
                x = sum(COLS[:col])
                figures.append(chart_figure(block[1], x, y, LEFT_WIDTH, height * ROW))
            elif block[0] == "pivot":
                cells[cell_name(col, top)] = {
                    "content": f"=PIVOT({block[1]},{block[2]})"
                }
            else:
                list_id, count = block[1], block[2]
                for index, field in enumerate(LIST[list_id][3]):
                    header = cell_name(col + index, top)
                    cells[header] = {
                        "content": f'=ODOO.LIST.HEADER({list_id},"{field}")'
                    }
                    styles[header] = 3
                    for line in range(1, count + 1):
                        cells[cell_name(col + index, top + line)] = {
                            "content": f'=ODOO.LIST({list_id},{line},"{field}")'
                        }
        row = top + height + 1
    sheet = {
        "id": "crm_retention_dashboard",
        "name": "Retention",
        "colNumber": len(COLS),
        "rowNumber": row + 2,
        "rows": rows,
        "cols": {str(index): {"size": size} for index, size in enumerate(COLS)},
        "merges": [],
        "cells": cells,
        "styles": styles,
        "formats": {},
        "borders": {},
        "conditionalFormats": [],
        "figures": figures,
        "tables": [],
        "areGridLinesVisible": False,
        "isVisible": True,
        "headerGroups": {},
        "dataValidationRules": [],
        "comments": {},
    }
    return {
        "version": 21,
        "sheets": [sheet],
        "styles": {
            "1": {"bold": True, "fontSize": 18, "textColor": "#01666B"},
            "2": {"bold": True, "fontSize": 14, "textColor": "#01666B"},
            "3": {"bold": True, "textColor": "#434343"},
        },
        "formats": {},
        "borders": {},
        "revisionId": "START_REVISION",
        "uniqueFigureIds": True,
        "settings": {},
        "pivots": {pivot_id: pivot_definition(pivot_id) for pivot_id in PIVOTS},
        "pivotNextId": len(PIVOTS) + 1,
        "customTableStyles": {},
        "odooVersion": 12,
        "globalFilters": [],
        "lists": {
            list_id: {
                "id": list_id,
                "name": name,
                "model": model,
                "domain": domain,
                "columns": columns,
                "orderBy": order,
                "context": {},
                "fieldMatching": {},
            }
            for list_id, (name, model, domain, columns, order) in LIST.items()
        },
        "listNextId": len(LIST) + 1,
        "chartOdooMenusReferences": {
            chart_id: chart[5] for chart_id, chart in CHARTS.items()
        },
    }


def render():
    return json.dumps(build(), indent=2) + "\n"


def main():
    text = render()
    if "--check" in sys.argv[1:]:
        if not TARGET.exists() or TARGET.read_text() != text:
            print(f"{TARGET.relative_to(ROOT)} is not up to date: run {__file__}")
            return 1
        return 0
    TARGET.write_text(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
