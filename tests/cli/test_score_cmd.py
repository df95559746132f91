"""``jixiao score``: the CLI contract (columns, exit codes 0/1/2/3, JSON equal to the service's).

The table is the published self-evaluation of corpus document 037 (永德县明朗中学 2022, 公开14表),
written to tmp_path as a tab-separated table, the layout today's self-evaluation parser reads."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from jixiao.cli.main import main
from jixiao.services import parse_file, score_document

CORPUS_037 = next((Path(__file__).parents[1] / "corpus" / "published").glob("037_*.txt"))

HEAD = """2022年度项目支出绩效自评表
部门:临沧市永德县明朗中学
项目名称\t义务教育营养改善计划专项资金\t\t\t\t\t\t\t\t
主管部门\t永德县教育体育局\t\t\t\t实施单位\t永德县明朗中学\t\t\t
项目资金(元)\t\t年初预算数\t全年预算数\t\t全年执行数\t分值\t\t执行率\t得分
\t年度资金总额\t387664.62\t387664.62\t\t\t10\t\t100%\t10
\t其中:当年财政拨款\t387664.62\t387664.62\t\t\t—\t\t—\t—
一级指标\t二级指标\t三级指标\t年度指标值\t\t\t实际完成值\t分值\t得分\t偏差原因分析及改进措施
\t\t\t指标性质\t指标值\t度量单位\t\t\t\t
"""
ROWS = [
    ("产出指标", "数量指标", "学生受资助人数", "≧", "735", "人次", "735", "10", "10"),
    ("", "质量指标", "营养改善计划覆盖率", "≧", "100", "%", "100%", "10", "10"),
    ("", "时效指标", "资金到位及时率", "≧", "100", "%", "100%", "10", "7"),
    ("", "成本指标", "生均补助标准达标率", "═", "100", "%", "100%", "10", "10"),
    ("效益指标", "经济效益指标", "减轻贫困学生家庭经济负担", "", "有效", "", "有效", "10", "10"),
    ("", "社会效益指标", "政策知晓率", "═", "100", "%", "98%", "10", "9"),
    ("", "可持续影响指标", "促进学校教育事业健康发展", "≧", "100", "%", "100%", "10", "10"),
    ("满意度指标", "服务对象满意度指标等", "学生满意度", "≧", "95", "%", "100%", "10", "10"),
    ("", "", "家长满意度", "≧", "95", "%", "100%", "10", "10"),
]
TAIL = "其他需要说明事项\t无\t\t\t\t\t总分\t100\t96\t优\n"
HEADER = "  指标 | 公布得分 | 重算得分 | 差 | 算式"


def table(tmp_path: Path, rows: list[tuple[str, ...]] = ROWS, name: str = "yongde.txt",
          head: str = HEAD) -> Path:
    path = tmp_path / name
    body = "".join("\t".join((*r, "")) + "\n" for r in rows)
    path.write_text(head + body + TAIL, encoding="utf-8")
    return path


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["score", *args])
    return result.exit_code, result.stdout, result.stderr


def test_text_report_shows_published_recomputed_and_working(tmp_path: Path) -> None:
    code, out, err = run(str(table(tmp_path)))
    assert code == 1 and err == ""
    lines = out.splitlines()
    assert lines[0].startswith("评分配置 czy2020-10：财预〔2020〕10号")
    assert lines[1] == "项目 1 义务教育营养改善计划专项资金"
    assert lines[2] == HEADER
    assert "  预算执行率 | 10 | 10.00 | 0.00 | 执行率 100%（表中所填，全年执行数空白）× 10 = 10.00" in lines
    assert "✗ 资金到位及时率 | 7 | 10.00 | +3.00 | 100 / 100 = 1 × 10 = 10.00" in lines
    assert "✗ 政策知晓率 | 9 | 0.00 | -9.00 | 98 ≠ 100，未达到 → 0.00" in lines
    qualitative = "定性指标，未给出评价档次（达成/部分达成/未达成），不计算"
    assert f"? 减轻贫困学生家庭经济负担 | 10 | — |  | {qualitative}" in lines
    assert any(line.startswith("  总分 | 96（优） | 90.00（优） |  | 10.00 + ") for line in lines)
    assert "  注：有的行没有重算（见各行说明），合计中用了公布得分或略去" in lines
    assert lines[-1] == "结果：10 行有公布得分，7 行相符，2 行相差超过 0.5 分，1 行未重算"


def test_json_is_the_service_result(tmp_path: Path) -> None:
    path = table(tmp_path)
    code, out, _ = run(str(path), "--format", "json", "--band", "减轻贫困学生家庭经济负担=达成")
    assert code == 1
    data = json.loads(out)
    assert data == score_document(parse_file(path), None, {"减轻贫困学生家庭经济负担": "达成"})
    assert data["profile"]["name"] == "czy2020-10" and data["tolerance"] == "0.5"
    (project,) = data["projects"]
    assert project["total"]["recomputed"] == "90.00" and project["total"]["grade"] == "优"
    assert project["total"]["published"] == "96" and project["total"]["published_grade"] == "优"
    row = project["rows"][1]
    got = (row["name"], row["target"], row["actual"], row["weight"])
    assert got == ("学生受资助人数", "≥735人次", "735", "10")
    assert row.keys() >= {"name", "published", "recomputed", "difference", "working", "status", "weight"}


def test_a_consistent_table_exits_0(tmp_path: Path) -> None:
    fixed = [(*r[:8], "10") if r[2] == "资金到位及时率" else r for r in ROWS]
    fixed = [(*r[:6], "100%", *r[7:8], "10") if r[2] == "政策知晓率" else r for r in fixed]
    code, out, _ = run(str(table(tmp_path, fixed)), "--band", "减轻贫困学生家庭经济负担=达成")
    assert code == 0, out
    assert out.splitlines()[-1] == "结果：10 行有公布得分，10 行相符，0 行相差超过 0.5 分，0 行未重算"


def test_tolerance_and_profile(tmp_path: Path) -> None:
    path = str(table(tmp_path))
    assert run(path, "--tolerance", "9")[0] == 0
    code, out, _ = run(path, "--profile", "pmkpi", "--tolerance", "3")
    assert code == 0 and "✗" not in out
    assert "政策知晓率 | 9 | 9.80 | +0.80 | 98 / 100 × 10 = 9.80" in out
    code, out, _ = run(path, "--profile", "hubei", "--format", "json")
    assert json.loads(out)["profile"]["budget_points"] == "20"


@pytest.mark.parametrize("args", [
    ("--profile", "nowhere"), ("--tolerance", "abc"), ("--tolerance", "-1"), ("--band", "达成"),
    ("--format", "html"),
])
def test_usage_errors_exit_2(tmp_path: Path, args: tuple[str, ...]) -> None:
    code, _, err = run(str(table(tmp_path)), *args)
    assert code == 2 and err


def test_no_self_evaluation_rows_exits_3_with_one_chinese_line(tmp_path: Path) -> None:
    blank = [(*r[:6], "", *r[7:8], "") for r in ROWS]
    path = table(tmp_path, blank, "blank.txt", HEAD.replace("\t100%\t10\n", "\t100%\t\n"))
    code, out, err = run(str(path))
    assert code == 3 and out == ""
    message = "没有公布得分的自评行（项目支出绩效自评表的“得分”列），无可重算"
    assert err.splitlines() == [f"jixiao: {path}：{message}"]
    code, _, err = run(str(tmp_path / "nope.txt"))
    assert code == 3 and len(err.splitlines()) == 1


def test_listed_in_help() -> None:
    result = CliRunner().invoke(main, ["--help"])
    assert "score" in result.stdout


def test_published_037_runs() -> None:
    code, out, _ = run(str(CORPUS_037))
    assert code == 1 and "✗ 资金到位及时率 | 7 | 10.00 | +3.00 | 100 / 100 = 1 × 10 = 10.00" in out


def test_a_table_without_a_score_column_lists_the_recomputed_rows(tmp_path: Path) -> None:
    no_scores = [(*r[:8], "") for r in ROWS]
    path = table(tmp_path, no_scores, "noscore.txt", HEAD.replace("\t100%\t10\n", "\t100%\t\n"))
    code, out, err = run(str(path))
    assert code == 0 and err == "", out
    assert "  资金到位及时率 | — | 10.00 |  | 100 / 100 = 1 × 10 = 10.00" in out
    assert out.splitlines()[-1] == "结果：表中没有公布得分，10 行中 9 行已重算，1 行未重算"
