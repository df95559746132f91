"""Lay out merged cells on a rectangular grid, the same way for every reader.

Convention (documented in docs/formats.md): a merged cell's text sits at its top-left position with
``rowspan``/``colspan`` set; every other position it covers holds an empty Cell with
``rowspan == colspan == 0`` ("covered"), so column indices line up row after row.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from jixiao.model.location import Location
from jixiao.readers.base import Cell
from jixiao.readers.limits import MAX_COLUMNS

#: (row, column) -> the Location of that grid position.
LocateFn = Callable[[int, int], Location]


@dataclass(slots=True)
class RawCell:
    """A cell as a markup format states it: text plus its spans, column unknown yet."""

    text: str
    rowspan: int = 1
    colspan: int = 1
    line: int | None = None  # the source line of the markup, when the format has lines (HTML)


def is_covered(cell: Cell) -> bool:
    return cell.rowspan == 0 and cell.colspan == 0


def expand(rows: Sequence[Sequence[RawCell]], locate: LocateFn) -> list[list[Cell]]:
    """Place ``rows`` of RawCells (HTML/DOCX style: covered positions omitted) on a full grid.

    A position a rowspan covers but that the markup leaves short (a ragged row) is still filled, so
    column indices always match positions."""
    pending: dict[int, set[int]] = {}  # row -> columns covered by a rowspan from above
    out: list[list[Cell]] = []
    for r, raw_row in enumerate(rows):
        covered = pending.pop(r, set())
        row: list[Cell] = []
        c = 0
        for raw in raw_row:
            while c in covered:
                row.append(Cell("", locate(r, c), 0, 0))
                c += 1
            if c >= MAX_COLUMNS:
                break
            rs = max(1, min(raw.rowspan, len(rows) - r))  # a span past the last row is cut
            cs = max(1, min(raw.colspan, MAX_COLUMNS - c))
            where = locate(r, c)
            if raw.line is not None:
                where = replace(where, line=raw.line)
            row.append(Cell(raw.text, where, rs, cs))
            for dc in range(1, cs):
                row.append(Cell("", locate(r, c + dc), 0, 0))
            for dr in range(1, rs):
                pending.setdefault(r + dr, set()).update(range(c, c + cs))
            c += cs
        last = max(covered, default=-1)
        while c <= last:  # covered positions right of the last cell the markup gives
            row.append(Cell("", locate(r, c), 0, 0) if c in covered else Cell("", locate(r, c)))
            c += 1
        out.append(row)
    return out


def pad_for_merges(
    rows: list[list[Cell]], merges: Sequence[tuple[int, int, int, int]], source: str, sheet: str
) -> None:
    """Make every position a sheet's merges touch exist (as empty cells, at most :data:`MAX_COLUMNS`
    wide), so :func:`apply_merges` can mark it. A spreadsheet row stops at its last filled cell."""
    for r0, _c0, r1, c1 in merges:
        for r in range(r0, min(r1, len(rows) - 1) + 1):
            row = rows[r]
            for c in range(len(row), min(c1, MAX_COLUMNS - 1) + 1):
                row.append(Cell("", Location(source=source, sheet=sheet, row=r + 1, column=c + 1)))


def apply_merges(grid: list[list[Cell]], merges: Sequence[tuple[int, int, int, int]]) -> list[list[Cell]]:
    """Mark merges on a grid that already has every position (spreadsheets): ``(r0, c0, r1, c1)``
    inclusive, zero-based. The top-left keeps its text and gets the spans; the rest become covered."""
    for r0, c0, r1, c1 in merges:
        for r in range(r0, min(r1, len(grid) - 1) + 1):
            row = grid[r]
            for c in range(c0, min(c1, len(row) - 1) + 1):
                if (r, c) == (r0, c0):
                    row[c].rowspan, row[c].colspan = r1 - r0 + 1, c1 - c0 + 1
                else:
                    row[c].text, row[c].rowspan, row[c].colspan = "", 0, 0
    return grid
