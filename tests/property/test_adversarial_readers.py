"""Issue 12: adversarial text thrown at every reader (text, CSV, HTML, xlsx, docx; PDF and xls
as corrupted fixture bytes) through ``services.parse_bytes``: never an exception other than
:class:`UnreadableInput`, and for the text formats never lost text — every character of the input
is somewhere in the document (fields or ``unparsed``), or is whitespace, markup or a character
readers drop on purpose (controls, bidi and zero-width marks)."""

from __future__ import annotations

import contextlib
import csv
import html
import io
import unicodedata
from pathlib import Path

import docx
import openpyxl
from adversarial import ignorable, strings, text
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from jixiao import services
from jixiao.model.jsonify import document_to_dict
from jixiao.readers import UnreadableInput

FORMATS = Path(__file__).resolve().parent.parent / "fixtures" / "formats"
HEADER = ["项目名称", "预算金额", "绩效目标", "一级指标", "三级指标", "指标值"]
#: structure words a parser consumes as labels (headers, categories, numbering), not as text to keep
LABELS = sorted({*HEADER, "一、", "(一)", "产出指标", "数量指标", "质量指标", "满意度指标", "满意度", "合计",
                 "目标一", "1.", "：", "；", "。"}, key=len, reverse=True)
rows = st.lists(st.lists(text, min_size=1, max_size=6), min_size=1, max_size=6)
SETTINGS = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _tsv(table: list[list[str]]) -> bytes:
    return "\n".join("\t".join(c.replace("\t", " ").replace("\n", " ") for c in r) for r in table).encode()


def _csv(table: list[list[str]]) -> bytes:
    out = io.StringIO()
    csv.writer(out).writerows(table)
    return out.getvalue().encode("utf-8")


def _html(table: list[list[str]]) -> bytes:
    body = "".join("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in r) + "</tr>" for r in table)
    return f"<html><body><h1>某县绩效目标表</h1><table>{body}</table></body></html>".encode()


def _xml_safe(cell: str) -> str:
    return "".join(c for c in cell if c in "\t\n" or (unicodedata.category(c) != "Cc" and c != "\ufffe"))


def _xlsx(table: list[list[str]]) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for r, row in enumerate(table, 1):
        for c, written in enumerate(row, 1):
            cell = sheet.cell(r, c, _xml_safe(written))
            cell.data_type = "s"  # text, even when it starts with "=" (openpyxl would write a formula)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _docx(table: list[list[str]]) -> bytes:
    document = docx.Document()
    grid = document.add_table(rows=len(table), cols=max(len(r) for r in table))
    for r, row in enumerate(table):
        for c, cell in enumerate(row):
            grid.cell(r, c).text = _xml_safe(cell)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


WRITERS = {"x.txt": _tsv, "x.csv": _csv, "x.html": _html, "x.xlsx": _xlsx, "x.docx": _docx}


def _check(name: str, table: list[list[str]]) -> None:
    data = WRITERS[name]([HEADER, *table])
    try:
        doc = services.parse_bytes(data, name)
    except UnreadableInput:
        return
    held = "".join(strings(document_to_dict(doc)))
    folded = unicodedata.normalize("NFKC", held)
    for cell in (c for r in table for c in r):
        for label in LABELS:
            cell = cell.replace(label, " ")
        for char in cell if name not in ("x.xlsx", "x.docx") else _xml_safe(cell):
            if ignorable(char) or char in held or unicodedata.normalize("NFKC", char) in folded:
                continue
            raise AssertionError(f"{name}: {char!r} of {cell!r} is lost")


@SETTINGS
@given(rows, st.sampled_from(sorted(WRITERS)))
@example([["'; DROP TABLE projects; --"]], "x.csv")  # the stream recogniser lost the middle of it
@example([["<script>alert(1)</script>", "\u202e9" + "9" * 400, "\x00\x1b「」"]], "x.html")
def test_readers_never_crash_and_never_lose_text(table: list[list[str]], name: str) -> None:
    _check(name, table)


@SETTINGS
@given(st.sampled_from(["menyuan-2023.pdf", "menyuan-2023.xls", "menyuan-2023.xlsx", "menyuan-2023.docx"]),
       st.lists(st.tuples(st.integers(0, 10**7), st.binary(min_size=1, max_size=8)), min_size=1, max_size=6))
def test_corrupted_binary_files_are_refused_or_read(name: str, patches: list[tuple[int, bytes]]) -> None:
    data = bytearray((FORMATS / name).read_bytes())
    for offset, junk in patches:
        at = offset % len(data)
        data[at:at + len(junk)] = junk
    with contextlib.suppress(UnreadableInput):
        services.parse_bytes(bytes(data), name)
