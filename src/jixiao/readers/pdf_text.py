"""Characters of a PDF page -> cell texts and text lines.

pdfplumber finds the table grid; this module assigns characters to its cells (by the character's
centre, as pdfplumber does) and decides, line by line, whether a line break inside a cell is a soft
wrap (the line ran to the cell's right edge: join it to the next) or a real break (keep ``\\n``).
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Sequence
from typing import Any

from jixiao.readers.glyphs import fix_radicals

Char = dict[str, Any]
BBox = tuple[float, float, float, float]

#: Horizontal gap (points) between characters that counts as a space, as pdfplumber's x_tolerance.
X_TOLERANCE = 3.0


def _is_cjk(ch: str) -> bool:
    return bool(ch) and ("\u2e80" <= ch <= "\u9fff" or "\uf900" <= ch <= "\uffef" or ch in "，。、；：）（")


def group_lines(chars: Sequence[Char]) -> list[list[Char]]:
    """Characters grouped into lines (top to bottom, left to right)."""
    lines: list[list[Char]] = []
    for ch in sorted(chars, key=lambda c: (round(c["top"]), c["x0"])):
        if lines:
            last = lines[-1]
            size = float(last[0].get("size") or 10)
            if abs(ch["top"] - last[0]["top"]) <= size * 0.5:
                last.append(ch)
                continue
        lines.append([ch])
    for line in lines:
        line.sort(key=lambda c: c["x0"])
    return lines


def line_text(line: Sequence[Char]) -> str:
    parts: list[str] = []
    prev: Char | None = None
    for ch in line:
        if prev is not None and ch["x0"] - prev["x1"] > X_TOLERANCE and not parts[-1].endswith(" "):
            parts.append(" ")
        parts.append(fix_radicals(str(ch["text"])))
        prev = ch
    return "".join(parts).strip()


_CLOSING = set(")）]】」』》〉，。、；：:;,.!！?？%‰")


def _first_chunk(line: Sequence[Char]) -> float:
    """Width of what a line breaker could not have split off the start of ``line``: leading Latin
    letters/digits/opening brackets, then one CJK character, then closing punctuation."""
    end = 0
    while end < len(line) and not _is_cjk(str(line[end]["text"])) and str(line[end]["text"]).strip():
        end += 1
    if end < len(line) and _is_cjk(str(line[end]["text"])) and str(line[end]["text"]) not in _CLOSING:
        end += 1
    while end < len(line) and str(line[end]["text"]) in _CLOSING:
        end += 1
    end = max(end, 1)
    return float(line[end - 1]["x1"] - line[0]["x0"])


def cell_text(chars: Sequence[Char], bbox: BBox) -> str:
    """Text of one cell; soft-wrapped lines are joined (no space between CJK characters)."""
    lines = [ln for ln in group_lines(chars) if line_text(ln)]
    if not lines:
        return ""
    x0, _top, x1, _bottom = bbox
    pad = max(0.0, min(ln[0]["x0"] - x0 for ln in lines))
    out = line_text(lines[0])
    for prev, line in itertools.pairwise(lines):
        size = float(prev[-1].get("size") or 10)
        gap = 0.0 if _is_cjk(str(line[0]["text"])) else 0.25 * size  # a space the wrap swallowed
        soft = prev[-1]["x1"] + gap + _first_chunk(line) > x1 - pad - 0.5
        text = line_text(line)
        if not soft:
            out += "\n" + text
        elif _is_cjk(out[-1:]) or _is_cjk(text[:1]) or out.endswith(("-", "/")):
            out += text
        else:
            out += " " + text
    return out


class CharIndex:
    """Page characters sorted by vertical centre, for fast per-row lookup."""

    def __init__(self, chars: Sequence[Char]) -> None:
        self.chars = sorted(chars, key=lambda c: (c["top"] + c["bottom"]) / 2)
        self.keys = [(c["top"] + c["bottom"]) / 2 for c in self.chars]

    def band(self, top: float, bottom: float) -> list[Char]:
        lo = bisect.bisect_left(self.keys, top)
        hi = bisect.bisect_right(self.keys, bottom)
        return self.chars[lo:hi]


def row_texts(index: CharIndex, cells: Sequence[BBox | None]) -> list[str | None]:
    """Texts of the cells of one table row (None where pdfplumber reports a covered position)."""
    real = [c for c in cells if c is not None]
    if not real:
        return [None for _ in cells]
    top = min(c[1] for c in real)
    bottom = max(c[3] for c in real)
    buckets: list[list[Char]] = [[] for _ in cells]
    for ch in index.band(top, bottom):
        cx = (ch["x0"] + ch["x1"]) / 2
        cy = (ch["top"] + ch["bottom"]) / 2
        for i, cell in enumerate(cells):
            if cell is not None and cell[0] <= cx < cell[2] and cell[1] <= cy < cell[3]:
                buckets[i].append(ch)
                break
    return [None if cell is None else cell_text(b, cell) for cell, b in zip(cells, buckets, strict=True)]


def outside(chars: Sequence[Char], boxes: Sequence[BBox]) -> list[Char]:
    """Characters whose centre lies in none of ``boxes``."""

    def inside(ch: Char) -> bool:
        cx = (ch["x0"] + ch["x1"]) / 2
        cy = (ch["top"] + ch["bottom"]) / 2
        return any(b[0] <= cx <= b[2] and b[1] <= cy <= b[3] for b in boxes)

    return [ch for ch in chars if not inside(ch)]
