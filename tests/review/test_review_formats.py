"""The review on real tables in every format the readers accept: the same defects are found whether
the seed arrives as text, HTML, PDF, XLS, XLSX or DOCX, and the defects noted for the grid and
self-evaluation tables (shared/corpus/README.md) are reported."""

from __future__ import annotations

from pathlib import Path

import pytest

from jixiao.review.report import Report
from jixiao.services import parse_file, review_document

FORMATS = Path(__file__).resolve().parents[1] / "fixtures" / "formats"
SEED_DEFECTS = {
    ("TIM001", "2", "工作完成时限"), ("TIM001", "3", "工作完成时限"), ("TIM001", "4", "工作完成时限"),
    ("CST001", "2", "单次印刷宣传资料成本"), ("STR002", "2", "厂务公开覆盖率"),
    ("CON003", "1", "展品安全保障率"),
    ("CON001", "3", "职工之家平均建设成本"), ("CON001", "3", "单次培训开展成本"),
}


def _keys(report: Report) -> set[tuple[str, str, str]]:
    return {(f.rule, f.project or "", f.indicator or "") for f in report.findings}


@pytest.mark.parametrize("suffix", ["html", "pdf", "xls", "xlsx", "docx"])
def test_seed_defects_found_in_every_format(suffix: str) -> None:
    report = review_document(parse_file(FORMATS / f"menyuan-2023.{suffix}"))
    missing = SEED_DEFECTS - _keys(report)
    assert missing == set()
    assert not [f for f in report.findings if f.name == "rule-crashed"]


def test_grid_table_without_benefit_indicators_and_unexplained_money() -> None:
    report = review_document(parse_file(FORMATS / "huangshi-2022-target.txt"))
    messages = {(f.rule, f.severity, f.message) for f in report.findings}
    assert ("STR001", "error", "缺少效益指标") in messages
    unexplained = [f for f in report.findings if f.rule == "SUM001"]
    assert len(unexplained) == 1 and "32" in unexplained[0].message and unexplained[0].severity == "warning"


def test_selfeval_missed_points_without_reason_and_input_indicator() -> None:
    report = review_document(parse_file(FORMATS / "yongde-2022-selfeval.txt"))
    keys = _keys(report)
    assert ("DEV001", "1", "资金到位及时率") in keys  # met 100% yet scored 7/10, no reason given
    assert ("SCR002", "1", "资金到位及时率") in keys
    assert ("CON004", "1", "资金到位及时率") in keys
    assert not [f for f in report.findings if f.rule == "SUM001"]  # its funds block adds up per column


def test_sichuan_selfeval_funds_columns_add_up() -> None:
    report = review_document(parse_file(FORMATS / "qingshen-2023-selfeval.txt"))
    assert not [f for f in report.findings if f.rule == "SUM001"]
    assert ("CON004", "1", "足额保障率(参保率)") in _keys(report)
