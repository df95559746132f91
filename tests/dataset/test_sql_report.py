"""``jixiao sql`` and ``jixiao report`` over the reference dataset: the views' numbers against the
same figures computed from the documents directly, the output formats and the exit codes."""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from jixiao.cli.main import main
from jixiao.model.document import Document
from jixiao.services import import_files, read_document, review_document


def _run(*args: str) -> Any:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return result


def _documents(corpus: Path) -> list[tuple[Document, list[dict[str, Any]]]]:
    out = []
    for path in import_files([corpus]):
        try:
            doc = read_document(path)
        except Exception:
            continue
        out.append((doc, [f.to_dict() for f in review_document(doc).findings]))
    return out


def _sql(reference: Path, query: str) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = json.loads(_run("sql", str(reference), query, "--format", "json").stdout)
    return rows


def test_ready_views_count_what_the_documents_hold(corpus: Path, reference: Path) -> None:
    docs = _documents(corpus)
    projects = sum(len(d.projects) for d, _ in docs)
    assert _sql(reference, "SELECT COUNT(*) AS n FROM projects") == [{"n": projects}]
    amounts = _sql(reference, "SELECT SUM(amount) AS total FROM amounts_by_unit")
    expected = sum((p.amount for d, _ in docs for p in d.projects if p.amount is not None), Decimal(0))
    assert Decimal(amounts[0]["total"]) == expected  # exact: DECIMAL, never float
    mix = {(r["level1"], r["level2"]): r["indicators"]
           for r in _sql(reference, "SELECT level1, level2, indicators FROM indicator_mix")}
    assert mix == dict(Counter((i.level1, i.level2) for d, _ in docs for p in d.projects
                               for i in p.indicators))
    by_rule = _sql(reference, "SELECT region, rule, findings, projects, per_1000_projects "
                              "FROM rules_by_region WHERE region = '大通县' AND year = 2022 ORDER BY rule")
    datong = [(d, f) for d, f in docs if (d.region, d.year) == ("大通县", 2022)]
    counts = Counter(x["rule"] for _, f in datong for x in f)
    projects = sum(len(d.projects) for d, _ in datong)
    assert len(datong) == 1 and projects > 0
    assert [(r["rule"], r["findings"]) for r in by_rule] == sorted(counts.items())
    for row in by_rule:
        assert row["projects"] == projects
        assert Decimal(row["per_1000_projects"]) == round(Decimal(row["findings"] * 1000) / projects, 1)
    assert _sql(reference, "SELECT kind FROM failures") == [{"kind": "unrecognised"}]


def test_sql_formats_and_errors(reference: Path, tmp_path: Path) -> None:
    text = _run("sql", str(reference), "SELECT region, COUNT(*) AS n FROM documents GROUP BY ALL "
                "ORDER BY n DESC, region LIMIT 1").stdout
    assert text.splitlines()[0].split() == ["region", "n"]
    rows = list(csv.reader(io.StringIO(_run("sql", str(reference), "SELECT 1 AS a, NULL AS b",
                                            "--format", "csv").stdout)))
    assert rows == [["a", "b"], ["1", ""]]
    bad = CliRunner().invoke(main, ["sql", str(reference), "SELECT * FROM no_such_table"])
    assert bad.exit_code == 2 and bad.stderr.startswith("jixiao: ") and bad.stderr.count("\n") == 1
    missing = CliRunner().invoke(main, ["sql", str(tmp_path), "SELECT 1"])
    assert missing.exit_code == 3 and "not a jixiao dataset" in missing.stderr


def test_report_json_tables(corpus: Path, reference: Path) -> None:
    data = json.loads(_run("report", str(reference), "--format", "json", "--limit", "5").stdout)
    assert [t["name"] for t in data["tables"]] == ["rules_by_region", "copied_indicators", "unit_errors"]
    assert [t["title"] for t in data["tables"]] == \
        ["各地区各规则每千个项目的问题数", "被照抄最多的指标", "错误最多的单位"]
    assert all(len(t["rows"]) <= 5 for t in data["tables"])
    docs = _documents(corpus)
    # the variants copy the seed's indicators: the most copied one is in every seed-like document
    top = data["tables"][1]["rows"][0]
    users = {(id(d), p.seq) for d, _ in docs for p in d.projects for i in p.indicators
             if (i.name, i.operator) == (top["indicator"], top["operator"])
             and (str(i.value) if i.value is not None else None) == top["value"] and i.unit == top["unit"]}
    assert top["projects"] == len(users) >= 7
    unit_of = {(id(d), p.seq): p.unit_code for d, _ in docs for p in d.projects}
    errors = Counter((d.year, d.region, unit_of.get((id(d), x["project"])))
                     for d, f in docs for x in f if x["severity"] == "error")
    first = data["tables"][2]["rows"][0]
    assert first["errors"] == max(errors.values())
    assert first["errors"] == errors[first["year"], first["region"], first["unit_code"]]
    per_1000 = [Decimal(r["per_1000_projects"]) for r in data["tables"][0]["rows"]]
    assert per_1000 == sorted(per_1000, reverse=True)


@pytest.mark.parametrize("fmt", ["text", "csv", "html"])
def test_report_formats_carry_the_headings(reference: Path, fmt: str) -> None:
    out = _run("report", str(reference), "--format", fmt).stdout
    for title in ("各地区各规则每千个项目的问题数", "被照抄最多的指标", "错误最多的单位", "每千个项目问题数"):
        assert title in out
    english = _run("--lang", "en", "report", str(reference), "--format", fmt).stdout
    assert "Findings per 1,000 projects by region and rule" in english and "被照抄" not in english
    if fmt == "html":
        assert out.startswith("<!doctype html>") and out.count("<table>") == 3


def test_report_refuses_a_folder_that_is_no_dataset(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["report", str(tmp_path)])
    assert result.exit_code == 3 and "not a jixiao dataset" in result.stderr
