"""One worksheet per project in the 项目支出绩效自评表 or 项目支出绩效目标执行监控表 form (issue 10).

::

    项目支出绩效自评表                                   (title, merged over the width)
    (2022年度)
    项目名称 | name
    主管部门 | dept | 实施单位 | implementer
    项目资金(万元) |  | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分
                  | 年度资金总额 | …                     ← A merged over the fund rows
    年度总体目标 | 预期目标 | 实际完成情况
                | goal     | what was achieved
    一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施
    其他需要说明事项 | note | 总分 | 100 | 96 | 优
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from jixiao.export.eval_sections import EvalForm
from jixiao.export.xlsx_grid import put_cell
from jixiao.export.xlsx_style import BODY, CENTER, HEADER, NUMBER, TITLE, fit_row, print_setup, set_widths

SELFEVAL_WIDTHS = (14.0, 16.0, 24.0, 16.0, 16.0, 10.0, 10.0, 30.0)
MONITORING_WIDTHS = (12.0, 14.0, 22.0, 14.0, 16.0, 16.0, 11.0, 11.0, 22.0, 22.0)
_NUMERIC = {"分值", "得分"}


def _cell(text: str) -> str | Decimal | None:
    """Amounts, weights and scores as numeric cells; anything else (100%, —) as written."""
    if not text:
        return None
    try:
        return Decimal(text)
    except InvalidOperation:
        return text


def _amount_style(value: str | Decimal | None) -> str:
    """Amounts as 0.00 cells, unless they carry more decimals (387664.62 元 is 38.766462 万元): those
    keep the General format so that no digit is lost on the page or when read back."""
    if isinstance(value, Decimal):
        exponent = value.as_tuple().exponent
        return NUMBER if isinstance(exponent, int) and exponent >= -2 else CENTER
    return CENTER


def write_eval_sheet(wb: Workbook, form: EvalForm, title: str) -> Worksheet:
    ws: Worksheet = wb.create_sheet(title)
    widths = MONITORING_WIDTHS if form.layout == "monitoring" else SELFEVAL_WIDTHS
    set_widths(ws, widths)
    w, mid = form.width, form.width // 2 + 1
    put_cell(ws, 1, 1, form.title, TITLE, to_col=w)
    ws.row_dimensions[1].height = 30
    put_cell(ws, 2, 1, form.year, CENTER, to_col=w)
    fields = dict(form.fields)
    put_cell(ws, 3, 1, "项目名称", HEADER)
    put_cell(ws, 3, 2, fields["项目名称"], BODY, to_col=w)
    put_cell(ws, 4, 1, "主管部门", HEADER)
    put_cell(ws, 4, 2, fields["主管部门"], BODY, to_col=mid - 1)
    put_cell(ws, 4, mid, "实施单位", HEADER)
    put_cell(ws, 4, mid + 1, fields["实施单位"], BODY, to_col=w)
    row = 5
    put_cell(ws, row, 1, "项目资金(万元)", HEADER, to_row=row + len(form.budget))
    put_cell(ws, row, 2, "", HEADER)
    for col, label in enumerate(form.budget_header, 3):
        put_cell(ws, row, col, label, HEADER)
    for col in range(3 + len(form.budget_header), w + 1):
        put_cell(ws, row, col, "", HEADER)
    for name, cells in form.budget:
        row += 1
        put_cell(ws, row, 2, name, CENTER)
        for col, (label, text) in enumerate(zip(form.budget_header, cells, strict=True), 3):
            value = _cell(text)
            put_cell(ws, row, col, value, _amount_style(value) if label not in _NUMERIC else CENTER)
        for col in range(3 + len(cells), w + 1):
            put_cell(ws, row, col, "", BODY)
    row += 1
    put_cell(ws, row, 1, "年度总体目标", HEADER, to_row=row + 1)
    put_cell(ws, row, 2, "预期目标", HEADER, to_col=mid - 1)
    put_cell(ws, row, mid, "实际完成情况", HEADER, to_col=w)
    row += 1
    put_cell(ws, row, 2, form.goal, BODY, to_col=mid - 1)
    put_cell(ws, row, mid, form.goal_actual, BODY, to_col=w)
    fit_row(ws, row, [(form.goal, sum(widths[1:mid - 1])), (form.goal_actual, sum(widths[mid - 1:]))])
    row += 1
    header_row = row
    for col, label in enumerate(form.header, 1):
        put_cell(ws, row, col, label, HEADER)
    for line in form.lines:
        row += 1
        if line.span1:
            put_cell(ws, row, 1, line.level1, CENTER, to_row=row + line.span1 - 1)
        if line.span2:
            put_cell(ws, row, 2, line.level2, CENTER, to_row=row + line.span2 - 1)
        for col, (label, text) in enumerate(zip(form.header[2:], line.cells, strict=True), 3):
            value = _cell(text) if label in _NUMERIC else (text or None)
            put_cell(ws, row, col, value, CENTER if isinstance(value, Decimal) else BODY)
        fit_row(ws, row, [(t, widths[i + 2]) for i, t in enumerate(line.cells)])
    if form.layout == "selfeval":
        row += 1
        put_cell(ws, row, 1, "其他需要说明事项", HEADER)
        put_cell(ws, row, 2, form.note, BODY, to_col=4)
        put_cell(ws, row, 5, "总分", HEADER)
        for col, text in enumerate(form.total[:3], 6):
            total = _cell(text)
            put_cell(ws, row, col, total, CENTER)
    print_setup(ws, f"{header_row}:{header_row}")
    return ws
