"""The list layout (项目支出绩效目标公开表) as PDF, typeset with reportlab's canvas.

WeasyPrint spends ~0.05 s of CPU laying out each page of the list; the list is one ruled table of
fixed columns, so its layout is computed here directly from style.css's numbers and drawn with
reportlab, ~40× less CPU at 10,000 projects (docs/export.md, Speed). The page is the one WeasyPrint draws:

* A4 landscape, margins 12/10/14/10 mm; ``第 N 页`` (9 pt) centred in the bottom margin;
* on the first page the title (16 pt Noto Sans CJK SC bold, centred) and 金额单位：万元 (9 pt, right);
* the table spans the width in columns of 8/17/8/27/40 %, cells padded 2 pt × 4 pt, 0.6 pt rules
  (each cell's right and bottom, the first column's left, the header's top), 10 pt Noto Serif CJK SC
  on 13.5 pt lines (bold for the 合计 and unit rows), the header row (Noto Sans CJK SC bold on
  #f2f2f2, centred) repeated on every page;
* a row that does not fit splits where the page ends, each cell keeping its padding and its rules
  (``box-decoration-break: clone``) and running to the page bottom, and no paragraph leaves one line
  alone on either page (CSS ``orphans: 2; widows: 2``).

Lines break as pango breaks them (:mod:`jixiao.export.pdf_lines`), with the faces' own advance widths
(:mod:`jixiao.export.pdf_fonts`). ``docs/img/export-pdf-weasyprint.png`` and
``export-pdf-reportlab.png`` show the same pages from both engines.
"""

from __future__ import annotations

import io
import math
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from tqdm import tqdm

from jixiao.export import pdf_fonts
from jixiao.export.pdf_fonts import Face
from jixiao.export.pdf_lines import collapse, wrap
from jixiao.export.sections import LIST_HEADER, ListRow

MM = 72 / 25.4
PAGE_W, PAGE_H = 297 * MM, 210 * MM
TOP, RIGHT, BOTTOM, LEFT = 12 * MM, 10 * MM, 14 * MM, 10 * MM
SIZE, LEADING = 10.0, 13.5  # body font-size and line-height (1.35)
PAD_V, PAD_H, RULE = 2.0, 4.0, 0.6
WIDTHS = (0.08, 0.17, 0.08, 0.27, 0.40)
ALIGN = ("center", "left", "right", "left", "left")
NOTE = "金额单位：万元"
HEADER_GREY = 0xF2 / 0xFF
EPS = 1e-6

Cell = list[list[str]]  # paragraphs of lines


@dataclass(frozen=True, slots=True)
class Row:
    bold: bool
    cells: tuple[Cell, ...]


def _edges() -> list[tuple[float, float]]:
    """Each column's cell box (left, right) across the content width."""
    width, out, left = PAGE_W - LEFT - RIGHT, [], LEFT
    total = 0.0
    for share in WIDTHS:
        total += share
        right = LEFT + width * total if share != WIDTHS[-1] else PAGE_W - RIGHT
        out.append((left, right))
        left = right
    return out


EDGES = _edges()
#: The text area of each cell: inside the rules and the padding.
CONTENT = [(left + (RULE if i == 0 else 0) + PAD_H, right - RULE - PAD_H)
           for i, (left, right) in enumerate(EDGES)]


def document_text(rows: Sequence[ListRow], title: str) -> str:
    """Every character the PDF may draw (for the font subsets)."""
    parts = [title, NOTE, "".join(LIST_HEADER), "第页 0123456789"]
    for row in rows:
        parts += [row.code, row.name, row.amount, *row.goals, *row.indicators]
    return "".join(parts)


