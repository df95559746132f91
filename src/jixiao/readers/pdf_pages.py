"""Join a table that runs over a page break back into one Table.

Two page tables are one table when nothing but page furniture (a page number, or a running head: a
line that was also on the previous page) lies between them and they have the same number of
columns. Rows at the top of the continuation that repeat the first table's header are dropped.
A row cut by the break (its short cells, like 序号 and 名称, are empty on the new page while its
long cells continue) is glued to the row above it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from jixiao.readers.base import Block, Cell, Paragraph, Table
from jixiao.readers.spans import is_covered

_PAGE_FURNITURE = re.compile(r"^[\s\-—–第页共/ofPage\d·.]*$", re.I)


@dataclass(slots=True)
class PageTable:
    rows: list[list[Cell]]
    page: int
    bbox: tuple[float, float, float, float]
    page_height: float


def _texts(row: list[Cell]) -> list[str]:
    return ["".join(c.text.split()) for c in row]


def _drop_repeated_header(first: list[list[Cell]], cont: list[list[Cell]]) -> list[list[Cell]]:
    n = 0
    while n < min(len(first), len(cont), 3) and _texts(first[n]) == _texts(cont[n]) and any(_texts(cont[n])):
        n += 1
    return cont[n:]


def _is_cut_row(above: list[Cell], row: list[Cell]) -> bool:
    """``row`` (first on a new page) is the rest of ``above`` (last on the previous page)."""
    if len(above) != len(row) or not row or row[0].text or not above[0].text:
        return False
    filled = [i for i, c in enumerate(row) if c.text]
    if not filled:
        return False
    # Every cell that continues must have been long above (wrapped over several lines) ...
    if any(not above[i].text or ("\n" not in above[i].text and len(above[i].text) < 20) for i in filled):
        return False
    # ... and some short cell above must have ended on the previous page.
    return any(above[i].text and not row[i].text and not is_covered(row[i]) for i in range(len(row)))


def _glue(above: list[Cell], row: list[Cell]) -> None:
    for a, b in zip(above, row, strict=True):
        if b.text:
            a.text = f"{a.text}\n{b.text}" if a.text else b.text


def join_pages(items: list[Paragraph | PageTable]) -> list[Block]:
    blocks: list[Block] = []
    current: PageTable | None = None  # the table that may continue on the next page
    pending: list[Paragraph] = []  # page furniture seen since ``current``
    seen: dict[str, int] = {}  # paragraph text -> last page it was on (running heads repeat)
    for item in items:
        if isinstance(item, Paragraph):
            text, page = item.cell.text, item.cell.location.page
            running = page is not None and seen.get(text) == page - 1
            if page is not None:
                seen[text] = page
            if current is not None and (_PAGE_FURNITURE.match(text) or running):
                pending.append(item)
                continue
            blocks.extend(pending)
            pending.clear()
            blocks.append(item)
            current = None
            continue
        ncols = len(item.rows[0]) if item.rows else 0
        if (
            current is not None
            and item.page == current.page + 1
            and current.rows
            and len(current.rows[0]) == ncols
        ):
            rows = _drop_repeated_header(current.rows, item.rows)
            if rows and current.rows and _is_cut_row(current.rows[-1], rows[0]):
                _glue(current.rows[-1], rows[0])
                rows = rows[1:]
            current.rows.extend(rows)
            current.page = item.page
            blocks.extend(pending)
            pending.clear()
            continue
        blocks.extend(pending)
        pending.clear()
        table = Table(rows=item.rows, name=f"page {item.page}")
        blocks.append(table)
        current = item
        item.rows = table.rows  # share the list so continuation rows land in the Table
    blocks.extend(pending)
    return blocks
