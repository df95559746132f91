"""The CLI's language: Chinese by default, English with ``--lang en`` (a global option of the
``jixiao`` group) or ``JIXIAO_LANG=en``; JSON field names and rule codes never change."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from jixiao import services
from jixiao.cli.main import main
from jixiao.i18n import current_language

SEED = str(Path(services.__file__).parent / "examples" / "menyuan-2023.txt")


def _run(*args: str, env: dict[str, str] | None = None) -> str:
    result = CliRunner().invoke(main, list(args), env=env)
    assert result.exit_code in (0, 1), result.output
    return result.stdout


def test_check_is_chinese_by_default() -> None:
    out = _run("check", SEED)
    assert "应为：≥30天、≤30天 或 =30天" in out and "VAL003 缺少指标性质" in out
    assert "expected" not in out and "missing-operator" not in out


def test_lang_en_switches_reports_and_rule_listing() -> None:
    out = _run("--lang", "en", "check", SEED)
    assert "expected: ≥30天, ≤30天 or =30天" in out and "应为" not in out
    assert "has no ≥, ≤ or =" in out and "VAL003 missing operator" in out
    rules = _run("--lang", "en", "rules")
    assert "A quantitative target is a bare number" in rules
    assert current_language() == "zh"  # the choice ends with the invocation


def test_jixiao_lang_environment_variable() -> None:
    out = _run("check", SEED, env={"JIXIAO_LANG": "en"})
    assert "expected: " in out and "应为" not in out
    assert "应为：" in _run("--lang", "zh", "check", SEED, env={"JIXIAO_LANG": "en"})  # the option wins


def test_json_contract_keeps_its_field_names_in_english_mode() -> None:
    zh = json.loads(_run("check", SEED, "--format", "json"))
    en = json.loads(_run("--lang", "en", "check", SEED, "--format", "json"))
    assert set(zh) == set(en) and [set(f) for f in zh["findings"]] == [set(f) for f in en["findings"]]
    ids = [(f["rule"], f["name"]) for f in zh["findings"]]
    assert ids == [(f["rule"], f["name"]) for f in en["findings"]]
    assert zh["findings"][0]["message"] != en["findings"][0]["message"]
    data = json.loads(_run("--lang", "en", "rules", "--format", "json"))
    assert data[0]["title"] and data[0]["name"] == "goal-indicator-cost-conflict"


def test_unknown_language_is_a_usage_error() -> None:
    result = CliRunner().invoke(main, ["--lang", "fr", "rules"])
    assert result.exit_code == 2
