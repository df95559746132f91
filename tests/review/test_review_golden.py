"""Golden review reports: every finding (without its source location and the unparsed-text findings,
which follow the parser's golden files) on the seed, its clean variant and the grid and
self-evaluation fixtures.

Regenerate after a deliberate change with ``JIXIAO_UPDATE_GOLDEN=1 pytest tests/review``, then read
the diff: each new or vanished finding must be checked against the document by hand.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from jixiao.services import parse_file, review_document

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
GOLDEN = Path(__file__).parent / "golden"
CASES = {
    "menyuan-2023": "menyuan-2023.txt",
    "menyuan-2023-clean": "review/menyuan-2023-clean.txt",
    "huangshi-2022-target": "formats/huangshi-2022-target.txt",
    "puyang-2021-target": "formats/puyang-2021-target.txt",
    "yongde-2022-selfeval": "formats/yongde-2022-selfeval.txt",
    "qingshen-2023-selfeval": "formats/qingshen-2023-selfeval.txt",
}


def _report(fixture: str) -> dict[str, Any]:
    """The report without what belongs to the parser's golden files: source locations and the
    unparsed-text findings (one per piece the parser kept verbatim)."""
    data = review_document(parse_file(FIXTURES / fixture)).to_dict()
    findings = [f for f in data["findings"] if f["name"] != "unparsed-text"]
    for finding in findings:
        del finding["location"]
    summary = {k: data["summary"][k] for k in ("projects", "indicators", "year", "framework")}
    return {"findings": findings, "summary": summary}


@pytest.mark.parametrize("name", sorted(CASES))
def test_golden_report(name: str) -> None:
    got = json.loads(json.dumps(_report(CASES[name]), ensure_ascii=False))
    path = GOLDEN / f"{name}.json"
    if os.environ.get("JIXIAO_UPDATE_GOLDEN"):
        path.write_text(json.dumps(got, ensure_ascii=False, indent=1) + "\n", "utf-8")
    assert got == json.loads(path.read_text("utf-8"))


def test_every_golden_report_has_a_case() -> None:
    assert sorted(p.stem for p in GOLDEN.glob("*.json")) == sorted(CASES)
