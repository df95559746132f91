"""Plain-text tables: tab-separated lines (as published copies give them), CSV, or loose text.

Decoding tries UTF-8 (with or without BOM), UTF-16 with a BOM, then GB18030. Binary content (NUL
bytes, many control characters, or bytes that fit no encoding) raises :class:`UnreadableInput`.

Each run of consecutive lines holding a tab (or, for ``.csv`` files, a comma) becomes one
:class:`Table`; every other non-blank line becomes a :class:`Paragraph`. Cells carry their line
(1-based), column (1-based) and character span in ``Source.text``; blank lines are not blocks. In a
``.csv`` file a quoted cell may hold commas and line breaks; a cell whose text is not written
verbatim (``""`` escapes) gets an empty span where its field starts.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

from jixiao.model.location import Location
from jixiao.readers.base import Block, Cell, Paragraph, Source, Table, UnreadableInput
from jixiao.readers.registry import reader

_MAGIC = (b"%PDF-", b"PK\x03\x04", b"\xd0\xcf\x11\xe0", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"\x1f\x8b",
          b"Rar!", b"7z\xbc\xaf", b"{\\rtf")
_HTML = re.compile(rb"^\s*(?:<!doctype\s+html|<html|<\?xml|<head|<body|<meta|<table)", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _looks_binary(data: bytes) -> bool:
    return data.startswith(_MAGIC) or _HTML.match(data[:4096].lstrip(b"\xef\xbb\xbf")) is not None


def decode(data: bytes, name: str = "") -> tuple[str, str]:
    """Return (text, encoding). Raises UnreadableInput for binary data."""
    label = name or "<input>"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            raise UnreadableInput(f"{label}: damaged UTF-16 text ({exc.reason})") from exc
    if b"\x00" in data[:65536]:
        raise UnreadableInput(f"{label}: binary data, not a text table")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if len(_CONTROL.findall(text[:65536])) > max(8, len(text[:65536]) // 100):
            raise UnreadableInput(f"{label}: binary data, not a text table")
        return text, encoding
    raise UnreadableInput(f"{label}: not text in UTF-8 or GB18030")


def sniff(head: bytes) -> bool:
    """Claim text that no binary/HTML reader should have: decodes and has no NUL bytes."""
    if not head or _looks_binary(head):
        return False
    try:
        decode(head[:-4] if len(head) >= 65536 else head)  # the cut may split a multi-byte char
    except UnreadableInput:
        return False
    return True


def _csv_cells(line: str, start: int, lineno: int, name: str, delimiter: str = ",") -> list[Cell]:
    try:
        values = next(csv.reader([line], delimiter=delimiter, strict=False), [])
    except csv.Error:  # quotes the csv module refuses: keep the fields as written
        return _tab_cells(line, start, lineno, name, delimiter)
    cells: list[Cell] = []
    pos = 0
    for col, value in enumerate(values, 1):
        found = line.find(value, pos) if value else -1
        span = (start + found, start + found + len(value)) if found >= 0 else (start + pos, start + pos)
        pos = found + len(value) if found >= 0 else pos
        cells.append(Cell(value, Location(name, line=lineno, column=col, span=span)))
    return cells


def _tab_cells(line: str, start: int, lineno: int, name: str, delimiter: str = "\t") -> list[Cell]:
    cells: list[Cell] = []
    pos = 0
    for col, value in enumerate(line.split(delimiter), 1):
        span = (start + pos, start + pos + len(value))
        cells.append(Cell(value, Location(name, line=lineno, column=col, span=span)))
        pos += len(value) + 1
    return cells


#: Lines a quoted cell may span (Excel quotes cells holding line breaks when it copies or exports).
MAX_QUOTED_LINES = 200


def _open_quote(line: str, delimiter: str) -> bool:
    """Whether ``line`` leaves a quoted field open: a field that starts with '"' and an odd count of
    quotes from there on."""
    for field_start in [0, *(i + 1 for i, ch in enumerate(line) if ch == delimiter)]:
        if line.startswith('"', field_start):
            return line.count('"', field_start) % 2 == 1
    return False


def _record(lines: list[str], index: int, delimiter: str) -> int:
    """How many lines the record starting at ``lines[index]`` spans (1 unless a quoted field runs
    on and closes within :data:`MAX_QUOTED_LINES` lines)."""
    if '"' not in lines[index] or not _open_quote(lines[index], delimiter):
        return 1
    quotes = lines[index].count('"')
    for extra in range(1, min(MAX_QUOTED_LINES, len(lines) - index)):
        quotes += lines[index + extra].count('"')
        if quotes % 2 == 0:
            return extra + 1
    return 1  # never closed: read the lines as they are


def blocks_from_text(text: str, name: str, comma_separated: bool = False) -> list[Block]:
    """Tables and paragraphs of ``text``. A quoted cell may run over several lines (CSV, and tab
    separated text copied from Excel)."""
    blocks: list[Block] = []
    table: Table | None = None
    offset = 0
    lines = text.splitlines(keepends=True)
    index = 0
    while index < len(lines):
        lineno = index + 1
        delimiter = "\t" if "\t" in lines[index] or not comma_separated else ","
        span = _record(lines, index, delimiter)
        raw = "".join(lines[index : index + span])
        index += span
        line = raw.rstrip("\r\n")
        start, offset = offset, offset + len(raw)
        if not line.strip():
            table = None
            continue
        if "\t" in line or (comma_separated and "," in line):
            # tab-separated lines are split verbatim unless a quoted cell ran over several lines
            csv_rules = delimiter == "," or span > 1
            cells = (_csv_cells(line, start, lineno, name, delimiter) if csv_rules
                     else _tab_cells(line, start, lineno, name))
            if table is None:
                table = Table([])
                blocks.append(table)
            table.rows.append(cells)
            continue
        table = None
        where = Location(name, line=lineno, column=1, span=(start, start + len(line)))
        blocks.append(Paragraph(Cell(line, where)))
    return blocks


_EXTENSIONS = ("txt", "text", "tsv", "csv")


@reader("text", _EXTENSIONS, sniff=sniff, priority=90)
def read_text(data: bytes, filename: str) -> Source:
    if _looks_binary(data[:65536]):
        raise UnreadableInput(f"{filename or '<input>'}: not a text file")
    text, encoding = decode(data, filename)
    source = Source(filename, "text", text=text)
    source.blocks = blocks_from_text(text, filename, filename.lower().endswith(".csv"))
    if encoding not in ("utf-8-sig",):
        source.notes.append(f"decoded as {encoding}")
    if not source.blocks:
        raise UnreadableInput(f"{filename or '<input>'}: no text in the file")
    return source


def read_text_file(path: Path, data: bytes | None = None) -> Source | None:
    """Read ``path`` with this reader when it is a plain-text table (by extension and content), else
    None. Lets ``jixiao parse x.txt`` skip importing the binary-format readers (cold start < 0.3 s);
    it picks exactly what :func:`jixiao.readers.detect` would pick for such a file. ``data`` are the
    file's bytes when the caller has read them already."""
    if path.suffix.lower().lstrip(".") not in _EXTENSIONS:
        return None
    if data is None:
        try:
            data = path.read_bytes()
        except OSError:
            return None  # the general path reports it
    head = data[:65536]
    if not data or b"<table" in head.lower() or not sniff(head):
        return None
    return read_text(data, path.name)
