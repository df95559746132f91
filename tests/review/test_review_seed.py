"""Acceptance on the real seed table (issue 3, "Done when") and on its hand-fixed clean variant."""

from __future__ import annotations

from pathlib import Path

import pytest

from jixiao.review.finding import Finding
from jixiao.review.report import Report
from jixiao.services import parse_file, review_document

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


@pytest.fixture(scope="module")
def seed() -> Report:
    return review_document(parse_file(FIXTURES / "menyuan-2023.txt"))


def _find(report: Report, name: str, project: str, indicator: str) -> Finding:
    hits = [f for f in report.findings
            if f.name == name and f.project == project and f.indicator == indicator]
    assert hits, f"no {name} finding for project {project} {indicator}"
    return hits[0]


@pytest.mark.parametrize(("name", "project", "indicator", "evidence"), [
    ("deadline-outside-budget-year", "2", "工作完成时限", "2021年12月28日"),
    ("deadline-outside-budget-year", "3", "工作完成时限", "2022年12月28日"),
    ("deadline-outside-budget-year", "4", "工作完成时限", "2022年12月28日"),
    ("cost-exceeds-project-amount", "2", "单次印刷宣传资料成本", "≤5万元"),
    ("conflicting-duplicate-indicator", "2", "厂务公开覆盖率", "厂务公开覆盖率 100%"),
    ("indicator-unrelated-to-project", "1", "展品安全保障率", "展品安全保障率 100%"),
    ("goal-indicator-cost-conflict", "3", "职工之家平均建设成本", "≤5万元"),
    ("goal-indicator-cost-conflict", "3", "单次培训开展成本", "≤1万元"),
])
def test_seed_defects_are_found(seed: Report, name: str, project: str, indicator: str, evidence: str) -> None:
    f = _find(seed, name, project, indicator)
    assert f.severity in {"warning", "error"}
    assert evidence in f.evidence, f.evidence
    assert indicator in f.message and f.location is not None and f.location.source == "menyuan-2023.txt"


def test_seed_goal_conflicts_quote_goal_and_arithmetic(seed: Report) -> None:
    homes = _find(seed, "goal-indicator-cost-conflict", "3", "职工之家平均建设成本")
    assert "20万元" in homes.evidence and "建设职工之家 ≥10个" in homes.evidence
    assert "50万元" in homes.message
    training = _find(seed, "goal-indicator-cost-conflict", "3", "单次培训开展成本")
    assert "2万元" in training.evidence and "3万元" in training.message


def test_seed_has_no_false_alarm_on_sound_parts(seed: Report) -> None:
    assert not [f for f in seed.findings if f.name in {"amounts-do-not-add-up", "rule-crashed"}]
    unrelated = {f.indicator for f in seed.findings if f.name == "indicator-unrelated-to-project"}
    assert unrelated == {"展品安全保障率"}
    assert seed.summary["projects"] == 5 and seed.summary["indicators"] == 66


def test_clean_variant_has_no_error() -> None:
    report = review_document(parse_file(FIXTURES / "review" / "menyuan-2023-clean.txt"))
    assert report.summary["projects"] == 5
    errors = [f"{f.rule} {f.project} {f.message}" for f in report.findings if f.severity == "error"]
    assert errors == []
    assert report.summary["by_severity"]["warning"] <= 3


def test_report_json_matches_the_published_schema(seed: Report) -> None:
    import json

    import jsonschema

    schema_path = Path(__file__).resolve().parents[2] / "src" / "jixiao" / "review" / "report.schema.json"
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    data = json.loads(json.dumps(seed.to_dict(), ensure_ascii=False))
    jsonschema.validate(data, schema, cls=jsonschema.Draft202012Validator)
    broken = {**data, "findings": [{**data["findings"][0], "severity": "fatal"}]}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, schema, cls=jsonschema.Draft202012Validator)
