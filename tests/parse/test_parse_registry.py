"""The layout registry: scoring on a preview, the fallback that keeps everything."""

import gc

from jixiao.model import Location
from jixiao.parse.registry import PREVIEW_ROWS, parse_source, preview
from jixiao.readers.base import Cell, Paragraph, Source, Table


def _cell(text: str, line: int) -> Cell:
    return Cell(text, Location("x", line=line))


def test_preview_cuts_tables_and_keeps_short_sources_whole() -> None:
    rows = [[_cell(str(i), i)] for i in range(PREVIEW_ROWS + 50)]
    source = Source("x", "text", [Paragraph(_cell("title", 0)), Table(rows, "t")])
    head = preview(source)
    assert sum(1 for _ in head.rows()) == PREVIEW_ROWS
    assert sum(1 for _ in source.rows()) == PREVIEW_ROWS + 51  # the original is untouched
    small = Source("y", "text", [Table(rows[:3])])
    assert preview(small) is small


def test_unclaimed_source_keeps_every_cell() -> None:
    source = Source("x", "text", [Paragraph(_cell("随便", 1)), Table([[_cell("a", 2), _cell(" ", 2)]])])
    doc = parse_source(source)
    assert doc.layout is None
    assert [(u.text, u.reason) for u in doc.unparsed] == [
        ("随便", "no known layout"), ("a", "no known layout")]


def test_the_collector_resumes_after_parsing_and_stays_off_if_it_was() -> None:
    source = Source("x", "text", [Paragraph(_cell("随便", 1))])
    assert gc.isenabled()
    parse_source(source)
    assert gc.isenabled()
    gc.disable()
    try:
        parse_source(source)
        assert not gc.isenabled()
    finally:
        gc.enable()
