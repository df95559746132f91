"""Issue 13: "1天" written with no operator stays *no operator* everywhere; a written "=" stays "=".

The parser, the model, the document JSON (``null``), the store, the flat open data and every export
(csv, xlsx, html, pdf) keep the two apart and never invent an "=".
"""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy.orm import Session

from jixiao.export.registry import export_bytes
from jixiao.model import NO_OPERATOR, Document, Project
from jixiao.model.jsonify import document_from_dict, document_to_dict
from jixiao.parse.indicators import parse_indicator_text
from jixiao.store.database import make_engine, upgrade
from jixiao.store.repository import load_document, save_document

TEXT = "一、产出指标 (一)时效指标: 1.审批时长 1天 2.办结时长 =2天 3.验收时长 达到3天"


def _doc() -> Document:
    found, rest = parse_indicator_text(TEXT)
    assert rest == []
    return Document(title="测试", region="门源县", year=2023, source="t.txt", layout="list",
                    projects=[Project("1", "测试项目", Decimal("4.00"), indicators=found)])


def test_model_and_json_keep_not_written_apart_from_equals() -> None:
    doc = _doc()
    assert [(i.name, i.operator) for i in doc.projects[0].indicators] == [
        ("审批时长", NO_OPERATOR), ("办结时长", "="), ("验收时长", "=")]
    data = document_to_dict(doc)
    assert [i["operator"] for i in data["projects"][0]["indicators"]] == [None, "=", "="]
    assert document_from_dict(data) == doc


def test_store_keeps_not_written(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'j.db'}")
    upgrade(engine)
    with Session(engine) as session:
        saved = save_document(session, _doc(), "not-written")
        session.commit()
    with Session(engine) as session:
        back = load_document(session, saved.document_id)
    engine.dispose()
    assert back is not None and [i.operator for i in back.projects[0].indicators] == ["", "=", "="]


def test_flat_csv_and_json_name_the_operator_as_written() -> None:
    rows = list(csv.DictReader(io.StringIO(export_bytes(_doc(), "csv").decode("utf-8-sig"))))
    assert [(r["indicator"], r["operator"]) for r in rows] == [("审批时长", ""), ("办结时长", "="),
                                                               ("验收时长", "=")]


@pytest.mark.parametrize("layout", ["list", "grid"])
def test_html_and_xlsx_show_a_written_equals_and_never_invent_one(layout: str) -> None:
    doc = _doc()
    page = export_bytes(doc, "html", layout).decode("utf-8")
    assert "1天" in page and "=1天" not in page and "=2天" in page
    book = load_workbook(io.BytesIO(export_bytes(doc, "xlsx", layout)))
    cells = [c for sheet in book.worksheets for row in sheet.iter_rows() for c in row if c.value is not None]
    assert not [c.coordinate for c in cells if c.data_type == "f"]  # no "=…" turned into a formula
    texts = [str(c.value) for c in cells]
    assert any("1天" in t for t in texts) and not any("=1天" in t for t in texts)
    assert any("=2天" in t for t in texts)


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) not installed")
def test_pdf_never_invents_an_equals(tmp_path: Path) -> None:
    path = tmp_path / "list.pdf"
    path.write_bytes(export_bytes(_doc(), "pdf", "list"))
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True,
                          text=True).stdout
    assert "1天" in text and "=1天" not in text and "=2天" in text
