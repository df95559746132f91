"""Exporters never raise on whatever text a parse may leave in a Document (control characters from
PDF/Word text, markup, huge numbers), and the open-data formats always read back to the same data."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from decimal import Decimal

from export_samples import essence, sample_document
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jixiao.export import export_bytes
from jixiao.export.open_data import document_from_rows
from jixiao.model import Document, Goal, Indicator, Project, Unit, ValueKind

_text = st.text(st.characters(exclude_categories=("Cs",)), max_size=25)
_name = _text.filter(lambda t: t.strip() != "")
_amount = st.none() | st.decimals(allow_nan=False, allow_infinity=False, places=2, min_value=-10**9,
                                  max_value=10**9)


@st.composite
def _indicator(draw: st.DrawFn) -> Indicator:
    kind = draw(st.sampled_from(list(ValueKind)))
    value: Decimal | dt.date | str | None
    if kind in (ValueKind.NUMBER, ValueKind.PERCENT):
        value = draw(st.none() | st.decimals(allow_nan=False, allow_infinity=False, places=3))
    elif kind is ValueKind.DATE:
        value = draw(st.none() | st.dates())
    else:  # flat data cannot tell an empty value from a missing one: texts are never empty here
        value = draw(st.none() | _name)
    return Indicator(draw(st.none() | _name), draw(st.none() | _name), draw(_text),
                     draw(st.sampled_from(["≥", "≤", "=", ">", "<", "定性", ""])), value, kind,
                     draw(st.none() | _name), draw(_text))


@st.composite
def documents(draw: st.DrawFn) -> Document:
    units = [Unit(draw(_name), draw(_text), draw(_amount)) for _ in range(draw(st.integers(0, 2)))]
    codes = [u.code for u in units] + [None]
    projects = [
        Project(str(n), draw(_text), draw(_amount), draw(st.sampled_from(codes)),
                [Goal(t) for t in draw(st.lists(_name, max_size=2))],
                draw(st.lists(_indicator(), max_size=4)))
        for n in range(1, draw(st.integers(0, 3)) + 1)
    ]
    return Document(title=draw(st.none() | _text), year=draw(st.none() | st.integers(1990, 2100)),
                    total=draw(_amount), units=units, projects=projects)


_settings = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@_settings
@given(documents())
def test_xlsx_and_html_never_raise(doc: Document) -> None:
    findings = [{"rule": "X001", "severity": "error", "message": "\x00<b>", "project": "1"}]
    for fmt in ("xlsx", "html"):
        for layout in ("list", "grid", "findings"):
            assert export_bytes(doc, fmt, layout, findings=findings)


@_settings
@given(documents())
def test_open_data_round_trips(doc: Document) -> None:
    rows = list(csv.DictReader(io.StringIO(export_bytes(doc, "csv").decode("utf-8-sig"), newline="")))
    # units whose code repeats collapse to the first: compare against that
    seen: set[str] = set()
    doc.units = [u for u in doc.units if not (u.code in seen or seen.add(u.code))]
    assert essence(document_from_rows(rows)) == essence(doc)
    assert essence(document_from_rows(json.loads(export_bytes(doc, "json", "flat")))) == essence(doc)


def test_control_characters_reach_every_format() -> None:
    doc = sample_document()
    doc.projects[0].name = "学生\x0c资助\x00"
    for fmt, layout in (("xlsx", "list"), ("xlsx", "grid"), ("html", "list"), ("pdf", "list"),
                        ("csv", "flat"), ("json", "document")):
        assert export_bytes(doc, fmt, layout)
    import openpyxl

    ws = openpyxl.load_workbook(io.BytesIO(export_bytes(doc, "xlsx", "list"))).worksheets[0]
    assert ws["B7"].value == "学生 资助\ufffd"  # form feed -> space, NUL -> U+FFFD: nothing silently gone
