"""The list PDF typeset by reportlab (issue 11): fonts embedded, every cell's text in its column in
document order, the header on every page, and the same layout as WeasyPrint's from the same HTML —
every word on the same page at the same place and baseline."""

from __future__ import annotations

import copy
import io
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
from export_samples import many_projects

from jixiao.export import export_bytes, pdf_export, pdf_fonts
from jixiao.export.html_export import full_page, render_page
from jixiao.export.pdf_lines import can_break, wrap
from jixiao.export.pdf_list import EDGES
from jixiao.export.registry import ExportRequest
from jixiao.export.sections import LIST_HEADER, list_rows
from jixiao.model import Document

needs_poppler = pytest.mark.skipif(shutil.which("pdffonts") is None, reason="poppler-utils not installed")


def _weasyprint(doc: Document) -> bytes:
    """The list laid out by WeasyPrint in one piece (what the exporter drew before)."""
    return pdf_export.render_pdf(render_page(full_page(ExportRequest(doc, "list"))))


def _words(data: bytes) -> list[tuple[int, float, float, str]]:
    """(page, x, baseline, text) of every word."""
    out = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for number, page in enumerate(pdf.pages):
            for word in page.extract_words(extra_attrs=["matrix"]):
                out.append((number, round(word["x0"], 1), round(page.height - word["matrix"][5], 1),
                            word["text"]))
    return out


@pytest.mark.parametrize("which", ["seed", "many"])
def test_same_layout_as_weasyprint(which: str, seed_doc: Document) -> None:
    doc = seed_doc if which == "seed" else many_projects(24, indicators=14)
    new, old = _words(export_bytes(doc, "pdf", "list")), _words(_weasyprint(doc))
    assert len({w[0] for w in new}) > 1  # rows split over pages
    assert [(w[0], w[3]) for w in new] == [(w[0], w[3]) for w in old]
    far = [(a, b) for a, b in zip(new, old, strict=True)
           if abs(a[1] - b[1]) > 0.15 or abs(a[2] - b[2]) > 0.15]
    assert far == []  # within 0.15 pt (0.05 mm) of WeasyPrint's place


def _column(data: bytes, index: int) -> tuple[list[str], int]:
    """The text of one table column, page after page, below its header; and the pages whose first
    line is the header row."""
    left, right = EDGES[index]
    texts, headed = [], 0
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            lines = (page.extract_text() or "").splitlines()
            start = next(i for i, line in enumerate(lines) if line.startswith("单位编码"))
            headed += lines[start].split() == list(LIST_HEADER)
            header = next(w for w in page.extract_words() if w["text"] == "单位编码")
            body = page.crop((left + 0.7, header["bottom"] + 3, right - 0.7, page.height - 14 * 72 / 25.4))
            texts += (body.extract_text() or "").splitlines()
    return texts, headed


def test_every_cell_in_its_column_in_order_header_on_each_page() -> None:
    doc = many_projects(30, indicators=12)
    data = export_bytes(doc, "pdf", "list")
    rows = list(list_rows(doc))
    for index, cells in enumerate([
        [r.code for r in rows], [r.name for r in rows], [r.amount for r in rows],
        ["".join(r.goals) for r in rows], ["".join(r.indicators) for r in rows],
    ]):
        texts, headed = _column(data, index)
        assert "".join("".join(texts).split()) == "".join("".join(cells).split()), index
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        pages = len(pdf.pages)
    assert headed == pages
    lines = sum(max(1, len(r.indicators)) for r in rows)
    assert lines * 13.5 / 480 < pages < lines * 13.5 / 480 * 1.3  # about 480 pt of rows a page


@needs_poppler
def test_fonts_embedded(seed_doc: Document, tmp_path: Path) -> None:
    pdf = tmp_path / "list.pdf"
    pdf.write_bytes(export_bytes(seed_doc, "pdf", "list"))
    listing = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True,
                             timeout=60).stdout
    fonts = [line.split() for line in listing.splitlines()[2:]]
    names = {f[0].split("+")[1].rsplit("-jx", 1)[0] for f in fonts}
    assert names == {"NotoSerifCJKsc-Regular", "NotoSerifCJKsc-Bold", "NotoSansCJKsc-Bold"}, listing
    assert all(f[-5] == "yes" and f[-4] == "yes" for f in fonts), listing  # embedded, subset


def test_character_without_glyph_falls_back_to_weasyprint(seed_doc: Document,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    real = pdf_export.render_pdf

    def spy(html: str, *args: Any) -> bytes:
        calls.append(html)
        return real(html, *args)

    monkeypatch.setattr(pdf_export, "render_pdf", spy)
    export_bytes(seed_doc, "pdf", "list")
    assert calls == []  # typeset by reportlab
    doc = copy.deepcopy(seed_doc)  # the fixture is shared by the session
    doc.projects[0].name += "\U0001f642"  # an emoji: not in Noto CJK
    data = export_bytes(doc, "pdf", "list")
    assert len(calls) == 1 and data.startswith(b"%PDF")
    assert pdf_fonts.register("abc\U0001f642") is None


def test_amount_wider_than_its_column_overflows_as_in_weasyprint(seed_doc: Document) -> None:
    doc = copy.deepcopy(seed_doc)
    doc.total = Decimal("123456789012.34")  # nowrap: starts at the cell's left and overflows it
    doc.projects[0].amount = Decimal("2504632.78")
    new, old = _words(export_bytes(doc, "pdf", "list")), _words(_weasyprint(doc))
    assert [(w[0], w[3]) for w in new] == [(w[0], w[3]) for w in old]
    assert all(abs(a[1] - b[1]) <= 0.15 and abs(a[2] - b[2]) <= 0.15 for a, b in zip(new, old, strict=True))


def test_line_breaking_rules() -> None:
    assert can_break("项", "目") and can_break("目", "1") and can_break("%", "的")
    assert not can_break("目", "，") and not can_break("（", "1") and not can_break("≥", "1")
    assert not can_break("1", "%") and not can_break("a", "b") and can_break(" ", "a")
    def em(s: str) -> float:
        return float(len(s))
    assert wrap("目标一：宣传政策", 4, em) == ["目标一：", "宣传政策"]  # "：" never starts a line
    assert wrap("abc defghij", 4, em) == ["abc", "defg", "hij"]  # a long word breaks anywhere
    assert wrap("开展培训（12）", 5, em) == ["开展培训", "（12）"]


def test_missing_faces_fall_back_to_weasyprint(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(pdf_fonts.FACES, "sans-bold", "No Such Font Family")
    pdf_fonts.face_file.cache_clear()
    try:
        with pytest.raises(pdf_fonts.FontMissing, match="not installed"):
            pdf_fonts.face_file("sans-bold")
        data = export_bytes(many_projects(2, indicators=2), "pdf", "list")
    finally:
        pdf_fonts.face_file.cache_clear()
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        assert "WeasyPrint" in str(pdf.metadata.get("Producer"))
