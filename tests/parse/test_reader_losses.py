"""What a reader could not read reaches the Document as unparsed entries, never silently."""

from jixiao.model.location import Location
from jixiao.parse.registry import parse_source
from jixiao.readers.base import Cell, Paragraph, Source


def test_losses_become_unparsed_entries() -> None:
    source = Source("scan.pdf", "pdf", [Paragraph(Cell("门源县总工会", Location("scan.pdf", page=1)))])
    source.losses.append("page 2: no text layer (a scanned image?)")
    doc = parse_source(source)
    reasons = [u.reason for u in doc.unparsed]
    assert "not read: page 2: no text layer (a scanned image?)" in reasons


def test_no_losses_no_entries() -> None:
    doc = parse_source(Source("x.txt", "text", [Paragraph(Cell("门源县总工会", Location("x.txt", line=1)))]))
    assert not any(u.reason.startswith("not read") for u in doc.unparsed)
