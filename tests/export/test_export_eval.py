"""The 项目支出绩效自评表 and 项目支出绩效目标执行监控表 exports (issue 10) round-trip through jixiao's own
readers: the real published self-evaluation 037 (永德县明朗中学 2022) parsed, exported as xlsx/html/pdf,
parsed again gives the same indicators, targets, actuals, weights, scores, budget block and 总分; a
monitoring round (完成可能性, 偏差原因类别, 纠偏措施 in Indicator.extra) likewise. The open JSON/CSV carry
the same self-evaluation data."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from jixiao import services
from jixiao.export import export_bytes
from jixiao.export.eval_sections import eval_form
from jixiao.export.open_data import document_from_rows
from jixiao.model.document import Document, Goal, Indicator, Project
from jixiao.parse.values import parse_value
from jixiao.review.scoring import get_profile, score_document

CORPUS = Path(__file__).parents[1] / "corpus"
D = Decimal


@pytest.fixture(scope="module")
def yongde() -> Document:
    return services.parse_file(next((CORPUS / "published").glob("037_*.txt")))


def indicators(doc: Document) -> list[list[tuple[object, ...]]]:
    return [[(i.level1, i.level2, i.name, i.operator, i.value, i.unit, i.actual, i.weight, i.score,
              i.deviation, i.extra) for i in p.indicators] for p in doc.projects]


def budget(doc: Document) -> list[dict[str, Decimal]]:
    return [{k: v.normalize() for k, v in p.funds.items() if "/" in k} for p in doc.projects]


def monitoring() -> Document:
    """A July monitoring round of a county road project, as the readers keep one."""
    def ind(l1: str, l2: str, name: str, target: str, actual: str, likelihood: str, kind: str = "",
            reason: str = "", measures: str = "", expected: str = "") -> Indicator:
        p = parse_value(target, 2023)
        given = {"完成可能性": likelihood, "偏差原因类别": kind, "纠偏措施": measures,
                 "全年预计完成情况": expected}
        extra = {k: v for k, v in given.items() if v}
        return Indicator(l1, l2, name, p.operator, p.value, p.kind, p.unit, target, actual=actual or None,
                         deviation=reason or None, extra=extra)

    project = Project("1", "农村公路养护", D("120.00"), department="县交通运输局", implementer="县公路中心",
                      goals=[Goal("完成农村公路养护120公里")])
    project.funds = {"年度资金总额/年初预算数": D("120.00"), "年度资金总额/全年预算数": D("130.00"),
                     "年度资金总额/1-6月执行数": D("40.00")}
    project.extra = {"年度资金总额/执行率": "30.77%", "goal_actual": "已养护45公里"}
    project.indicators = [
        ind("产出指标", "数量指标", "养护里程", "≥120公里", "45公里", "能", expected="120公里"),
        ind("产出指标", "时效指标", "完成时间", "2023年12月31日前", "进行中", "可能", "制度", "招标延迟",
            "8月底前完成招标"),
        ind("产出指标", "质量指标", "验收合格率", "≥95%", "", "能"),
        ind("效益指标", "社会效益指标", "群众出行满意度", "≥90%", "", "不能", "经费", "资金未到位"),
    ]
    return Document(title="2023年项目支出绩效目标执行监控表", year=2023, kind="monitoring",
                    projects=[project])


@pytest.mark.parametrize("fmt", ["xlsx", "html", "pdf"])
def test_real_self_evaluation_round_trips(fmt: str, yongde: Document) -> None:
    back = services.parse_bytes(export_bytes(yongde, fmt, "selfeval"), f"自评表.{fmt}")
    assert (back.kind, back.layout, back.year) == ("selfeval", "selfeval", 2022)
    assert [(p.name, p.amount, p.department, p.implementer) for p in back.projects] == \
        [("义务教育营养改善计划专项资金", D("38.766462"), "永德县教育体育局", "永德县明朗中学")]
    assert indicators(back) == indicators(yongde)
    assert len(back.projects[0].indicators) == 9
    assert budget(back) == budget(yongde)
    assert back.projects[0].extra["年度资金总额/执行率"] == "100%"
    assert back.projects[0].extra["总分"] == "100 | 96 | 优"
    assert back.projects[0].extra["goal_actual"] == "确保每一个学生都能享受到国家政策福利,改善学生体质"
    # and the scores recomputed from the exported table are those of the published one
    rows = [[(r["name"], r["published"], r["recomputed"]) for r in p["rows"]]
            for p in score_document(back, get_profile())["projects"]]
    assert rows == [[(r["name"], r["published"], r["recomputed"]) for r in p["rows"]]
                    for p in score_document(yongde, get_profile())["projects"]]


@pytest.mark.parametrize("fmt", ["xlsx", "html", "pdf"])
def test_monitoring_round_trips(fmt: str) -> None:
    doc = monitoring()
    back = services.parse_bytes(export_bytes(doc, fmt, "monitoring"), f"监控表.{fmt}")
    assert (back.kind, back.layout, back.year) == ("monitoring", "monitoring", 2023)
    assert indicators(back) == indicators(doc)
    assert budget(back) == budget(doc)
    assert back.projects[0].extra["年度资金总额/执行率"] == "30.77%"


def test_the_forms_follow_the_official_layouts(yongde: Document) -> None:
    form = eval_form(yongde, yongde.projects[0], "selfeval")
    assert form.title == "项目支出绩效自评表" and form.year == "(2022年度)"
    assert form.header == ("一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分",
                           "偏差原因分析及改进措施")
    assert form.budget_header == ("年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分")
    assert form.budget[0] == ("年度资金总额", ("38.766462", "38.766462", "", "10", "100%", "10"))
    assert form.total == ("100", "96", "优")
    assert form.lines[2].cells == ("资金到位及时率", "≥100%", "100%", "10", "7", "")
    assert form.lines[5].cells[:2] == ("政策知晓率", "=100%")  # written ═ in 037: stays "="
    assert (form.lines[0].span1, form.lines[4].span1, form.lines[7].span2) == (4, 3, 2)
    mon = eval_form(monitoring(), monitoring().projects[0], "monitoring")
    assert mon.title == "项目支出绩效目标执行监控表"
    assert mon.header[4:] == ("1-6月执行情况", "全年预计完成情况", "完成可能性", "偏差原因类别", "偏差原因",
                              "纠偏措施")
    assert mon.budget_header == ("年初预算数", "全年预算数", "1-6月执行数", "执行率", "全年预计执行数")
    html = export_bytes(monitoring(), "html", "monitoring").decode()
    assert "<h2>项目支出绩效目标执行监控表</h2>" in html and "8月底前完成招标" in html


def _flat(doc: Document, fmt: str) -> list[dict[str, Any]]:
    data = export_bytes(doc, fmt, "flat")
    if fmt == "json":
        rows: list[dict[str, Any]] = json.loads(data)
        return rows
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_open_data_carries_the_self_evaluation(fmt: str, yongde: Document) -> None:
    rows = _flat(yongde, fmt)
    first = rows[0]
    assert (first["document_kind"], first["budget_planned"], first["execution_rate"], first["budget_points"],
            first["budget_score"]) == ("selfeval", "38.766462", "100%", "10", "10")
    assert (first["total_points"], first["total_score"], first["grade"]) == ("100", "96", "优")
    assert [(r["indicator"], r["actual"], r["weight"], r["score"]) for r in rows][2] == \
        ("资金到位及时率", "100%", "10", "7")
    back = document_from_rows(rows)
    assert back.kind == "selfeval"
    assert indicators(back) == indicators(yongde)
    assert back.projects[0].funds == yongde.projects[0].funds
    assert back.projects[0].extra == yongde.projects[0].extra
    mon = _flat(monitoring(), fmt)
    assert [(r["likelihood"], r["deviation_kind"], r["measures"]) for r in mon][1] == \
        ("可能", "制度", "8月底前完成招标")
    assert indicators(document_from_rows(mon)) == indicators(monitoring())


def test_open_data_from_before_the_new_columns_is_still_read(yongde: Document) -> None:
    from jixiao.export.open_data import read_open_data

    rows = _flat(yongde, "csv")
    old = ["document", "region", "year", "document_total", "project_seq", "project_name", "indicator_no",
           "indicator", "operator", "value", "value_kind", "raw"]
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=old, extrasaction="ignore", lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    back = read_open_data(buffer.getvalue().encode())
    assert back is not None and [i.name for i in back.projects[0].indicators][:2] == \
        ["学生受资助人数", "营养改善计划覆盖率"]


def test_the_cli_writes_both_forms(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from jixiao.cli.main import main

    source = next((CORPUS / "published").glob("037_*.txt"))
    out = tmp_path / "自评表.xlsx"
    result = CliRunner().invoke(main, ["export", str(source), "--layout", "selfeval", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "selfeval 版式，1 个项目" in result.output
    assert indicators(services.parse_file(out)) == indicators(services.parse_file(source))
    round_json = tmp_path / "round.json"
    round_json.write_bytes(export_bytes(monitoring(), "json", "document"))
    html = tmp_path / "监控表.html"
    result = CliRunner().invoke(main, ["export", str(round_json), "--layout", "monitoring", "-o", str(html)])
    assert result.exit_code == 0, result.output
    assert indicators(services.parse_file(html)) == indicators(monitoring())
    csv_out = str(tmp_path / "x.csv")
    result = CliRunner().invoke(main, ["export", str(source), "--layout", "selfeval", "-o", csv_out])
    assert result.exit_code == 2 and "csv cannot draw the 'selfeval' layout" in result.output


def _corpus(kinds: tuple[str, ...]) -> list[tuple[str, str]]:
    out = []
    for label in sorted((CORPUS / "labels").glob("*.json")):
        data = json.loads(label.read_text("utf-8"))
        if data["kind"] in kinds:
            out.append((data["file"], "monitoring" if data["kind"] == "monitoring" else "selfeval"))
    return out


def _essence(doc: Document) -> list[list[tuple[object, ...]]]:
    """Indicators as a table shows them: whitespace inside a name folded (a cell's line break is a
    space once read back), and the rows a parser took from below the table ("总分(100分)", found 174)
    cut off: the form's own 总分 line ends the indicators when read back."""
    out = []
    for p in doc.projects:
        rows = []
        for i in p.indicators:
            if i.name.startswith("总分"):
                break
            rows.append((" ".join(i.name.split()), i.operator, i.value, i.unit, i.actual, i.weight, i.score))
        out.append(rows)
    return out


@pytest.mark.parametrize(("file", "layout"), _corpus(("selfeval", "monitoring")))
@pytest.mark.parametrize("fmt", ["xlsx", "html"])
def test_every_corpus_self_evaluation_round_trips(fmt: str, file: str, layout: str) -> None:
    """All 23 labelled self-evaluations and monitoring tables of the corpus, as the readers parse them."""
    doc = services.parse_file(CORPUS / file)
    back = services.parse_bytes(export_bytes(doc, fmt, layout), f"x.{fmt}")
    assert _essence(back) == _essence(doc)
    assert [p.name for p in back.projects] == [p.name for p in doc.projects]


def test_the_document_json_of_both_kinds_validates(yongde: Document) -> None:
    import jsonschema

    from jixiao.export.json_export import document_schema

    for doc in (yongde, monitoring(), services.parse_file(CORPUS / _corpus(("monitoring",))[0][0])):
        jsonschema.validate(json.loads(export_bytes(doc, "json", "document")), document_schema())
