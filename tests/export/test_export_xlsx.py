"""xlsx read back with openpyxl: layout, merged cells, fonts, wrapping, widths, print setup, links."""

from __future__ import annotations

import io
from decimal import Decimal

import openpyxl
from openpyxl.worksheet.worksheet import Worksheet

from jixiao.export import export_bytes
from jixiao.model import Document

FINDINGS = [
    {"rule": "TIM001", "name": "deadline-before-budget-year", "severity": "error",
     "message": "工作完成时限 2021-12-28 早于预算年度 2024", "project": "1", "indicator": "资金发放时限",
     "location": {"source": "a.txt", "line": 7}, "evidence": "资金发放时限 2021年12月28日",
     "expected": "a date within 2024"},
    {"rule": "STR001", "name": "missing-benefit", "severity": "warning", "message": "缺少效益指标",
     "project": "2", "indicator": None, "location": None},
    {"rule": "DOC001", "name": "total-mismatch", "severity": "info", "message": "合计与项目金额之和不符"},
]


def _book(data: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data))


def _sheet(data: bytes, index: int = 0) -> Worksheet:
    ws = _book(data).worksheets[index]
    assert isinstance(ws, Worksheet)
    return ws


def _assert_print_setup(ws: Worksheet, title_rows: str) -> None:
    assert ws.page_setup.orientation == "landscape"
    assert str(ws.page_setup.paperSize) == str(ws.PAPERSIZE_A4)
    assert ws.print_title_rows == title_rows
    assert ws.oddFooter is not None and "&P" in (ws.oddFooter.center.text or "")
    assert ws.sheet_properties.pageSetUpPr is not None and ws.sheet_properties.pageSetUpPr.fitToPage


def test_list_layout(seed_doc: Document) -> None:
    ws = _sheet(export_bytes(seed_doc, "xlsx", "list"))
    assert ws["A1"].value == "门源县总工会2023年部门预算项目支出绩效目标公开表"
    assert "A1:E1" in {str(r) for r in ws.merged_cells.ranges}
    assert [c.value for c in ws[3]] == ["单位编码", "单位及项目名称", "金额(万元)", "绩效目标", "绩效指标"]
    assert ws["B4"].value == "合计"
    assert Decimal(str(ws["C4"].value)) == Decimal("435.21") and ws["C4"].number_format == "0.00"
    assert [c.value for c in ws[5]][:2] == ["003", "门源县总工会"]  # codes stay text: leading zeros kept
    names = [ws.cell(row=r, column=2).value for r in range(7, ws.max_row + 1)]
    assert names == [p.name for p in seed_doc.projects]
    first = ws.cell(row=7, column=5).value
    assert isinstance(first, str) and first.startswith("一、产出指标\n(一)数量指标:\n1.举办活动天数 30天\n")
    _assert_print_setup(ws, "$3:$3")
    assert ws.freeze_panes == "A4"


def test_list_fonts_wrapping_and_widths(seed_doc: Document) -> None:
    ws = _sheet(export_bytes(seed_doc, "xlsx", "list"))
    assert ws["A1"].font.name == "黑体" and ws["A1"].font.b
    assert ws["A3"].font.name == "黑体"
    body = ws.cell(row=7, column=5)
    assert body.font.name == "宋体" and body.font.charset == 134
    assert body.alignment.wrap_text
    assert body.border.left.style == "thin"
    assert ws.column_dimensions["E"].width > ws.column_dimensions["A"].width >= 10
    heights = [ws.row_dimensions[r].height or 0 for r in range(7, 12)]
    assert heights[2] > heights[4] > 14  # project 3 has far more indicator lines than project 5


