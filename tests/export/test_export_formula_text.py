"""A cell that starts with "=" (a project named "=1+1", an indicator "=HYPERLINK(…)") is written as
text in every xlsx layout, never as a formula that a spreadsheet would run."""

from __future__ import annotations

import dataclasses
import io

import openpyxl
import pytest
from export_samples import sample_document

from jixiao.export import export_bytes

FORMULA = '=HYPERLINK("http://example.invalid","点击")'


@pytest.mark.parametrize("layout", ["list", "grid", "findings"])
def test_no_cell_becomes_a_formula(layout: str) -> None:
    doc = sample_document()
    first = doc.projects[0]
    doc.projects[0] = dataclasses.replace(first, name="=1+1", indicators=[
        dataclasses.replace(first.indicators[0], name=FORMULA), *first.indicators[1:]])
    findings = [{"rule": "VAL003", "name": "missing-operator", "severity": "warning", "project": first.seq,
                 "indicator": FORMULA, "message": "=1+1", "evidence": FORMULA, "expected": "=2",
                 "location": None}]
    book = openpyxl.load_workbook(io.BytesIO(export_bytes(doc, "xlsx", layout, findings)))
    cells = [c for ws in book.worksheets for row in ws.iter_rows() for c in row if c.value is not None]
    assert [c.coordinate for c in cells if c.data_type == "f"] == []
    texts = [str(c.value) for c in cells]
    assert any(t.startswith("=1+1") or "=1+1" in t for t in texts)
