"""Round trip: export, then read and parse with jixiao's own readers -> the same Document (units,
projects, amounts, indicator tuples, goals)."""

from __future__ import annotations

import re

import pytest
from export_samples import essence, goal_texts, many_projects, sample_document

from jixiao import services
from jixiao.export import export_bytes
from jixiao.export.sections import grid_units
from jixiao.model import Document
from jixiao.parse.registry import layouts


def _has_layout(name: str) -> bool:
    return any(spec.name == name for spec in layouts())


def _round_trip(doc: Document, fmt: str, layout: str) -> Document:
    return services.parse_bytes(export_bytes(doc, fmt, layout), f"export.{fmt}")


@pytest.mark.parametrize("fmt", ["xlsx", "html", "pdf"])
@pytest.mark.parametrize("which", ["seed", "sample", "generated"])
def test_list_layout_round_trip(fmt: str, which: str, seed_doc: Document) -> None:
    doc = {"seed": seed_doc, "sample": sample_document(), "generated": many_projects(25, 6)}[which]
    back = _round_trip(doc, fmt, "list")
    assert back.layout == "list"
    assert essence(back) == essence(doc)
    assert goal_texts(back, squeeze=fmt == "pdf") == goal_texts(doc, squeeze=fmt == "pdf")
    assert (back.title, back.year) == (doc.title, doc.year)
    assert [u.parent for u in back.units] == [u.parent for u in doc.units]
    # the only text left over: the "金额单位：万元" note above the table and the PDF page footers
    leftover = [u.text for u in back.unparsed if not re.fullmatch(r"第\s*\d+\s*页", u.text.strip())]
    assert leftover in ([], ["金额单位：万元"])


def _levels(doc: Document) -> list[list[tuple[str | None, str | None]]]:
    return [[(i.level1, i.level2) for i in p.indicators] for p in doc.projects]


def _values(doc: Document) -> list[list[tuple[object, ...]]]:
    return [[(i.name, i.operator, i.value, i.value_kind, i.unit) for i in p.indicators] for p in doc.projects]


@pytest.mark.skipif(not _has_layout("grid"), reason="the grid layout parser has not landed")
@pytest.mark.parametrize("fmt", ["xlsx", "html", "pdf"])
def test_grid_layout_round_trip(fmt: str, seed_doc: Document) -> None:
    """Every project, amount, goal, indicator value and level name comes back (成本指标 stays a
    level 2 under 产出指标, as the MOF2015 form has it)."""
    for doc in (seed_doc, sample_document()):
        back = _round_trip(doc, fmt, "grid")
        assert back.layout == "grid" and back.year == doc.year
        assert [(p.name, p.amount) for p in back.projects] == [(p.name, p.amount) for p in doc.projects]
        assert _values(back) == _values(doc)
        assert _levels(back) == _levels(doc)
        assert goal_texts(back, squeeze=True) == goal_texts(doc, squeeze=True)
        assert [(p.department, p.implementer) for p in back.projects] == [
            grid_units(doc, p) for p in doc.projects]  # the form fills them from the units


@pytest.mark.skipif(not _has_layout("grid"), reason="the grid layout parser has not landed")
@pytest.mark.parametrize("fmt", ["xlsx", "html", "pdf"])
def test_findings_report_round_trip(fmt: str, seed_doc: Document) -> None:
    """The report's project forms parse back to the document; its findings table stays as text."""
    findings = services.review_findings(seed_doc)
    assert findings
    back = services.parse_bytes(export_bytes(seed_doc, fmt, "findings", findings=findings), f"r.{fmt}")
    assert [(p.name, p.amount) for p in back.projects] == [(p.name, p.amount) for p in seed_doc.projects]
    assert _values(back) == _values(seed_doc)
    kept = "".join("".join(u.text.split()) for u in back.unparsed)
    assert all("".join(str(f["message"]).split()) in kept for f in findings)  # nothing vanished
