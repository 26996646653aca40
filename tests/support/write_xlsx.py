#!/usr/bin/python3
# Writes an Excel workbook with openpyxl (Debian's python3-openpyxl: run it with /usr/bin/python3,
# not the python3 on the PATH), for the tests that import workbooks as a user's HR system would
# send them. The workbook is described as JSON on standard input:
#   {"path": "out.xlsx", "epoch1904": false,
#    "sheets": [{"name": "Salariés", "hidden": false, "rows": [[cell, ...], ...]}]}
# A cell is a string, a number, a boolean, null (no cell), {"date": "YYYY-MM-DD", "format":
# "dd/mm/yyyy"} (a date stored as a serial number in that number format), or {"styled": true} (a
# cell with a style and no value, as rows below a table often are).
import datetime
import json
import sys

import openpyxl
from openpyxl.styles import PatternFill
from openpyxl.utils.datetime import CALENDAR_MAC_1904

spec = json.load(sys.stdin)
wb = openpyxl.Workbook()
wb.remove(wb.active)
if spec.get("epoch1904"):
    wb.epoch = CALENDAR_MAC_1904
for sheet in spec["sheets"]:
    ws = wb.create_sheet(sheet["name"])
    if sheet.get("hidden"):
        ws.sheet_state = "hidden"
    for r, row in enumerate(sheet["rows"], start=1):
        for c, value in enumerate(row, start=1):
            if value is None:
                continue
            cell = ws.cell(row=r, column=c)
            if isinstance(value, dict) and value.get("styled"):
                cell.fill = PatternFill("solid", fgColor="FFFF00")
            elif isinstance(value, dict):
                cell.value = datetime.date.fromisoformat(value["date"])
                cell.number_format = value.get("format", "dd/mm/yyyy")
            else:
                cell.value = value
wb.save(spec["path"])
