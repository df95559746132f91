"""``jixiao check --format json``'s bytes (jixiao.review.report_json) equal ``json.dumps`` of the report."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from jixiao.cli.main import main
from jixiao.model.location import Location
from jixiao.review.engine import review
from jixiao.review.finding import Finding
from jixiao.review.report import Report
from jixiao.review.report_json import finding_dict, report_chunks
from jixiao.services import parse_file

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
SEED = FIXTURES / "menyuan-2023.txt"


def _standard(report: Report) -> bytes:
    return json.dumps(report.to_dict(), ensure_ascii=False, indent=2).encode("utf-8")


def _chunked(report: Report, batch: int) -> bytes:
    return b"".join(bytes(piece) for piece in report_chunks(report, batch))


@pytest.mark.parametrize("batch", [1, 2, 3, 7, 2000])
def test_the_seed_report_equals_json_dumps(batch: int) -> None:
    report = review(parse_file(str(SEED)))
    assert len(report.findings) > 7
    assert _chunked(report, batch) == _standard(report)


def test_an_empty_report() -> None:
    report = Report.build([], source="x.txt", projects=0)
    assert _chunked(report, 2) == _standard(report)


texts = st.text(alphabet=st.sampled_from('a"\\\n\t\u2028é中≥ 0e-.1'), max_size=8)
locations = st.one_of(st.none(), st.builds(
    Location, source=texts, line=st.one_of(st.none(), st.integers(0, 10**6)),
    column=st.one_of(st.none(), st.integers(0, 99)),
    span=st.one_of(st.none(), st.tuples(st.integers(0, 99), st.integers(0, 99))),
    page=st.one_of(st.none(), st.integers(1, 9)), sheet=st.one_of(st.none(), texts),
    row=st.one_of(st.none(), st.integers(0, 99))))
context_values: Any = st.one_of(texts, st.floats(allow_nan=False, allow_infinity=False), st.integers())
findings = st.builds(
    Finding, rule=texts, name=texts, severity=st.sampled_from(["error", "warning", "info"]), message=texts,
    project=st.one_of(st.none(), texts), indicator=st.one_of(st.none(), texts), location=locations,
    evidence=texts, expected=texts, context=st.dictionaries(texts, context_values, max_size=3), docs=texts)


@settings(max_examples=200, deadline=None)
@given(st.lists(findings, max_size=9), st.integers(1, 4))
def test_any_findings_equal_json_dumps(found: list[Finding], batch: int) -> None:
    """Floats in a context (1e-05 spelt as json.dumps does) and every escape included."""
    report = Report(findings=tuple(found), source="s", rules_run=("A",), omitted={"A": 1})
    assert _chunked(report, batch) == _standard(report)
    for f in found:
        assert finding_dict(f) == f.to_dict()


def test_the_command_writes_the_same_bytes() -> None:
    result = CliRunner().invoke(main, ["check", "--format", "json", str(SEED)])
    report = review(parse_file(str(SEED)))
    assert result.stdout_bytes == _standard(report) + b"\n"
