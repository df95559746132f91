"""Excel 2007+ reader (openpyxl, read-only streaming): every sheet as a Table, merges laid out.

Read-only mode keeps memory flat on big workbooks but does not expose merged ranges, so those are
taken from the sheet's ``<mergeCells>`` element directly. Values come from the cached results of
formulas (``data_only``); numbers are rendered by :mod:`jixiao.readers.cell_values`.
"""

from __future__ import annotations

import io
import re
import zipfile
from typing import Any

from jixiao.model.location import Location
from jixiao.readers.base import Block, Cell, Source, Table, UnreadableInput
from jixiao.readers.cell_values import value_text
from jixiao.readers.limits import MAX_COLUMNS, MAX_ROWS, CellBudget, open_zip, why
from jixiao.readers.registry import reader
from jixiao.readers.sniff import is_xlsx
from jixiao.readers.spans import apply_merges, pad_for_merges

_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?"')


def merges_of(zf: zipfile.ZipFile, path: str) -> list[tuple[int, int, int, int]]:
    """Zero-based inclusive (r0, c0, r1, c1) of every merged range in the sheet part ``path``."""
    from openpyxl.utils.cell import column_index_from_string

    try:
        xml = zf.read(path.lstrip("/"))
    except KeyError:
        return []
    start = xml.find(b"mergeCells")
    if start < 0:
        return []
    out = []
    for m in _MERGE.finditer(xml, start):
        c0, r0 = column_index_from_string(m.group(1).decode()) - 1, int(m.group(2)) - 1
        c1 = column_index_from_string(m.group(3).decode()) - 1 if m.group(3) else c0
        r1 = int(m.group(4)) - 1 if m.group(4) else r0
        out.append((r0, c0, r1, c1))
    return out


def _text(value: object, cell: Any, formats: dict[int, str | None]) -> str:
    if value is None:
        return ""
    if type(value) is str:
        return value.strip() if "\r" not in value else value_text(value)
    style = getattr(cell, "style_id", None)
    if style is None:
        return value_text(value, getattr(cell, "number_format", None))
    if style not in formats:  # the format lookup through the workbook's styles is slow: once per style
        formats[style] = getattr(cell, "number_format", None)
    return value_text(value, formats[style])


def _sheet_rows(ws: Any, name: str, losses: list[str], budget: CellBudget) -> list[list[Cell]]:
    title = str(ws.title)
    rows: list[list[Cell]] = []
    formats: dict[int, str | None] = {}
    for r, row in enumerate(ws.iter_rows(min_row=1, min_col=1)):
        if r >= MAX_ROWS or not budget.take(min(len(row), MAX_COLUMNS)):
            losses.append(f"sheet {title}: stopped after {r} rows (size limit)")
            break
        values = [cell.value for cell in row[:MAX_COLUMNS]]
        while values and (values[-1] is None or values[-1] == ""):
            values.pop()  # trailing empty cells make no Cells at all
        cells = [
            Cell(
                _text(value, row[c], formats),
                Location(source=name, sheet=title, row=r + 1, column=c + 1),
            )
            for c, value in enumerate(values)
        ]
        while cells and not cells[-1].text:
            cells.pop()
        rows.append(cells)
    while rows and not rows[-1]:
        rows.pop()
    return rows


@reader("xlsx", ("xlsx", "xlsm"), is_xlsx, priority=20)
def read_xlsx(data: bytes, name: str) -> Source:
    zf = open_zip(data, name, "xlsx")
    try:
        import openpyxl  # imported here: loading it costs ~80 ms that sniffing other formats need not pay

        wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds on damaged parts
        raise UnreadableInput(f"{name}: damaged xlsx file ({why(exc)})") from exc
    source = Source(name=name, format="xlsx")
    blocks: list[Block] = []
    budget = CellBudget()
    try:
        for ws in wb.worksheets:
            if ws.sheet_state != "visible":
                source.notes.append(f"sheet {ws.title} is {ws.sheet_state}; read anyway")
            rows = _sheet_rows(ws, name, source.losses, budget)
            merges = merges_of(zf, str(getattr(ws, "_worksheet_path", "")))
            pad_for_merges(rows, merges, name, str(ws.title))
            blocks.append(Table(rows=apply_merges(rows, merges), name=str(ws.title)))
    except UnreadableInput:
        raise
    except Exception as exc:
        raise UnreadableInput(f"{name}: damaged xlsx sheet ({why(exc)})") from exc
    finally:
        wb.close()
    source.blocks = blocks
    return source
