"""Excel workbooks of the three official layouts.

* ``list`` — one sheet, the disclosure list table: title, 单位 note, header row (repeated on every
  printed page), 合计, units and projects; goals and indicators wrapped in their cells.
* ``grid`` — one sheet per project in the 项目支出绩效目标表 form (:mod:`jixiao.export.xlsx_grid`).
* ``selfeval`` / ``monitoring`` — one sheet per project in the 项目支出绩效自评表 / 项目支出绩效目标执行监控表
  form (:mod:`jixiao.export.xlsx_eval`).
* ``findings`` — a 审核意见 sheet with one row per finding, each linked to its project's grid sheet,
  followed by those sheets.
"""

from __future__ import annotations

import io
import sys
from collections.abc import Iterable
from decimal import Decimal
from typing import TypeVar

from openpyxl import Workbook
from openpyxl.worksheet.hyperlink import Hyperlink
from tqdm import tqdm

from jixiao.export.eval_sections import eval_form, eval_form_title
from jixiao.export.findings import FINDINGS_HEADER, counts, finding_rows
from jixiao.export.registry import ExportRequest, exporter
from jixiao.export.sections import LIST_HEADER, document_title, grid_form, list_rows
from jixiao.export.xlsx_eval import write_eval_sheet
from jixiao.export.xlsx_grid import put_cell, sheet_title, write_grid_sheet
from jixiao.export.xlsx_style import (
    BODY,
    CENTER,
    HEADER,
    LINK,
    NOTE,
    NUMBER,
    TITLE,
    add_styles,
    cell_text,
    fit_row,
    print_setup,
    set_widths,
)

LIST_WIDTHS = (12.0, 30.0, 12.0, 46.0, 72.0)
FINDING_WIDTHS = (6.0, 8.0, 22.0, 24.0, 20.0, 44.0, 36.0, 20.0, 20.0)
T = TypeVar("T")


def _progress(items: Iterable[T], request: ExportRequest, total: int, what: str) -> Iterable[T]:
    return tqdm(items, total=total, desc=what, unit="项", file=sys.stderr, disable=not request.progress,
                leave=True)


def _workbook() -> Workbook:
    wb = Workbook()
    add_styles(wb)
    return wb


def _save(wb: Workbook) -> bytes:
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def write_list(request: ExportRequest) -> bytes:
    doc = request.doc
    wb = _workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "公开表"
    set_widths(ws, LIST_WIDTHS)
    ws.append([cell_text(document_title(doc))])
    ws.merge_cells("A1:E1")
    ws["A1"].style = TITLE
    ws.row_dimensions[1].height = 32
    ws.append(["", "", "", "", "金额单位：万元"])
    ws["E2"].style = NOTE
    ws.append(list(LIST_HEADER))
    for cell in ws[3]:
        cell.style = HEADER
    rows = list_rows(doc)
    total = len(doc.units) + len(doc.projects) + 1
    for row, item in enumerate(_progress(rows, request, total, "xlsx"), 4):
        goals, indicators = "\n".join(item.goals), "\n".join(item.indicators)
        amount = Decimal(item.amount) if item.amount else None
        texts = (item.code, item.name, amount, goals, indicators)
        for col, (value, style) in enumerate(zip(texts, (CENTER, BODY, NUMBER, BODY, BODY), strict=True), 1):
            put_cell(ws, row, col, value, style)  # text, never a formula (a name may start with "=")
        fit_row(ws, row, [(item.name, LIST_WIDTHS[1]), (goals, LIST_WIDTHS[3]),
                          (indicators, LIST_WIDTHS[4])])
    ws.freeze_panes = "A4"
    print_setup(ws, "3:3")
    return _save(wb)


def _grid_sheets(wb: Workbook, request: ExportRequest) -> dict[str, str]:
    """A grid sheet per project; returns project anchor -> sheet title."""
    taken = {s.title.lower() for s in wb.worksheets}
    titles: dict[str, str] = {}
    projects = request.doc.projects
    for project in _progress(projects, request, len(projects), "xlsx"):
        form = grid_form(request.doc, project)
        titles[form.anchor] = title = sheet_title(project.seq, project.name, taken)
        write_grid_sheet(wb, form, title)
    return titles


def write_grid(request: ExportRequest) -> bytes:
    wb = _workbook()
    first = wb.active
    assert first is not None
    wb.remove(first)
    _grid_sheets(wb, request)
    if not wb.worksheets:  # a document without projects still gives a valid workbook
        wb.create_sheet("项目支出绩效目标表")
    return _save(wb)


def write_findings(request: ExportRequest) -> bytes:
    doc = request.doc
    wb = _workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "审核意见"
    rows = finding_rows(doc, request.findings)
    n = counts(rows)
    set_widths(ws, FINDING_WIDTHS)
    ws.append([cell_text(f"{document_title(doc)} 审核意见")])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(FINDINGS_HEADER))
    ws["A1"].style = TITLE
    ws.row_dimensions[1].height = 32
    ws.append([f"共 {len(rows)} 条：错误 {n['error']}，警告 {n['warning']}，提示 {n['info']}"])
    ws["A2"].style = NOTE
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=len(FINDINGS_HEADER))
    ws.append(list(FINDINGS_HEADER))
    for cell in ws[3]:
        cell.style = HEADER
    titles = _grid_sheets(wb, request)
    for row, f in enumerate(rows, 4):
        texts = (f.severity_label, f.rule, f.project, f.indicator, f.message, f.evidence, f.expected,
                 f.location)
        ws.cell(row=row, column=1, value=f.number).style = BODY
        for col, text in enumerate(texts, 2):
            put_cell(ws, row, col, text)
        ws.cell(row=row, column=1).style = ws.cell(row=row, column=2).style = CENTER
        if f.anchor in titles:
            link = ws.cell(row=row, column=4)
            link.hyperlink = Hyperlink(ref=link.coordinate, location=f"'{titles[f.anchor]}'!A1",
                                       tooltip="项目支出绩效目标表")
            link.style = LINK
        fit_row(ws, row, [(f.message, FINDING_WIDTHS[5]), (f.evidence, FINDING_WIDTHS[6]),
                          (f.project, FINDING_WIDTHS[3])])
    ws.freeze_panes = "A4"
    print_setup(ws, "3:3")
    return _save(wb)


def write_eval(request: ExportRequest) -> bytes:
    """One 自评表 or 执行监控表 sheet per project (``--layout selfeval|monitoring``)."""
    wb = _workbook()
    first = wb.active
    assert first is not None
    wb.remove(first)
    taken: set[str] = set()
    projects = request.doc.projects
    for project in _progress(projects, request, len(projects), "xlsx"):
        write_eval_sheet(wb, eval_form(request.doc, project, request.layout),
                         sheet_title(project.seq, project.name, taken))
    if not wb.worksheets:
        wb.create_sheet(eval_form_title(request.layout))
    return _save(wb)


@exporter("xlsx", ("xlsx",), ("list", "grid", "findings", "selfeval", "monitoring"))
def write_xlsx(request: ExportRequest) -> bytes:
    writers = {"list": write_list, "grid": write_grid, "findings": write_findings, "selfeval": write_eval,
               "monitoring": write_eval}
    return writers[request.layout](request)
