"""Rows of a Source as the grid and self-evaluation layouts see them, and their label vocabulary.

A :class:`Row` keeps the reader's cells and a compact *key* per cell: whitespace removed (labels such
as "绩 效 指 标" or "经济效益 指标" are written with spaces), full-width brackets and colons made
ASCII, a trailing colon dropped. A paragraph that is a pipe-separated row ("项目名称 | 主体班 | …", as
page copies of tables give them) is split into cells.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from jixiao.parse.label_variants import fold
from jixiao.readers.base import Cell, Paragraph, Source, Table

_SPACE = re.compile(r"\s+")
_BRACKETS = str.maketrans({"（": "(", "）": ")", "：": ":", "【": "(", "】": ")"})
_UNIT_NOTE = re.compile(r"\((万元|元|千元|亿元)\)")


def key(text: str) -> str:
    """The compact form of a label: no whitespace, ASCII brackets and colons, no trailing colon."""
    return fold(_SPACE.sub("", text).translate(_BRACKETS).rstrip(":"))


def money_unit(text: str) -> str | None:
    """ "万元" from "项目资金 (万元)"; None when the label names no unit."""
    m = _UNIT_NOTE.search(key(text))
    return m.group(1) if m else None


def bare(text: str) -> str:
    """A label without its parenthetical notes and a leading 其中: ("其中:财政拨款" -> "财政拨款")."""
    k = re.sub(r"\([^)]*\)", "", key(text))
    return re.sub(r"^其中:?", "", k)


@dataclass(slots=True)
class Row:
    cells: list[Cell]
    texts: list[str]
    keys: list[str]
    prose: bool = False  # a paragraph outside any table (not a pipe-separated row)
    piped: bool = False  # split from a pipe-separated paragraph: cell positions are unreliable

    def first(self) -> int | None:
        """Index of the first non-empty cell."""
        return next((i for i, t in enumerate(self.texts) if t), None)

    def filled(self) -> list[int]:
        return [i for i, t in enumerate(self.texts) if t]


def _pipe_cells(cell: Cell) -> list[Cell]:
    parts = cell.text.split("|")
    return [Cell(p.strip(), cell.location) for p in parts]


def make_row(cells: list[Cell]) -> Row:
    texts = [c.text.strip() for c in cells]
    return Row(cells, texts, [key(t) for t in texts])


def source_rows(source: Source) -> list[Row]:
    """Every row of ``source`` in document order; pipe-separated paragraphs split into cells."""
    rows: list[Row] = []
    for block in source.blocks:
        if isinstance(block, Paragraph):
            cell = block.cell
            if not cell.text.replace("|", "").strip():  # an empty row of a pipe copy
                rows.append(make_row([Cell("", cell.location)]))
            elif cell.text.count("|") >= 2:
                row = make_row(_pipe_cells(cell))
                row.piped = True
                rows.append(row)
            else:
                row = make_row([cell])
                row.prose = True
                rows.append(row)
        elif isinstance(block, Table):
            rows.extend(make_row(r) for r in block.rows)
    for row in rows:  # a one-cell row made by a paragraph keeps its text as is
        while row.texts and not row.texts[-1] and len(row.texts) > 1:
            row.texts.pop()
            row.keys.pop()
            row.cells.pop()
    return rows


#: Labels that end the indicator rows of a block.
TERMINATORS = (
    "合计",
    "总分",
    "其他需要说明事项",
    "其他需要说明的事项",
    "评价结论",
    "存在问题",
    "改进措施",
    "项目负责人",
    "财务负责人",
    "填报人",
    "填表人",
    "审核人",
    "联系电话",
    "说明",
    "备注",
)


def is_terminator(row: Row) -> bool:
    if row.prose:  # text after the table
        return True
    i = row.first()
    if i is None:
        return False
    k = bare(row.texts[i])
    return k in TERMINATORS or "盖章" in key(row.texts[i]) or k.startswith(("填报说明", "注:", "注1"))
