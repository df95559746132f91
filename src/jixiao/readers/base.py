"""What every reader produces: a :class:`Source` of blocks (tables and paragraphs) with provenance.

Readers know file formats, not the domain. Layout recognisers in :mod:`jixiao.parse` turn a Source
into a Document. A reader never raises on bad content it can partly read; it raises
:class:`UnreadableInput` (a one-line, user-facing message) only when nothing can be read at all.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from jixiao.model.location import Location


class UnreadableInput(Exception):
    """The input cannot be read at all. The message is one line, meant for the user (CLI exit 3)."""


@dataclass(slots=True)
class Cell:
    text: str
    location: Location
    rowspan: int = 1
    colspan: int = 1


@dataclass(slots=True)
class Table:
    """A grid of cells. Rows may have different lengths; merged cells are repeated or empty as the
    reader documents. ``name`` is the sheet name, page number or table index."""

    rows: list[list[Cell]]
    name: str | None = None


@dataclass(slots=True)
class Paragraph:
    """Text outside any table (a title line, a note)."""

    cell: Cell


Block = Table | Paragraph


@dataclass(slots=True)
class Source:
    """A read file: its blocks in document order, plus the reader's notes about what it skipped."""

    name: str
    format: str
    blocks: list[Block] = field(default_factory=list)
    text: str | None = None  # the decoded full text, for text-like formats
    notes: list[str] = field(default_factory=list)
    #: What the reader could not read (size limits, pages without a text layer): the parser reports
    #: each one in ``Document.unparsed`` so a loss is never silent.
    losses: list[str] = field(default_factory=list)

    def tables(self) -> Iterator[Table]:
        return (b for b in self.blocks if isinstance(b, Table))

    def rows(self) -> Iterator[list[Cell]]:
        """Every row in document order; a paragraph counts as a one-cell row."""
        for block in self.blocks:
            if isinstance(block, Paragraph):
                yield [block.cell]
            else:
                yield from block.rows
