"""CSV and JSON open data: one row per indicator, read back to an equal document; the document JSON
validates against the published schema."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal

import jsonschema
import pytest
from export_samples import essence, goal_texts

from jixiao.export import export_bytes
from jixiao.export.json_export import document_schema
from jixiao.export.open_data import COLUMNS, document_from_rows
from jixiao.model import Document
from jixiao.model.jsonify import document_from_dict, document_to_dict


def _csv_rows(data: bytes) -> list[dict[str, str]]:
    assert data.startswith(b"\xef\xbb\xbf")  # BOM: spreadsheet programs then read the UTF-8 right
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


@pytest.mark.parametrize("which", ["seed_doc", "sample_doc"])
def test_csv_round_trip(which: str, request: pytest.FixtureRequest) -> None:
    doc: Document = request.getfixturevalue(which)
    rows = _csv_rows(export_bytes(doc, "csv"))
    assert list(rows[0]) == list(COLUMNS)
    back = document_from_rows(rows)
    assert essence(back) == essence(doc)
    assert goal_texts(back) == goal_texts(doc)
    assert [(u.code, u.parent) for u in back.units] == [(u.code, u.parent) for u in doc.units]
    assert [(p.department, p.implementer) for p in back.projects] == [
        (p.department, p.implementer) for p in doc.projects]
    assert (back.title, back.year) == (doc.title, doc.year)


def test_csv_has_one_row_per_indicator(seed_doc: Document) -> None:
    rows = _csv_rows(export_bytes(seed_doc, "csv", "flat"))
    indicator_rows = [r for r in rows if r["indicator_no"]]
    assert len(indicator_rows) == sum(len(p.indicators) for p in seed_doc.projects) == 66
    first = indicator_rows[0]
    assert (first["project_name"], first["indicator"], first["value"], first["measure_unit"]) == (
        "环卫工人爱心早餐", "举办活动天数", "30", "天")
    assert first["unit_code"] == "003006" and first["document_total"] == "435.21"
    deadline = next(r for r in rows if r["project_seq"] == "2" and r["indicator"] == "工作完成时限")
    assert (deadline["value"], deadline["value_kind"]) == ("2021-12-28", "date")


def test_project_without_indicators_keeps_a_row(sample_doc: Document) -> None:
    rows = _csv_rows(export_bytes(sample_doc, "csv"))
    assert [r["indicator_no"] for r in rows if r["project_seq"] == "2"] == [""]


def test_json_flat_round_trip(sample_doc: Document) -> None:
    rows = json.loads(export_bytes(sample_doc, "json", "flat"))
    assert len(rows) == 2 + 8 + 1  # two unit rows, eight indicators, one project without any
    assert essence(document_from_rows(rows)) == essence(sample_doc)


@pytest.mark.parametrize("which", ["seed_doc", "sample_doc"])
def test_json_document_round_trip_and_schema(which: str, request: pytest.FixtureRequest) -> None:
    doc: Document = request.getfixturevalue(which)
    data = json.loads(export_bytes(doc, "out.json"))
    jsonschema.validate(data, document_schema())
    back = document_from_dict(data)
    assert essence(back) == essence(doc) and goal_texts(back) == goal_texts(doc)
    assert document_to_dict(back) == data  # goal labels/commitments are the parser's to recompute


def test_schema_covers_what_the_recogniser_was_unsure_of(sample_doc: Document) -> None:
    """partial, repairs (document and indicator), indicator extra columns and project confidence."""
    sample_doc.partial, sample_doc.repairs = "第 3 页第 12 行", ["繁体字转为简体 (412 字)"]
    project = sample_doc.projects[0]
    project.confidence = Decimal("0.6")
    project.indicators[0].repairs = ["≧ 读作 ≥"]
    project.indicators[0].extra = {"优": "≥30天", "年初指标值": "30"}
    data = json.loads(export_bytes(sample_doc, "json"))
    jsonschema.validate(data, document_schema())
    assert document_to_dict(document_from_dict(data)) == data
    assert (data["partial"], data["projects"][0]["confidence"]) == ("第 3 页第 12 行", "0.6")
    assert data["projects"][0]["indicators"][0]["extra"] == {"优": "≥30天", "年初指标值": "30"}
    data["projects"][0]["confidence"] = 0.6  # a float, like an amount, is refused
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, document_schema())


def test_schema_rejects_float_amounts(sample_doc: Document) -> None:
    data = json.loads(export_bytes(sample_doc, "json"))
    data["projects"][0]["amount"] = 120.5
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, document_schema())


def test_published_schema_matches_package_copy() -> None:
    from pathlib import Path

    docs_copy = Path(__file__).resolve().parents[2] / "docs" / "schema" / "document.schema.json"
    assert json.loads(docs_copy.read_text("utf-8")) == document_schema()


def test_findings_as_csv_and_json(sample_doc: Document) -> None:
    findings = [{"rule": "TIM001", "name": "x", "severity": "error", "message": "m", "project": "1",
                 "location": {"source": "a.txt", "line": 3}}]
    rows = _csv_rows(export_bytes(sample_doc, "csv", "findings", findings=findings))
    assert rows[0]["rule"] == "TIM001" and json.loads(rows[0]["location"]) == {"source": "a.txt", "line": 3}
    assert json.loads(export_bytes(sample_doc, "json", "findings", findings=findings)) == findings
