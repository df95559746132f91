"""Assign a run of cells to the columns of a repeating record template (Viterbi decoding).

The template is ``[name, c1, …, cm]``: an indicator's name followed by its columns (指标值, 度量单位,
实际完成值, 分值, 得分 …). Cells come in order but rows may be lost, cells may be missing and a column
may be left empty, so each cell either fills a later column of the current record, starts a new record
as its name, or is left over (kept as unparsed by the caller). The best-scoring path under
:func:`jixiao.parse.stream.celltypes.fit` wins: numbers land in 指标值 / 分值 / 得分 by their position
in the template, never by "the first number on the row".
"""

from __future__ import annotations

from dataclasses import dataclass, field

from jixiao.parse.stream.celltypes import DEFAULT_SKIP, SKIP, fit

_NEG = float("-inf")
#: leaving a cell out of every record
DROP_TEXT = -1.2
DROP_EMPTY = -0.01
#: a new record starting at the first cell of a row (rows are a hint, not a rule)
ROW_START_BONUS = 0.3


@dataclass(slots=True)
class Cell:
    text: str
    empty: bool = False
    row_start: bool = False


@dataclass(slots=True)
class Record:
    cells: dict[int, list[int]] = field(default_factory=dict)  # column -> cell indices


def _skip(columns: list[str], lo: int, hi: int) -> float:
    """Cost of leaving columns lo..hi-1 unfilled."""
    return sum(SKIP.get(columns[c].split(":")[0], DEFAULT_SKIP) for c in range(lo, hi))


def align(cells: list[Cell], columns: list[str]) -> tuple[list[Record], list[int]]:
    """Records (column -> cell indices) and the indices of cells left over."""
    m = len(columns)
    n = len(cells)
    if n == 0:
        return [], []
    # state -1: before the first record; state j: last filled column j of the current record
    states = range(-1, m)
    first_name = columns.index("name") if "name" in columns else 0
    best = {s: _NEG for s in states}
    best[-1] = 0.0
    back: list[dict[int, tuple[int, str]]] = []
    for cell in cells:
        new = {s: _NEG for s in states}
        ptr: dict[int, tuple[int, str]] = {}
        fits = [fit(col, cell.text, cell.empty) for col in columns]
        for s, score in best.items():
            if score == _NEG:
                continue
            # leave the cell out
            drop = score + (DROP_EMPTY if cell.empty else DROP_TEXT)
            if drop > new[s]:
                new[s], ptr[s] = drop, (s, "drop")
            # start a new record with this cell as its name (or as a level cell before the name)
            close = _skip(columns, s + 1, m) if s >= 0 else 0.0
            bonus = ROW_START_BONUS if cell.row_start else 0.0
            for j in range(first_name + 1):
                start = score + close + _skip(columns, 0, j) + fits[j] + bonus
                if start > new[j]:
                    new[j], ptr[j] = start, (s, "new")
            if s < 0:
                continue
            for j in range(s + 1, m):
                val = score + _skip(columns, s + 1, j) + fits[j] - (0.1 if cell.row_start else 0.0)
                if val > new[j]:
                    new[j], ptr[j] = val, (s, "fill")
        best = new
        back.append(ptr)
    end_scores = {s: (v + (_skip(columns, s + 1, m) if s >= 0 else 0.0)) for s, v in best.items()}
    state = max(end_scores, key=lambda s: end_scores[s])
    path: list[tuple[int, str]] = []
    for k in range(n - 1, -1, -1):
        prev, action = back[k][state]
        path.append((state, action))
        state = prev
    path.reverse()
    records: list[Record] = []
    leftover: list[int] = []
    for k, (st, action) in enumerate(path):
        if action == "drop":
            if not cells[k].empty:
                leftover.append(k)
            continue
        if action == "new":
            records.append(Record())
        records[-1].cells.setdefault(st, []).append(k)
    return records, leftover
