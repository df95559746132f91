"""Registry, configuration, engine isolation and caps, report order and JSON contract, docs drift."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from jixiao.i18n import use_language
from jixiao.model.location import Location
from jixiao.review import registry
from jixiao.review.config import ConfigError, ReviewConfig, apply, load_toml, preset
from jixiao.review.context import RuleContext
from jixiao.review.engine import review
from jixiao.review.finding import Finding
from jixiao.review.registry import all_rules, get_rule, rule
from jixiao.review.rules_doc import render_markdown
from review.builders import complete_set, document, ind, project

ROOT = Path(__file__).resolve().parents[2]
FINDING_KEYS = ["rule", "name", "severity", "message", "project", "indicator", "location", "evidence",
                "expected", "context", "docs"]


def _noisy_doc() -> object:
    return document(project([*complete_set(), *[ind("数量指标", f"举办活动天数{n}", "30", "天", "=")
                                                for n in range(12)]]))


def test_duplicate_code_or_name_fails_at_import_time() -> None:
    def check(ctx: RuleContext) -> Iterator[Finding]:
        """Doc."""
        return iter(())

    spec = all_rules()[0]
    with pytest.raises(RuntimeError, match="duplicate rule code"):
        rule(spec.code, "a-new-name", "info", "x")(check)
    with pytest.raises(RuntimeError, match="duplicate rule name"):
        rule("ZZZ999", spec.name, "info", "x")(check)
    with pytest.raises(RuntimeError, match="kebab-case"):
        rule("ZZZ998", "Not_Kebab", "info", "x")(check)
    with pytest.raises(RuntimeError, match="three capitals"):
        rule("Z1", "fine-name", "info", "x")(check)


def test_crashing_rule_is_isolated(monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(ctx: RuleContext) -> Iterator[Finding]:
        """Always fails."""
        raise ZeroDivisionError("division by zero")

    spec = get_rule("TIM001")
    assert spec is not None
    monkeypatch.setitem(registry._RULES, "TIM001", registry.RuleSpec(
        spec.code, spec.name, spec.severity, spec.category, boom, spec.params))
    doc = document(project([*complete_set(), ind("社会效益指标", "基层工会办公条件改善", "改善")]))
    report = review(doc)
    crashed = [f for f in report.findings if f.name == "rule-crashed"]
    assert len(crashed) == 1 and crashed[0].context["crashed_rule"] == "TIM001"
    assert "ZeroDivisionError" in crashed[0].message and crashed[0].severity == "error"
    assert any(f.name == "vague-target-value" for f in report.findings)  # the others ran on


def test_findings_are_capped_per_rule_and_project() -> None:
    report = review(_noisy_doc(), ReviewConfig(select=("VAL003",), max_findings_per_rule=5))  # type: ignore[arg-type]
    assert len(report.findings) == 5
    assert report.omitted == {"VAL003": 7} and report.summary["omitted"] == {"VAL003": 7}
    noisy = [ind("数量指标", f"举办活动天数{n}", "30", "天", "=") for n in range(8)]
    many = document(*[project([*complete_set(), *noisy], seq=str(n)) for n in range(1, 31)])
    capped = review(many, ReviewConfig(select=("VAL003",), max_findings_per_rule=3))
    assert {f.project for f in capped.findings} == {str(n) for n in range(1, 31)}  # every project keeps some
    assert len(capped.findings) == 90 and capped.omitted == {"VAL003": 150}


def test_select_ignore_by_code_prefix_and_name() -> None:
    doc = _noisy_doc()
    assert {f.rule for f in review(doc, ReviewConfig(select=("VAL",))).findings} == {"VAL003"}  # type: ignore[arg-type]
    assert review(doc, ReviewConfig(ignore=("missing-operator",))).findings == ()  # type: ignore[arg-type]
    assert review(doc, ReviewConfig(select=("VAL003",), ignore=("VAL",))).findings == ()  # type: ignore[arg-type]


def test_severity_override_and_params(tmp_path: Path) -> None:
    path = tmp_path / "review.toml"
    path.write_text(
        '[review]\nignore = ["STR003"]\nframework = "MOF2015"\nyear = 2024\n'
        '[review.severity]\nmissing-operator = "error"\nVAL = "info"\n'
        '[review.params.deadline-outside-budget-year]\nmax_years_after = 0\n', encoding="utf-8")
    config = load_toml(path)
    assert config.year == 2024 and config.ignore == ("STR003",)
    findings = review(_noisy_doc(), config).findings  # type: ignore[arg-type]
    operators = [f for f in findings if f.rule == "VAL003"]
    assert operators and {f.severity for f in operators} == {"error"}  # the name beats the prefix
    spec = get_rule("deadline-outside-budget-year")
    assert spec is not None and config.params_for(spec)["max_years_after"] == 0


@pytest.mark.parametrize("data", [
    {"select": ["NOPE"]}, {"severity": {"VAL003": "fatal"}}, {"framework": "MOF1999"}, {"year": "x"},
    {"preset": "lenient"}, {"unknown": 1}, {"params": {"TIM001": 3}}, {"max_findings_per_rule": 0},
    {"params": {"TIM001": {"max_year_after": 0}}}, {"params": {"STR002": {"threshold": "0.5"}}},
])
def test_bad_config_is_a_config_error(data: dict[str, object]) -> None:
    with pytest.raises(ConfigError):
        apply(ReviewConfig(), data)


def test_bad_toml_is_a_config_error(tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text("select = [", encoding="utf-8")
    with pytest.raises(ConfigError, match="invalid TOML"):
        load_toml(path)
    with pytest.raises(ConfigError, match="cannot read"):
        load_toml(tmp_path / "missing.toml")


def test_strict_preset_raises_heuristics_to_errors() -> None:
    strict = preset("strict")
    doc = document(project([*complete_set(), ind("社会效益指标", "基层工会办公条件改善", "改善")]))
    assert {f.severity for f in review(doc).findings} == {"warning"}
    assert {f.severity for f in review(doc, strict).findings} == {"error"}


def test_report_is_sorted_deterministic_and_matches_the_json_contract() -> None:
    doc = document(
        project([*complete_set(), ind("数量指标", "举办活动天数", "30", "天", "=")], seq="10"),
        project([*complete_set(), ind("社会效益指标", "办公条件改善", "改善")], seq="2"),
        total="99",
    )
    config = ReviewConfig(select=("SUM001", "VAL001", "VAL003"))
    first, second = review(doc, config).to_dict(), review(doc, config).to_dict()
    assert first == second
    projects = [f["project"] for f in first["findings"]]
    assert projects == [None, "2", "10"]  # document level first, then natural project order
    for f in first["findings"]:
        assert list(f) == FINDING_KEYS
    assert first["summary"]["by_severity"] == {"error": 1, "warning": 2, "info": 0}
    assert first["summary"]["total"] == 3 and first["summary"]["projects"] == 2


def test_finding_round_trips_through_json() -> None:
    f = Finding("TIM001", "deadline-outside-budget-year", "error", "m", "2", "工作完成时限",
                Location("a.txt", line=7, span=(1, 5)), "ev", "exp", {"k": "v"}, "docs/rules.md#tim001")
    assert Finding.from_dict(f.to_dict()) == f
    assert len({f, Finding.from_dict(f.to_dict())}) == 1  # hashable despite the context dict


def test_fail_on_thresholds() -> None:
    report = review(document(project([*complete_set(), ind("社会效益指标", "办公条件改善", "改善")])))
    assert report.worst() == "warning"
    assert not report.fails("error") and report.fails("warning") and report.fails("info")
    assert not report.fails("never")


def test_every_rule_is_documented() -> None:
    for spec in all_rules():
        assert len(spec.summary) > 8, f"{spec.code} needs a one-line Chinese summary"
        assert spec.title, f"{spec.code} needs a Chinese title"
        with use_language("en"):
            assert len(spec.shown_summary()) > 20, f"{spec.code} needs an English summary in the catalogue"
            assert spec.shown_title() != spec.title, f"{spec.code} needs an English title in the catalogue"
        assert "Fails:" in spec.doc and "Passes:" in spec.doc, f"{spec.code}: docs need Fails:/Passes:"
        assert len(spec.doc) > 200, f"{spec.code} docs are too thin"


def test_docs_rules_md_is_up_to_date() -> None:
    current = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    regenerate = "python -m jixiao.review.rules_doc > docs/rules.md"
    assert current == render_markdown(), f"docs/rules.md is stale: {regenerate}"
    for spec in all_rules():
        assert f'<a id="{spec.code.lower()}"></a>' in current


def test_the_config_example_in_docs_review_md_loads(tmp_path: Path) -> None:
    text = (ROOT / "docs" / "review.md").read_text(encoding="utf-8")
    example = text.split("```toml\n", 1)[1].split("```", 1)[0]
    path = tmp_path / "review.toml"
    path.write_text(example, encoding="utf-8")
    config = load_toml(path)
    assert config.year == 2023 and config.ignore == ("near-duplicate-project",)
    report = review(_noisy_doc(), config)  # type: ignore[arg-type]
    assert {f.severity for f in report.findings if f.rule == "VAL003"} == {"info"}


def test_loading_the_rules_does_not_import_jieba() -> None:
    import subprocess
    import sys

    code = (
        "import sys; from jixiao.review.registry import all_rules; all_rules(); "
        "import jixiao.cli.check_cmd, jixiao.services; "
        "sys.exit(1 if 'jieba' in sys.modules else 0)"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0
