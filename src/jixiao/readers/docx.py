"""Word 2007+ reader (python-docx): body paragraphs and tables in document order.

Tables are read from their XML so merges are exact: ``w:gridSpan`` gives a colspan, a ``w:vMerge``
without ``val="restart"`` continues the cell above (its position becomes "covered"), and
``w:gridBefore`` shifts a row right. Paragraphs inside a cell become lines of its text; a nested
table's rows become further lines.
"""

from __future__ import annotations

import io
from typing import Any

from lxml import etree

from jixiao.model.location import Location
from jixiao.readers.base import Block, Cell, Paragraph, Source, Table, UnreadableInput
from jixiao.readers.limits import MAX_COLUMNS, MAX_ROWS, open_zip, why
from jixiao.readers.registry import reader
from jixiao.readers.sniff import is_docx

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _para_text(p: etree._Element) -> str:
    parts: list[str] = []
    for el in p.iter(f"{W}t", f"{W}tab", f"{W}br", f"{W}cr"):
        if el.tag == f"{W}t":
            parts.append(el.text or "")
        elif el.tag == f"{W}tab":
            parts.append("\t")
        else:
            parts.append("\n")
    return "".join(parts)


def _cell_text(tc: etree._Element) -> str:
    lines: list[str] = []
    for child in tc:
        if child.tag == f"{W}p":
            lines.append(_para_text(child))
        elif child.tag == f"{W}tbl":
            for tr in child.iter(f"{W}tr"):
                lines.append(" ".join(_cell_text(t) for t in tr.iter(f"{W}tc") if t.getparent() is tr))
    return "\n".join(line.strip() for line in lines if line.strip())


def _val(el: etree._Element | None, default: str | None = None) -> str | None:
    return default if el is None else el.get(f"{W}val", default)


def _int(text: str | None, default: int) -> int:
    try:
        return max(1, int(text)) if text is not None else default
    except ValueError:
        return default


def _read_table(tbl: etree._Element, name: str, index: int) -> Table:
    grid: list[list[Cell]] = []
    origin_at: dict[int, Cell] = {}  # grid column -> last origin cell there (for vMerge)
    for r, tr in enumerate(tbl.findall(f"{W}tr")[:MAX_ROWS]):
        row: list[Cell] = []

        def loc(c: int, r: int = r) -> Location:
            return Location(source=name, sheet=f"table {index}", row=r + 1, column=c + 1)

        grid_before = tr.find(f"{W}trPr/{W}gridBefore")
        before = 0 if grid_before is None else _int(_val(grid_before), 0)
        row.extend(Cell("", loc(c)) for c in range(before))
        for tc in tr.findall(f"{W}tc"):
            col = len(row)
            if col >= MAX_COLUMNS:
                break
            span = _int(_val(tc.find(f"{W}tcPr/{W}gridSpan")), 1)
            vmerge = tc.find(f"{W}tcPr/{W}vMerge")
            above = origin_at.get(col)
            if vmerge is not None and _val(vmerge, "continue") != "restart" and above is not None:
                above.rowspan += 1
                row.extend(Cell("", loc(col + k), 0, 0) for k in range(span))
                continue
            cell = Cell(_cell_text(tc), loc(col), 1, span)
            row.append(cell)
            row.extend(Cell("", loc(col + k), 0, 0) for k in range(1, span))
            for k in range(span):
                origin_at[col + k] = cell
        grid.append(row)
    return Table(rows=grid, name=f"table {index}")


def _walk(parent: Any, name: str, blocks: list[Block]) -> None:
    for child in parent:
        if child.tag == f"{W}p":
            text = _para_text(child).strip()
            if text:
                blocks.append(Paragraph(Cell(text, Location(source=name, row=len(blocks) + 1))))
        elif child.tag == f"{W}tbl":
            index = sum(isinstance(b, Table) for b in blocks) + 1
            blocks.append(_read_table(child, name, index))
        elif child.tag in (f"{W}sdt", f"{W}sdtContent", f"{W}customXml"):
            _walk(child, name, blocks)


@reader("docx", ("docx", "docm"), is_docx, priority=20)
def read_docx(data: bytes, name: str) -> Source:
    open_zip(data, name, "docx").close()
    try:
        import docx  # imported on use: ~35 ms that other formats need not pay

        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises PackageNotFoundError, KeyError, XMLSyntaxError, …
        raise UnreadableInput(f"{name}: damaged docx file ({why(exc)})") from exc
    blocks: list[Block] = []
    _walk(document.element.body, name, blocks)
    return Source(name=name, format="docx", blocks=blocks)