class Typesetter:
    """Lays rows out in lines and pages and draws them on a reportlab canvas."""

    def __init__(self, faces: dict[str, Face], title: str) -> None:
        from reportlab.pdfgen import canvas

        self.faces, self.title = faces, title
        self.out = io.BytesIO()
        self.canvas: Any = canvas.Canvas(self.out, pagesize=(PAGE_W, PAGE_H), pageCompression=1,
                                          initialFontName=faces["serif"].name, lang="zh-CN")
        self.canvas.setTitle(title)
        self.page, self.y, self.table_top = 0, 0.0, 0.0
        self._advances = {face: _advance(faces[face].name) for face in faces}

    def advance(self, face: str, size: float = SIZE) -> Callable[[str], float]:
        widths = self._advances[face]
        return lambda text: widths(text) * size

    def _cell(self, face: str, column: int, paragraphs: Sequence[str]) -> Cell:
        left, right = CONTENT[column]
        if ALIGN[column] == "right":  # the amount: white-space nowrap (it may overflow its cell)
            return [[collapse(p)] if collapse(p) else [] for p in paragraphs]
        measure = self.advance(face)
        return [wrap(collapse(p), right - left, measure) for p in paragraphs]

    def row(self, row: ListRow) -> Row:
        face = "serif-bold" if row.kind in ("total", "unit") else "serif"
        texts: tuple[Sequence[str], ...] = (
            (row.code,), (row.name,), (row.amount,), row.goals, row.indicators)
        return Row(face == "serif-bold", tuple(self._cell(face, i, t) for i, t in enumerate(texts)))

    # pages -----------------------------------------------------------------------------------------
    def _rect(self, x0: float, top: float, x1: float, bottom: float) -> None:
        self.canvas.rect(x0, PAGE_H - bottom, x1 - x0, bottom - top, stroke=0, fill=1)

    def _text(self, face: str, size: float, x: float, baseline: float, text: str, align: str) -> None:
        c = self.canvas
        c.setFont(self.faces[face].name, size)
        draw = {"left": c.drawString, "center": c.drawCentredString, "right": c.drawRightString}[align]
        draw(x, PAGE_H - baseline, text)

    def _line_x(self, column: int) -> float:
        left, right = CONTENT[column]
        return {"left": left, "center": (left + right) / 2, "right": right}[ALIGN[column]]

    def new_page(self) -> None:
        if self.page:
            self._close_page()
        self.page += 1
        self.y = TOP
        if self.page == 1:
            self._title()
        self.table_top = self.y
        self._header()

    def _title(self) -> None:
        sans, serif = self.faces["sans-bold"], self.faces["serif"]
        width = PAGE_W - LEFT - RIGHT
        for line in wrap(collapse(self.title), width, self.advance("sans-bold", 16)):
            self._text("sans-bold", 16, PAGE_W / 2, self.y + sans.baseline(16, 21.6), line, "center")
            self.y += 21.6
        self.y += 4  # h1 margin-bottom
        self._text("serif", 9, PAGE_W - RIGHT, self.y + serif.baseline(9, 12.15), NOTE, "right")
        self.y += 12.15 + 2  # .note line and margin-bottom

    def _header(self) -> None:
        measure = self.advance("sans-bold")
        cells = [wrap(text, right - left, measure)
                 for text, (left, right) in zip(LIST_HEADER, CONTENT, strict=True)]
        lines = max(len(c) for c in cells)
        height = RULE + 2 * PAD_V + lines * LEADING + RULE
        self.canvas.setFillGray(HEADER_GREY)
        self._rect(EDGES[0][0], self.y, EDGES[-1][1], self.y + height)
        self.canvas.setFillGray(0)
        self._rect(EDGES[0][0], self.y, EDGES[-1][1], self.y + RULE)
        baseline = self.faces["sans-bold"].baseline(SIZE, LEADING)
        for (left, right), cell in zip(CONTENT, cells, strict=True):
            # vertical-align: middle
            top = self.y + RULE + PAD_V + (lines - len(cell)) * LEADING / 2 + baseline
            for j, line in enumerate(cell):
                self._text("sans-bold", SIZE, (left + right) / 2, top + j * LEADING, line, "center")
        self.y += height
        self._rect(EDGES[0][0], self.y - RULE, EDGES[-1][1], self.y)

    def _close_page(self) -> None:
        """The vertical rules from the header's top to the last row, the page number; next page."""
        for i, (left, right) in enumerate(EDGES):
            if i == 0:
                self._rect(left, self.table_top, left + RULE, self.y)
            self._rect(right - RULE, self.table_top, right, self.y)
        serif = self.faces["serif"]
        normal = (serif.ascent + serif.descent) * 9  # the margin box's line-height: normal
        baseline = PAGE_H - BOTTOM + (BOTTOM - normal) / 2 + serif.ascent * 9
        self._text("serif", 9, PAGE_W / 2, baseline, f"第 {self.page} 页", "center")
        self.canvas.showPage()

    def _draw(self, row: Row, cells: Sequence[list[str]], height: float) -> None:
        face = "serif-bold" if row.bold else "serif"
        baseline = self.y + PAD_V + self.faces[face].baseline(SIZE, LEADING)
        for column, lines in enumerate(cells):
            x, align = self._line_x(column), ALIGN[column]
            for j, line in enumerate(lines):
                if align == "right" and self.advance(face)(line) > CONTENT[column][1] - CONTENT[column][0]:
                    # a line wider than its box starts at the box's start edge and overflows the end
                    self._text(face, SIZE, CONTENT[column][0], baseline + j * LEADING, line, "left")
                else:
                    self._text(face, SIZE, x, baseline + j * LEADING, line, align)
        self.y += height
        self._rect(EDGES[0][0], self.y - RULE, EDGES[-1][1], self.y)

    def place(self, row: Row) -> None:
        """Draw ``row``, split over as many pages as it needs."""
        cells = [list(c) for c in row.cells]
        fresh = False  # on a page that has only its header (then something must go on it)
        while True:
            needed = max(sum(len(p) for p in c) for c in cells)
            height = 2 * PAD_V + RULE + needed * LEADING
            bottom = PAGE_H - BOTTOM
            if self.y + height <= bottom + EPS:
                self._draw(row, [[line for p in c for line in p] for c in cells], height)
                return
            room = math.floor((bottom - self.y - 2 * PAD_V - RULE) / LEADING + EPS)
            pieces = [_split(c, room, strict=not fresh) for c in cells]
            if all(not first for first, _ in pieces):
                self.new_page()
                fresh = True
                continue
            self._draw(row, [first for first, _ in pieces], bottom - self.y)
            cells = [rest for _, rest in pieces]
            self.new_page()
            fresh = True

    def finish(self) -> bytes:
        self._close_page()
        self.canvas.save()
        return self.out.getvalue()


