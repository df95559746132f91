"""``jixiao check`` and ``jixiao rules`` through click's CliRunner: formats, exit codes, config."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from jixiao.cli.main import main
from jixiao.review.registry import all_rules
from jixiao.services import parse_file, review_json

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
SEED = str(FIXTURES / "menyuan-2023.txt")
CLEAN = str(FIXTURES / "review" / "menyuan-2023-clean.txt")


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_check_json_equals_the_service_json() -> None:
    code, out, _ = _run("check", SEED, "--format", "json")
    assert code == 1  # the seed has errors; --fail-on defaults to error
    data = json.loads(out)
    assert data == json.loads(json.dumps(review_json(parse_file(SEED)), ensure_ascii=False))
    assert set(data) == {"findings", "summary"} and data["summary"]["by_severity"]["error"] >= 4


def test_check_text_groups_by_project_without_colour_when_piped() -> None:
    code, out, _ = _run("check", SEED)
    assert code == 1
    assert "项目 2 厂务公开经费" in out and "TIM001 完成时限不在预算年度内" in out
    assert "原文：1.工作完成时限 2021年12月28日" in out and "应为：2023 年内的日期" in out
    assert "\x1b[" not in out
    _, coloured, _ = _run("check", SEED, "--color")
    assert "\x1b[31m" in coloured


def test_check_html_is_self_contained() -> None:
    code, out, _ = _run("check", SEED, "--format", "html", "--fail-on", "never")
    assert code == 0
    assert out.startswith("<!DOCTYPE html>") and "<style>" in out
    assert "展品安全保障率" in out and "<script" not in out and "http" not in out.split("<body>")[0]
    assert '<a href="#tim001">' in out and '<section id="tim001">' in out  # rules explained in the page
    assert "<code>max_years_after</code>" in out


def test_fail_on_levels() -> None:
    assert _run("check", CLEAN)[0] == 0
    assert _run("check", CLEAN, "--fail-on", "info")[0] == 0  # the clean variant has no finding at all
    assert _run("check", SEED, "--select", "VAL001", "--fail-on", "error")[0] == 0  # warnings only
    assert _run("check", SEED, "--select", "VAL001", "--fail-on", "warning")[0] == 1
    assert _run("check", SEED, "--select", "STR003", "--fail-on", "warning")[0] == 0  # info only
    assert _run("check", SEED, "--select", "STR003", "--fail-on", "info")[0] == 1
    assert _run("check", SEED, "--fail-on", "never")[0] == 0


def test_select_and_ignore_flags() -> None:
    code, out, _ = _run("check", SEED, "--format", "json", "--select", "TIM,STR002")
    rules = {f["rule"] for f in json.loads(out)["findings"]}
    assert rules == {"TIM001", "STR002"} and code == 1
    code, out, _ = _run("check", SEED, "--format", "json", "--ignore", "TIM", "--ignore", "CST001,CON004")
    assert code == 0 and not {"TIM001", "CST001"} & {f["rule"] for f in json.loads(out)["findings"]}


def test_config_file_overrides(tmp_path: Path) -> None:
    cfg = tmp_path / "review.toml"
    cfg.write_text('[review]\nselect = ["TIM001"]\n[review.severity]\nTIM001 = "info"\n', encoding="utf-8")
    code, out, _ = _run("check", SEED, "--format", "json", "--config", str(cfg))
    data = json.loads(out)
    assert code == 0 and {f["severity"] for f in data["findings"]} == {"info"}
    assert len(data["findings"]) == 3


def test_year_flag_changes_the_budget_year() -> None:
    code, out, _ = _run("check", SEED, "--format", "json", "--select", "TIM001", "--year", "2022")
    messages = [f["message"] for f in json.loads(out)["findings"]]
    assert len(messages) == 1 and "2021" in messages[0] and code == 1


def test_usage_and_input_errors() -> None:
    code, _, err = _run("check", SEED, "--select", "NOPE")
    assert code == 2 and err.startswith("jixiao: ") and err.count("\n") == 1
    assert _run("check", SEED, "--format", "yaml")[0] == 2
    code, _, err = _run("check", str(FIXTURES / "does-not-exist.txt"))
    assert code == 3 and "cannot read" in err


def test_bad_config_file_is_a_usage_error(tmp_path: Path) -> None:
    cfg = tmp_path / "bad.toml"
    cfg.write_text("[review]\nseverity = 3\n", encoding="utf-8")
    code, _, err = _run("check", SEED, "--config", str(cfg))
    assert code == 2 and "severity" in err


def test_empty_input_exits_3(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    assert _run("check", str(empty))[0] == 3


def test_rules_lists_every_rule() -> None:
    code, out, _ = _run("rules")
    assert code == 0
    for spec in all_rules():
        assert spec.code in out and spec.name in out
    code, out, _ = _run("rules", "--format", "json")
    assert [r["code"] for r in json.loads(out)] == [s.code for s in all_rules()]
    code, out, _ = _run("rules", "--format", "markdown")
    assert out.startswith("# 审核规则 Review rules")


def test_severity_and_param_flags() -> None:
    code, out, _ = _run("check", SEED, "--format", "json", "--select", "TIM001", "--severity", "TIM=warning")
    assert code == 0 and {f["severity"] for f in json.loads(out)["findings"]} == {"warning"}
    code, out, _ = _run("check", CLEAN, "--format", "json", "--select", "missing-goal-text",
                        "--param", "missing-goal-text.min_chars=40")
    assert code == 0 and [f["rule"] for f in json.loads(out)["findings"]] == ["GOL001"] * 2
    code, out, _ = _run("check", CLEAN, "--format", "json", "--select", "missing-goal-text")
    assert json.loads(out)["findings"] == []
    assert _run("check", SEED, "--severity", "TIM001")[0] == 2
    assert _run("check", SEED, "--param", "TIM001=3")[0] == 2
    assert _run("check", SEED, "--param", "TIM001.max_years_after=x")[0] == 2


def test_framework_flag_switches_the_profile() -> None:
    _, out, _ = _run("check", CLEAN, "--format", "json", "--framework", "MOF2021", "--select", "STR001")
    data = json.loads(out)
    assert data["summary"]["framework"] == "MOF2021"
    messages = [f["message"] for f in data["findings"]]
    assert messages and all("MOF2021" in m or "MOF2015" in m for m in messages)
    assert _run("check", CLEAN, "--format", "json", "--framework", "auto")[0] == 0


def test_check_a_document_json_gives_the_same_findings(tmp_path: Path) -> None:
    from jixiao.model.jsonify import document_to_dict

    doc_json = tmp_path / "seed.json"
    doc_json.write_text(json.dumps(document_to_dict(parse_file(SEED)), ensure_ascii=False), encoding="utf-8")
    _, direct, _ = _run("check", SEED, "--format", "json")
    code, via_json, _ = _run("check", str(doc_json), "--format", "json")

    def key(out: str) -> list[tuple[str, str, str, str]]:
        return [(f["rule"], f["project"] or "", f["indicator"] or "", f["message"])
                for f in json.loads(out)["findings"]]

    assert code == 1 and sorted(key(via_json)) == sorted(key(direct))
    assert any(k[0] == "CON001" for k in key(via_json))  # commitments recomputed from the goal text


@pytest.mark.parametrize(
    "name", ["empty.pdf", "image-named.pdf", "password.pdf", "scanned.pdf", "truncated.xlsx"]
)
def test_unreadable_inputs_exit_3_with_one_line(name: str) -> None:
    code, out, err = _run("check", str(FIXTURES / "formats" / "broken" / name), "--format", "json")
    assert code == 3 and out == "" and err.startswith("jixiao: ") and err.count("\n") == 1
