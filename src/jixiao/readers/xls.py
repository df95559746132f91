"""Legacy Excel (.xls, BIFF) reader (xlrd): every sheet as a Table, merged ranges laid out.

Numbers are rendered with their cell's number format (see :mod:`jixiao.readers.cell_values`), dates
as ISO dates. Sniffed by the OLE2 signature (WPS ``.et`` files are the same format).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from jixiao.model.location import Location
from jixiao.readers.base import Block, Cell, Source, Table, UnreadableInput
from jixiao.readers.cell_values import value_text
from jixiao.readers.limits import MAX_COLUMNS, MAX_ROWS, CellBudget, check_size, why
from jixiao.readers.registry import reader
from jixiao.readers.sniff import describe, is_ole2
from jixiao.readers.spans import apply_merges, pad_for_merges

_OTHER_OLE2 = ("WordDocument".encode("utf-16-le"), "PowerPoint Document".encode("utf-16-le"))


def is_xls(head: bytes) -> bool:
    """An OLE2 compound file that is not visibly a Word or PowerPoint file. (The directory naming the
    streams may lie beyond the sniffed head in a big file, so a Workbook stream is not required.)"""
    return is_ole2(head) and not any(n in head for n in _OTHER_OLE2)


def _format_of(book: Any, sheet: Any, r: int, c: int) -> str | None:
    try:
        xf = book.xf_list[sheet.cell_xf_index(r, c)]
        return str(book.format_map[xf.format_key].format_str)
    except (IndexError, KeyError, AttributeError):
        return None


def _text(book: Any, sheet: Any, r: int, c: int) -> str:
    import xlrd

    ctype = sheet.cell_type(r, c)
    value = sheet.cell_value(r, c)
    if ctype == xlrd.XL_CELL_DATE:
        try:
            return value_text(xlrd.xldate.xldate_as_datetime(value, book.datemode))
        except (ValueError, OverflowError, xlrd.xldate.XLDateError):
            return value_text(value)
    if ctype == xlrd.XL_CELL_NUMBER:
        return value_text(value, _format_of(book, sheet, r, c))
    if ctype == xlrd.XL_CELL_BOOLEAN:
        return "TRUE" if value else "FALSE"
    if ctype == xlrd.XL_CELL_ERROR:
        return str(xlrd.error_text_from_code.get(value, "#ERR"))
    if isinstance(value, dt.datetime | str):
        return value_text(value)
    return "" if ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK) else value_text(value)


class _Discard:
    """A write-only sink: xlrd prints its warnings to stdout by default, which would corrupt the JSON
    that ``jixiao parse`` writes there."""

    def write(self, text: str) -> int:
        return len(text)

    def flush(self) -> None:
        return None


_QUIET = _Discard()


def _loc(name: str, title: str, r: int, c: int) -> Location:
    return Location(source=name, sheet=title, row=r + 1, column=c + 1)


@reader("xls", ("xls", "et"), is_xls, priority=25)
def read_xls(data: bytes, name: str) -> Source:
    check_size(data, name)
    if not is_ole2(data[:8]):  # chosen by the .xls name only
        what = describe(data[:8192]) or "not an Excel 97-2003 workbook"
        raise UnreadableInput(f"{name}: named .xls but is {what}")
    import xlrd  # imported on use: jixiao parse on other formats need not load it

    try:
        book = xlrd.open_workbook(
            file_contents=data, formatting_info=True, on_demand=True, logfile=_QUIET, verbosity=0
        )
    except Exception as exc:  # xlrd raises XLRDError, CompDocError, struct.error, …
        what = why(exc)
        raise UnreadableInput(f"{name}: damaged or unsupported xls file ({what})") from exc
    source = Source(name=name, format="xls")
    blocks: list[Block] = []
    budget = CellBudget()
    try:
        for index in range(book.nsheets):
            sheet = book.sheet_by_index(index)
            title = str(sheet.name)
            nrows = min(sheet.nrows, MAX_ROWS)
            if sheet.nrows > MAX_ROWS:
                source.losses.append(f"sheet {title}: stopped after {MAX_ROWS} rows")
            rows: list[list[Cell]] = []
            for r in range(nrows):
                ncols = min(sheet.row_len(r), MAX_COLUMNS)
                if not budget.take(ncols):
                    source.losses.append(f"sheet {title}: stopped after {r} rows (size limit)")
                    break
                cells = [Cell(_text(book, sheet, r, c), _loc(name, title, r, c)) for c in range(ncols)]
                while cells and not cells[-1].text:
                    cells.pop()
                rows.append(cells)
            merges = [(r0, c0, r1 - 1, c1 - 1) for r0, r1, c0, c1 in sheet.merged_cells]
            pad_for_merges(rows, merges, name, title)
            blocks.append(Table(rows=apply_merges(rows, merges), name=title))
            book.unload_sheet(index)
    except Exception as exc:
        raise UnreadableInput(f"{name}: damaged xls sheet ({why(exc)})") from exc
    finally:
        book.release_resources()
    source.blocks = blocks
    return source
