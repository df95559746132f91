"""HTML reader: every ``<table>`` (rowspan/colspan laid out on a grid) plus the text around them.

Encoding: a BOM, else ``<meta charset>``, else strict UTF-8, else GB18030 (a superset of GBK and
GB2312), else charset-normalizer's guess. Inside a cell, ``<p>``, ``<div>``, ``<li>`` and ``<br>``
become line breaks; other whitespace collapses to single spaces. A table that contains another table
is page layout, not data: its own text becomes paragraphs and the inner tables are read.
"""

from __future__ import annotations

import re

import charset_normalizer
import lxml.html
from lxml import etree

from jixiao.model.location import Location
from jixiao.readers.base import Block, Cell, Paragraph, Source, Table, UnreadableInput
from jixiao.readers.limits import MAX_COLUMNS, CellBudget, check_size, why
from jixiao.readers.registry import reader
from jixiao.readers.sniff import is_html
from jixiao.readers.spans import RawCell, expand

_META = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)
_BLOCK = {
    "p",
    "div",
    "li",
    "tr",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "caption",
    "section",
    "article",
    "blockquote",
    "pre",
    "ul",
    "ol",
    "dd",
    "dt",
    "center",
}
_SKIP = {"script", "style", "head", "title", "noscript", "template"}
_WS = re.compile(r"[ \t\r\n\f\u00a0\u3000]+")


def decode(data: bytes) -> tuple[str, str]:
    """Decode HTML bytes; returns (text, encoding used)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", "replace"), "utf-8"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", "replace"), "utf-16"
    m = _META.search(data[:4096])
    if m:
        declared = m.group(1).decode("ascii").lower()
        if declared in ("gb2312", "gbk", "gb_2312-80"):
            declared = "gb18030"
        try:
            return data.decode(declared), declared
        except (LookupError, UnicodeDecodeError):
            pass  # a lying meta tag: fall through to detection
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError:
        pass
    best = charset_normalizer.from_bytes(data).best()
    encoding = best.encoding if best is not None else "utf-8"
    return data.decode(encoding, "replace"), encoding


def _lines(parts: list[str]) -> str:
    text = "".join(parts)
    lines = (_WS.sub(" ", line).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def _collect(el: etree._Element, parts: list[str]) -> None:
    tag = el.tag if isinstance(el.tag, str) else ""
    if tag in _SKIP:
        parts.append("\n" if tag else "")
    else:
        if tag == "br" or tag in _BLOCK:
            parts.append("\n")
        if el.text and tag:
            parts.append(el.text)
        for child in el:
            _collect(child, parts)
        if tag in _BLOCK:
            parts.append("\n")
    if el.tail:
        parts.append(el.tail)


def cell_text(el: etree._Element) -> str:
    parts: list[str] = [el.text or ""]
    for child in el:
        _collect(child, parts)
    return _lines(parts)


def _line(el: etree._Element) -> int | None:
    line = el.sourceline
    return line if isinstance(line, int) else None


def _span(el: etree._Element, attr: str) -> int:
    digits = re.match(r"\s*(\d+)", el.get(attr) or "")
    return int(digits.group(1)) if digits else 1


def _read_table(el: etree._Element, name: str, index: int, budget: CellBudget) -> Table:
    raw_rows: list[list[RawCell]] = []
    width = 0
    for tr in el.iter("tr"):
        if next(tr.iterancestors("table")) is not el:
            continue
        raw: list[RawCell] = []
        for td in tr:
            if td.tag in ("td", "th"):
                raw.append(RawCell(cell_text(td), _span(td, "rowspan"), _span(td, "colspan"), _line(td)))
        width = min(MAX_COLUMNS, max(width, sum(min(x.colspan, MAX_COLUMNS) for x in raw)))
        if not budget.take(max(width, 1)):  # a row is at most as wide as the widest row so far
            break
        raw_rows.append(raw)

    def locate(r: int, c: int) -> Location:
        return Location(source=name, row=r + 1, column=c + 1)

    rows = expand(raw_rows, locate)
    return Table(rows=rows, name=f"table {index}")


def _walk(el: etree._Element, name: str, blocks: list[Block], pending: list[str], budget: CellBudget) -> None:
    tag = el.tag if isinstance(el.tag, str) else ""
    if tag in _SKIP:
        return
    if tag == "table" and not any(True for _ in el.iter("table") if _ is not el):
        _flush(name, blocks, pending)
        table = _read_table(el, name, sum(isinstance(b, Table) for b in blocks) + 1, budget)
        if table.rows:
            blocks.append(table)
            return
        # a "table" without <tr> rows (malformed markup): its text is kept as paragraphs below
    if tag in _BLOCK or tag in ("br", "table", "td", "th"):
        _flush(name, blocks, pending)
    if el.text and tag:
        pending.append(el.text)
    for child in el:
        _walk(child, name, blocks, pending, budget)
        if child.tail:
            pending.append(child.tail)
    if tag in _BLOCK or tag in ("table", "td", "th"):
        _flush(name, blocks, pending)


def _flush(name: str, blocks: list[Block], pending: list[str]) -> None:
    text = _lines(pending)
    pending.clear()
    for line in text.split("\n"):
        if line:
            blocks.append(Paragraph(Cell(line, Location(source=name, row=len(blocks) + 1))))


@reader("html", ("html", "htm", "xhtml", "shtml"), is_html, priority=40)
def read_html(data: bytes, name: str) -> Source:
    check_size(data, name)
    text, encoding = decode(data)
    try:
        root = lxml.html.document_fromstring(text)
    except (etree.ParserError, ValueError) as exc:
        raise UnreadableInput(f"{name}: not readable as HTML ({why(exc)})") from exc
    blocks: list[Block] = []
    pending: list[str] = []
    body = root.find("body")
    budget = CellBudget()
    _walk(body if body is not None else root, name, blocks, pending, budget)
    _flush(name, blocks, pending)
    source = Source(name=name, format="html", blocks=blocks)
    source.notes.append(f"encoding {encoding}")
    if budget.left < 0:
        source.losses.append("stopped reading table rows at the size limit")
    if not blocks:
        source.notes.append("no text found")
    return source
