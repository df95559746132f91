"""One worksheet per project in the 项目支出绩效目标表 form, with merged level-1/level-2 cells.

::

    项目支出绩效目标表                       (title, merged A:E)
    (2023年度)
    项目名称 | name (B:E)
    主管部门 | dept | 实施单位 | implementer (D:E)
    项目资金(万元) | 年度资金总额 | amount (C:E)      ← A merged over the fund rows
    年度绩效目标 | goals (B:E)
    绩效指标 | 一级指标 | 二级指标 | 三级指标 | 指标值 ← A merged over all indicator rows
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from jixiao.export.sections import GRID_HEADER, GridForm
from jixiao.export.xlsx_style import (
    BODY,
    CENTER,
    HEADER,
    NUMBER,
    TITLE,
    cell_text,
    fit_row,
    print_setup,
    set_widths,
)

WIDTHS = (14.0, 16.0, 18.0, 40.0, 24.0)
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\']")


def sheet_title(seq: str, name: str, taken: set[str]) -> str:
    """A valid, unique sheet title (≤31 characters, no []:*?/\\ or quotes) for a project."""
    base = cell_text(_BAD_SHEET_CHARS.sub("", f"{seq} {name}")).strip()[:31] or "项目"
    title, n = base, 2
    while title.lower() in taken:
        suffix = f"~{n}"
        title, n = base[: 31 - len(suffix)] + suffix, n + 1
    taken.add(title.lower())
    return title


def _number(text: str) -> Decimal | str | None:
    """An amount as a number for a numeric cell (the text as it is when it is not one)."""
    if not text.strip():
        return None
    try:
        return Decimal(text)
    except InvalidOperation:
        return text


def put_cell(ws: Worksheet, row: int, col: int, value: str | Decimal | None, style: str = BODY,
         to_col: int | None = None, to_row: int | None = None) -> None:
    cell = ws.cell(row=row, column=col, value=cell_text(value) if isinstance(value, str) else value)
    if cell.data_type == "f":  # text such as a written "=100%" is text, never a formula
        cell.data_type = "s"
    cell.style = style
    end_col, end_row = to_col or col, to_row or row
    if (end_col, end_row) != (col, row):
        for r in range(row, end_row + 1):  # borders on every cell of the merged range
            for c in range(col, end_col + 1):
                if (r, c) != (row, col):
                    ws.cell(row=r, column=c).style = style
        ws.merge_cells(start_row=row, start_column=col, end_row=end_row, end_column=end_col)


def write_grid_sheet(wb: Workbook, form: GridForm, title: str) -> Worksheet:
    ws: Worksheet = wb.create_sheet(title)
    set_widths(ws, WIDTHS)
    put_cell(ws, 1, 1, form.title, TITLE, to_col=5)
    ws.row_dimensions[1].height = 30
    put_cell(ws, 2, 1, form.year, CENTER, to_col=5)
    fields = dict(form.fields)
    put_cell(ws, 3, 1, "项目名称", HEADER)
    put_cell(ws, 3, 2, fields["项目名称"], BODY, to_col=5)
    fit_row(ws, 3, [(fields["项目名称"], sum(WIDTHS[1:]))])
    put_cell(ws, 4, 1, "主管部门", HEADER)
    put_cell(ws, 4, 2, fields["主管部门"], BODY, to_col=3)
    put_cell(ws, 4, 4, "实施单位", HEADER)
    put_cell(ws, 4, 5, fields["实施单位"], BODY)
    row = 5
    put_cell(ws, row, 1, "项目资金(万元)", HEADER, to_row=row + len(form.funds) - 1)
    for label, amount in form.funds:
        put_cell(ws, row, 2, label, CENTER)
        put_cell(ws, row, 3, _number(amount), NUMBER, to_col=5)
        row += 1
    goals = "\n".join(form.goals)
    put_cell(ws, row, 1, "年度绩效目标", HEADER)
    put_cell(ws, row, 2, goals, BODY, to_col=5)
    fit_row(ws, row, [(goals, sum(WIDTHS[1:]))])
    row += 1
    header_row = row
    put_cell(ws, row, 1, "绩效指标", HEADER, to_row=row + max(len(form.lines), 1))
    for col, label in enumerate(GRID_HEADER, 2):
        put_cell(ws, row, col, label, HEADER)
    for line in form.lines:
        row += 1
        if line.span1:
            put_cell(ws, row, 2, line.level1, CENTER, to_row=row + line.span1 - 1)
        if line.span2:
            put_cell(ws, row, 3, line.level2, CENTER, to_row=row + line.span2 - 1)
        put_cell(ws, row, 4, line.name, BODY)
        put_cell(ws, row, 5, line.value, BODY)
        fit_row(ws, row, [(line.name, WIDTHS[3]), (line.value, WIDTHS[4])])
    print_setup(ws, f"{header_row}:{header_row}")
    return ws
