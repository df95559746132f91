"""Look and print setup of the exported workbooks, as official tables are printed.

宋体 for the body, 黑体 for headers and titles (GB2312 charset so Excel picks the CJK face), thin
borders, wrapped text, row heights estimated from the text (Excel does not autofit rows it did not
lay out itself), A4 landscape, the header row repeated on every printed page, 第 N 页 footers.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Sequence

from openpyxl.styles import Alignment, Border, Font, NamedStyle, Side
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

BODY_FONT = "宋体"
HEAD_FONT = "黑体"
GB2312 = 134  # font charset: tells Excel this is a Chinese font
LINE_HEIGHT = 14.0  # points per line of 10.5 pt text
MAX_ROW_HEIGHT = 409.0  # Excel's limit

_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")  # control characters xlsx cannot hold

_thin = Side(style="thin", color="000000")
_BORDER = Border(left=_thin, right=_thin, top=_thin, bottom=_thin)

TITLE, HEADER, BODY, CENTER, NUMBER, NOTE, LINK = (
    "jx-title", "jx-header", "jx-body", "jx-center", "jx-number", "jx-note", "jx-link",
)


def _style(name: str, font: Font, align: Alignment, border: bool = True, number_format: str = "General",
           ) -> NamedStyle:
    style = NamedStyle(name=name, font=font, alignment=align, number_format=number_format)
    if border:
        style.border = _BORDER
    return style


def add_styles(wb: Workbook) -> None:
    """Register the named styles once per workbook (cells then refer to them by name: fast)."""
    body = Font(name=BODY_FONT, size=10.5, charset=GB2312)
    wrap_top = Alignment(wrap_text=True, vertical="top")
    wrap_center = Alignment(wrap_text=True, vertical="center", horizontal="center")
    for style in (
        _style(TITLE, Font(name=HEAD_FONT, size=16, bold=True, charset=GB2312), wrap_center, border=False),
        _style(HEADER, Font(name=HEAD_FONT, size=11, bold=True, charset=GB2312), wrap_center),
        _style(BODY, body, wrap_top),
        _style(CENTER, body, wrap_center),
        _style(NUMBER, body, Alignment(vertical="top", horizontal="right"), number_format="0.00"),
        _style(NOTE, Font(name=BODY_FONT, size=10, charset=GB2312),
               Alignment(horizontal="right", vertical="center"), border=False),
        _style(LINK, Font(name=BODY_FONT, size=10.5, charset=GB2312, color="0563C1", underline="single"),
               wrap_top),
    ):
        wb.add_named_style(style)


def cell_text(text: str) -> str:
    """``text`` made storable in a worksheet: vertical tab and form feed (left over from PDF and
    Word text) become spaces, other control characters U+FFFD, so nothing vanishes silently."""
    return _ILLEGAL.sub(lambda m: " " if m.group() in "\x0b\x0c" else "\ufffd", text)


def set_widths(ws: Worksheet, widths: Sequence[float]) -> None:
    for index, width in enumerate(widths):
        ws.column_dimensions[chr(ord("A") + index)].width = width


def display_width(text: str) -> int:
    """Width in Excel character units: CJK and full-width characters count double."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def lines_needed(text: str, width: float) -> int:
    usable = max(width - 1.0, 1.0)
    return sum(max(1, math.ceil(display_width(line) / usable)) for line in text.split("\n"))


def fit_row(ws: Worksheet, row: int, cells: Sequence[tuple[str, float]]) -> None:
    """Set the row height for the wrapped texts ``(text, column width)`` it holds."""
    lines = max((lines_needed(text, width) for text, width in cells if text), default=1)
    ws.row_dimensions[row].height = min(MAX_ROW_HEIGHT, max(1, lines) * LINE_HEIGHT + 4)


def print_setup(ws: Worksheet, title_rows: str | None, footer: str = "第 &P 页，共 &N 页") -> None:
    """A4 landscape, fit to one page wide, ``title_rows`` (e.g. ``"3:3"``) repeated on every page."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = 0.6
    ws.page_margins.bottom = 0.7
    if title_rows:
        ws.print_title_rows = title_rows
    footer_item = ws.oddFooter
    assert footer_item is not None
    footer_item.center.text = footer
    footer_item.center.font = BODY_FONT
    footer_item.center.size = 9
