"""Layout recognisers: Source -> Document. Same registry pattern as readers and rules.

Each layout scores a Source (0 = not mine, 1 = certainly mine); the best one parses it. When no
layout claims the Source, every row is kept verbatim in ``Document.unparsed`` — never dropped.

Scoring sees a preview: the first :data:`PREVIEW_ROWS` rows (a layout shows itself in its headers,
and scoring every row of a 5,000-project table cost more than parsing it).
"""

from __future__ import annotations

import gc
import importlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from jixiao.model.document import Document, Unparsed
from jixiao.model.location import Location
from jixiao.readers.base import Block, Paragraph, Source, Table

ScoreFn = Callable[[Source], float]
ParseFn = Callable[[Source], Document]


@dataclass(frozen=True, slots=True)
class LayoutSpec:
    name: str
    score: ScoreFn
    parse: ParseFn


_LAYOUTS: dict[str, LayoutSpec] = {}

#: Modules that register layouts (imported on first use).
LAYOUT_MODULES = ("list_layout", "grid_layout", "selfeval_layout")


def layout(name: str, score: ScoreFn) -> Callable[[ParseFn], ParseFn]:
    def decorate(fn: ParseFn) -> ParseFn:
        if name in _LAYOUTS:
            raise RuntimeError(f"duplicate layout name: {name}")
        _LAYOUTS[name] = LayoutSpec(name, score, fn)
        return fn

    return decorate


def layouts() -> list[LayoutSpec]:
    for module in LAYOUT_MODULES:
        try:
            importlib.import_module(f"jixiao.parse.{module}")
        except ModuleNotFoundError as exc:
            if exc.name and exc.name.startswith("jixiao.parse."):
                continue
            raise
    return sorted(_LAYOUTS.values(), key=lambda s: s.name)


#: Rows a layout's score() sees.
PREVIEW_ROWS = 600


def preview(source: Source, rows: int = PREVIEW_ROWS) -> Source:
    """``source`` cut to its first ``rows`` rows (a paragraph is one row); ``source`` itself if shorter."""
    blocks: list[Block] = []
    left = rows
    for block in source.blocks:
        if left <= 0:
            break
        if isinstance(block, Paragraph):
            blocks.append(block)
            left -= 1
        else:
            blocks.append(block if len(block.rows) <= left else Table(block.rows[:left], block.name))
            left -= len(block.rows)
    if left > 0:
        return source
    return Source(source.name, source.format, blocks, source.text, list(source.notes))


@contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Pause the cyclic garbage collector while a document is built: parsing allocates hundreds of
    thousands of small acyclic objects, and repeated full collections over them cost a third of
    the parse time. Reference counting still frees everything; the collector resumes afterwards."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def parse_source(source: Source) -> Document:
    """Recognise the layout of ``source`` and parse it; unknown layouts keep all text as unparsed."""
    with _no_cycle_collection():
        return _parse_source(source)


def _parse_source(source: Source) -> Document:
    doc = _recognise(source)
    for loss in source.losses:
        doc.unparsed.append(Unparsed("", Location(source.name), f"not read: {loss}"))
    return doc


def _indicators(doc: Document) -> int:
    return sum(len(p.indicators) for p in doc.projects)


def _recognise(source: Source) -> Document:
    """The best-scoring layout's document when the reader found real tables (cells it could see);
    otherwise, and whenever no layout claims the source, the stream recogniser reads the text as
    published pages render it (lost rows, flattened cells, shifted columns: damage the table
    layouts cannot undo). The clean list layout keeps its own parser (and never imports the stream
    recogniser, a tenth of a second of a ``jixiao check`` start)."""
    head = preview(source)
    scored = [(spec.score(head), spec.name, spec) for spec in layouts()]
    scored = [s for s in scored if s[0] > 0]
    doc: Document | None = None
    if scored:
        best = max(scored, key=lambda s: (s[0], s[1]))
        doc = best[2].parse(source)
        tabled = any(True for _ in source.tables())
        if best[1] == "list" or (tabled and _indicators(doc) > 0):
            return doc
    from jixiao.parse.stream import recognise_source

    stream = recognise_source(source)
    if _indicators(stream) > 0:
        return stream
    if doc is not None:
        return doc
    doc = Document(source=source.name, kind=stream.kind, year=stream.year, title=stream.title)
    for row in source.rows():
        for cell in row:
            if cell.text.strip():
                doc.unparsed.append(Unparsed(cell.text, cell.location, "no known layout"))
    return doc