def _split(cell: Cell, room: int, strict: bool = True) -> tuple[list[str], Cell]:
    """The lines of ``cell`` that go on this page (at most ``room``, no paragraph leaving fewer than
    two lines on either side unless not ``strict``) and the paragraphs left for the next."""
    first: list[str] = []
    for index, lines in enumerate(cell):
        if len(first) + len(lines) <= room:
            first += lines
            continue
        take = min(room - len(first), len(lines) - 2) if strict else room - len(first)
        if take >= (2 if strict else 1):
            return first + lines[:take], [lines[take:], *cell[index + 1:]]
        return first, cell[index:]
    return first, []


def _advance(name: str) -> Callable[[str], float]:
    """Width of a string in ems (advance widths of face ``name``), memoised per character."""
    from reportlab.pdfbase import pdfmetrics

    font = pdfmetrics.getFont(name)
    widths: dict[str, float] = {}

    def measure(text: str) -> float:
        total = 0.0
        for char in text:
            width = widths.get(char)
            if width is None:
                width = widths[char] = font.stringWidth(char, 1.0)
            total += width
        return total

    return measure


def write_list_pdf(rows: Sequence[ListRow], title: str, progress: bool) -> bytes | None:
    """The list PDF, or None when a character has no glyph in the Noto CJK faces (WeasyPrint then
    draws it with a fallback font) or the faces are not installed."""
    try:
        faces = pdf_fonts.register(document_text(rows, title))
    except pdf_fonts.FontMissing:
        return None  # WeasyPrint lays it out with whatever fonts fontconfig offers
    if faces is None:
        return None
    try:
        setter = Typesetter(faces, title)
        setter.new_page()
        for row in tqdm(rows, desc="pdf", unit="row", file=sys.stderr, disable=not progress, leave=True):
            setter.place(setter.row(row))
        return setter.finish()
    finally:
        pdf_fonts.unregister(faces)