def test_grid_layout_merges_level_cells(sample_doc: Document) -> None:
    book = _book(export_bytes(sample_doc, "xlsx", "grid"))
    assert book.sheetnames == ["1 学生资助<补助>&营养餐", "2 教师培训经费"]
    ws = book.worksheets[0]
    assert isinstance(ws, Worksheet)
    cells = {(c.row, c.column): c.value for row in ws.iter_rows() for c in row if c.value is not None}
    header = next(r for (r, c), v in cells.items() if v == "一级指标")
    assert [ws.cell(row=header, column=c).value for c in range(1, 6)] == [
        "绩效指标", "一级指标", "二级指标", "三级指标", "指标值"]
    merged = {str(r) for r in ws.merged_cells.ranges}
    first = header + 1
    assert f"B{first}:B{first + 4}" in merged  # 产出指标 over its five indicators
    assert f"C{first}:C{first + 1}" in merged  # 数量指标 over two
    assert f"B{first + 5}:B{first + 6}" in merged  # 效益指标 over two
    assert f"A{header}:A{header + 8}" in merged  # 绩效指标 label over header + eight rows
    assert ws.cell(row=first, column=5).value == "≥300人"
    assert ws.cell(row=first + 3, column=5).value == "2024年12月31日"
    assert cells[(3, 2)] == "学生资助<补助>&营养餐"
    assert ("其中：财政拨款" in cells.values()) and ("示例县学生资助管理中心" in cells.values())
    _assert_print_setup(ws, f"${header}:${header}")


def test_grid_sheet_titles_are_valid_and_unique(sample_doc: Document) -> None:
    sample_doc.projects[1].seq = "1"
    sample_doc.projects[1].name = "学生资助<补助>&营养餐"
    sample_doc.projects[0].name = "a/b:c*d?[e]" + "长" * 40
    titles = _book(export_bytes(sample_doc, "xlsx", "grid")).sheetnames
    assert len(set(titles)) == 2 and all(len(t) <= 31 for t in titles)
    assert not any(ch in t for t in titles for ch in "[]:*?/\\")


def test_findings_link_back_to_project_sheets(sample_doc: Document) -> None:
    book = _book(export_bytes(sample_doc, "xlsx", "findings", findings=FINDINGS))
    assert book.sheetnames[0] == "审核意见" and len(book.sheetnames) == 3
    ws = book.worksheets[0]
    assert isinstance(ws, Worksheet)
    assert ws["A2"].value == "共 3 条：错误 1，警告 1，提示 1"
    rows = [[c.value for c in row] for row in ws.iter_rows(min_row=4)]
    assert [r[1] for r in rows] == ["错误", "警告", "提示"]
    assert rows[0][2] == "TIM001 完成时限不在预算年度内" and rows[0][8] == "a.txt:7"
    link = ws.cell(row=4, column=4).hyperlink
    assert link is not None and link.location == f"'{book.sheetnames[1]}'!A1"
    assert ws.cell(row=5, column=4).hyperlink.location == f"'{book.sheetnames[2]}'!A1"
    assert ws.cell(row=6, column=4).hyperlink is None  # about the whole document
    _assert_print_setup(ws, "$3:$3")


def test_empty_document_gives_valid_workbooks() -> None:
    for layout in ("list", "grid", "findings"):
        assert _book(export_bytes(Document(), "xlsx", layout)).worksheets


def test_grid_amounts_are_numbers_and_units_filled(sample_doc: Document) -> None:
    """Issue 13: the grid's amounts are numeric cells with a two-decimal format; 主管部门 and
    实施单位 come from the document's units when the project has none."""
    ws = _book(export_bytes(sample_doc, "xlsx", "grid")).worksheets[1]
    assert isinstance(ws, Worksheet)
    amount = ws.cell(row=5, column=3)
    assert isinstance(amount.value, (int, float, Decimal)) and not isinstance(amount.value, bool)
    assert Decimal(str(amount.value)) == Decimal("8.00") and amount.number_format == "0.00"
    assert ws.cell(row=4, column=2).value == "示例县教育局"  # the unit's parent
    assert ws.cell(row=4, column=5).value == "示例县教育局本级"  # the project's unit
