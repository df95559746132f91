"""The self-evaluation scoring engine, table-driven: every profile, every indicator kind, the edge
cases (zero target, actual 0, missing actual, over-achievement, dates, actuals written with units,
percent, "无", a sentence). Targets and actuals are written as the forms write them and read with the
parser's own value grammar; the values come from the published self-evaluations of the corpus
(037 永德, 011 宁德, 025 镜湖, 031 重庆, 007 衡山) where they exist."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from jixiao.model.document import Document, Indicator, Project
from jixiao.parse.values import parse_value
from jixiao.review.scoring import (
    PROFILES,
    ProfileError,
    get_profile,
    score_budget,
    score_document,
    score_indicator,
    score_project,
)
from jixiao.review.scoring.profiles import Profile, _register

D = Decimal


def row(target: str, actual: str | None, weight: str | None = "10", *, name: str = "指标",
        level1: str = "产出指标", level2: str = "数量指标", nature: str | None = None,
        score: str | None = None, year: int = 2023, **extra: str) -> Indicator:
    """An indicator as the parser makes it from written cells (target read by parse_value)."""
    parsed = parse_value(target, year)
    return Indicator(level1, level2, name, parsed.operator, parsed.value, parsed.kind, parsed.unit, target,
                     nature=nature, weight=D(weight) if weight is not None else None, actual=actual,
                     score=D(score) if score is not None else None, extra=dict(extra))


# (profile, indicator, expected score or None, text the working must contain)
CASES: list[tuple[str, Indicator, str | None, str]] = [
    # higher-is-better: min(actual / target, 1) × weight
    ("czy2020-10", row("≥735人次", "735"), "10.00", "735 / 735 = 1 × 10 = 10.00"),  # 037
    ("czy2020-10", row("≥180人", "164人"), "9.11", "164 / 180 × 10 = 9.11"),  # 025
    ("czy2020-10", row("≥4754", "4604", "5"), "4.84", "4604 / 4754 × 5 = 4.84"),
    ("czy2020-10", row("≥28次", "40次"), "10.00", "40 / 28 > 1，按 1 计 × 10 = 10.00"),  # 011 over-achieved
    ("czy2020-10", row("≥2个", "0个"), "0.00", "0 / 2 × 10 = 0.00"),  # 011 actual 0
    ("czy2020-10", row("≥0", "3", "5"), "5.00", "目标 0"),  # zero target
    ("czy2020-10", row("≥95%", "98%"), "10.00", "98 / 95 > 1"),
    ("czy2020-10", row("≥100%", "72.74%", "2"), "1.45", "72.74 / 100 × 2 = 1.45"),  # 031
    ("czy2020-10", row("≥95%", "≥98%"), "10.00", "98 / 95"),  # an operator in the actual is ignored
    ("czy2020-10", row("≥85%", "达成预期指标"), "10.00", "达成（80%–100%）"),  # a sentence states the band
    ("czy2020-10", row("≥95%", "完成率98%"), None, "无法与目标"),  # digits that do not read as a value
    # lower-is-better: min(target / actual, 1) × weight
    ("czy2020-10", row("≤2%", "0", "2"), "2.00", "0 ≤ 2，达到"),  # 031 结转结余率
    ("czy2020-10", row("≤120万元", "150万元"), "8.00", "120 / 150 × 10 = 8.00"),
    ("czy2020-10", row("≤0起", "无", "5"), "5.00", "“无”读作 0"),  # 007 粮食安全事件发生数
    ("czy2020-10", row("≤0起", "1起", "5"), "0.00", "目标 0"),  # zero target exceeded
    ("czy2020-10", row("=3%", "4%", nature="反向"), "7.50", "3 / 4 × 10 = 7.50"),  # 反向 overrides "="
    ("czy2020-10", row("<5次", "4次", nature="正向"), "8.00", "4 / 5 × 10 = 8.00"),  # 正向 overrides "<"
    ("czy2020-10", row("10万元", "12万元", level2="成本指标"), "8.33",
     "成本指标，按反向计；10 / 12 × 10 = 8.33"),
    # a target written without a sign (the parser's "="): to reach, or less is better by its name
    ("czy2020-10", row("100%", "92%", "2"), "1.84", "未写比较符，按 ≥ 计；92 / 100 × 2 = 1.84"),  # 031
    ("czy2020-10", row("70%", "76%", "2"), "2.00", "76 / 70 > 1"),  # 031 预算完成率
    ("czy2020-10", row("3%", "0", "2", name="预算调整率"), "2.00", "名称含“调整率”，按反向计；0 ≤ 3"),  # 031
    ("czy2020-10", row("达到95%", "90%"), "9.47", "按 ≥ 计；90 / 95 × 10 = 9.47"),  # 达到 is no "="
    ("czy2020-10", row("≤120万元", "1,000,000元"), "10.00", "1000000元 = 100万元"),  # units converted
    ("czy2020-10", row("≤10人次", "12人"), "8.33", "单位 人 与目标单位 人次 不同"),
    # "=": met or not
    ("czy2020-10", row("=100%", "100%", level2="成本指标"), "10.00", "100 = 100，达到"),  # 037
    ("czy2020-10", row("=100%", "98%"), "0.00", "98 ≠ 100，未达到"),  # 037 政策知晓率
    # dates, compared as dates
    ("czy2020-10", row("2023年12月底前", "2023年11月20日"), "10.00", "2023-11-20 ≤ 2023-12-31，按期"),
    ("czy2020-10", row("2023年12月前", "2023年12月前"), "10.00", "2023-12-31 ≤ 2023-12-31"),  # 011
    ("czy2020-10", row("≤2023年6月30日", "2023年7月15日"), "0.00", "晚于 2023-06-30，逾期"),
    ("czy2020-10", row("≥2023年6月30日", "2023年7月15日"), "10.00", "不早于"),
    ("czy2020-10", row("12月底前", "12月20日"), "10.00", "2023-12-20 ≤ 2023-12-31"),  # year from the document
    ("czy2020-10", row("2023年12月底", "在规定时间内完成"), "10.00", "读作"),  # 025: a sentence, band 达成
    ("czy2020-10", row("2023年12月底", "100%"), None, "无法与目标"),
    # qualitative: a band is needed
    ("czy2020-10", row("有效", "有效", level1="效益指标", level2="经济效益指标"), None, "未给出评价档次"),
    ("czy2020-10", row("有效", "部分完成"), "8.00", "部分达成（60%–80%）：6.00–8.00，取档内最高 8.00"),
    ("czy2020-10", row("有效", "未达到预期"), "6.00", "未达成（0%–60%）"),
    ("czy2020-10", row("高", "高", 评价等级="达成"), "10.00", "达成（80%–100%）：8.00–10.00"),
    ("czy2020-10", row("高", "高", score="9", 评价等级="达成"), "9.00", "公布 9 在档内"),
    ("czy2020-10", row("高", "高", score="9", 评价等级="部分达成"), "8.00", "公布 9 在档外，取 8.00"),
    ("czy2020-10", row("高", "高", 评价等级="部分达成:70%"), "7.00", "70% × 10 = 7.00"),
    ("czy2020-10", row("高", "高", 评价等级="部分达成:0.75"), "7.50", "75% × 10 = 7.50"),
    ("czy2020-10", row("高", "高", 评价等级="达成：90"), "9.00", "90% × 10 = 9.00"),
    ("czy2020-10", row("高", "高", 评价等级="部分达成:55%"), None, "不含 55%"),
    ("czy2020-10", row("高", "高", 评价等级="很好"), None, "不是 达成/部分达成/未达成"),
    # no actual, no weight
    ("czy2020-10", row("≥95%", None), None, "没有实际完成值"),
    ("czy2020-10", row("≥95%", "—"), None, "没有实际完成值"),
    ("czy2020-10", row("≥95%", " / "), None, "没有实际完成值"),
    ("czy2020-10", row("≥95%", "98%", None), None, "没有分值"),
    ("czy2020-10", row("", "98%"), None, "没有年度指标值"),
    ("czy2020-10", row("≥95%", "98%", "0"), None, "没有分值"),
    # pmkpi [P]: ≤ linear penalty, "=" as ≥, negative actual read as 0
    ("pmkpi", row("≤3", "5"), "3.33", "(1 − (5 − 3) / 3) × 10 = 3.33"),
    ("pmkpi", row("≤3", "6"), "0.00", "6 ≥ 2 × 3"),
    ("pmkpi", row("≤3", "2"), "10.00", "2 ≤ 3，达到"),
    ("pmkpi", row("=100%", "98%"), "9.80", "98 / 100 × 10 = 9.80"),
    ("pmkpi", row("=0", "0"), "10.00", "0 = 0，达到"),
    ("pmkpi", row("=0", "2"), "0.00", "2 ≠ 0"),
    ("pmkpi", row("≥10%", "-5%"), "0.00", "负数 -5 读作 0；0 / 10 × 10 = 0.00"),
    ("pmkpi", row("≤3%", "-2%"), "10.00", "负数 -2 读作 0；0 ≤ 3，达到"),
    ("czy2020-10", row("≥10%", "-5%"), "0.00", "-5 / 10 < 0，按 0 计 → 0.00"),
    ("czy2020-10", row("≥-5%", "-3%"), "10.00", "目标 -5，-3 ≥ -5"),  # a negative target: met or not
    ("czy2020-10", row("≥-5%", "-8%"), "0.00", "目标 -5，-8 < -5"),
    ("czy2020-10", row("≤-5%", "-8%"), "10.00", "-8 ≤ -5，达到"),
    ("czy2020-10", row("≤-5%", "-2%"), "0.00", "目标 -5，实际 -2 超出"),
    # jiangxi [L]: bands 100–80 / 80–50 / 50–0
    ("jiangxi", row("高", "高", 评价等级="部分达成:55%"), "5.50", "部分达成（50%–80%）：55% × 10 = 5.50"),
    ("jiangxi", row("有效", "未达成"), "5.00", "未达成（0%–50%）"),
    # hubei and sichuan score rows as 10号 does
    ("hubei", row("≥180人", "164人"), "9.11", "164 / 180 × 10 = 9.11"),
    ("sichuan-510000", row("=100%", "100%", "60"), "60.00", "100 = 100，达到 → 满分 60.00"),  # 017
]


@pytest.mark.parametrize(("profile", "indicator", "expected", "working"), CASES,
                         ids=[f"{p}:{i.raw}->{i.actual}" for p, i, _, _ in CASES])
def test_indicator_scores(profile: str, indicator: Indicator, expected: str | None, working: str) -> None:
    result = score_indicator(indicator, indicator.weight, get_profile(profile), 2023, None, indicator.score)
    assert result.score == (None if expected is None else D(expected)), result.working
    assert working in result.working
    if result.score is not None:
        assert result.score.as_tuple().exponent == -2  # rounded to 0.01


def test_a_reviewer_band_wins_over_the_table() -> None:
    ind = row("有效", "有效", 评价等级="未达成")
    result = score_indicator(ind, ind.weight, get_profile(), band="达成:90%")
    assert (result.score, result.band, result.band_from) == (D("9.00"), "达成", "评审")
    table = score_indicator(ind, ind.weight, get_profile())
    assert (table.band, table.band_from) == ("未达成", "表中评价等级")
    stated = score_indicator(row("有效", "基本完成"), D(10), get_profile())
    assert (stated.band, stated.band_from) == ("部分达成", "实际完成值“基本完成”")


def test_rounding_is_half_up_on_decimals() -> None:
    # 1 / 8 × 0.1 = 0.0125 -> 0.01; 5 / 8 × 0.1 = 0.0625 -> 0.06; 0.125 -> 0.13 (not banker's 0.12)
    assert score_indicator(row("≥8", "5", "0.2"), D("0.2"), get_profile()).score == D("0.13")
    assert score_indicator(row("≥200", "1", "25"), D(25), get_profile()).score == D("0.13")


# --- budget execution ----------------------------------------------------------------------------

def project(funds: dict[str, str] | None = None, extra: dict[str, str] | None = None,
            indicators: list[Indicator] | None = None) -> Project:
    p = Project("1", "测试项目", None, indicators=indicators or [])
    p.funds = {k: D(v) for k, v in (funds or {}).items()}
    p.extra = dict(extra or {})
    return p


BUDGETS: list[tuple[str, dict[str, str], dict[str, str], str | None, str]] = [
    ("czy2020-10", {"年度资金总额/全年预算数": "4754", "年度资金总额/全年执行数": "4604"}, {}, "9.68",
     "全年执行数 4604 / 全年预算数 4754 × 10 = 9.68"),
    ("hubei", {"年度资金总额/全年预算数": "4754", "年度资金总额/全年执行数": "4604"}, {}, "19.37",
     "× 20 = 19.37"),
    ("hubei", {"年度资金总额/全年预算数": "100", "年度资金总额/全年执行数": "90", "年度资金总额/分值": "10"},
     {}, "9.00", "× 10（表中分值；hubei 默认 20） = 9.00"),  # the table's own points win
    ("sichuan-510000", {"年度资金总额/调整后预算数": "251.89", "年度资金总额/预算执行数": "251.89",
                        "年度资金总额/权重": "10"}, {}, "10.00",
     "预算执行数 251.89 / 调整后预算数 251.89 ≥ 1"),  # 017
    ("czy2020-10", {"年度资金总额/全年预算数": "194.9", "年度资金总额/全年执行数": "200"}, {}, "10.00",
     "≥ 1，按 1 计"),  # overspent: capped
    ("czy2020-10", {"年度资金总额/全年预算数": "387664.62", "年度资金总额/分值": "10"},
     {"年度资金总额/执行率": "100%"}, "10.00", "执行率 100%（表中所填，全年执行数空白）"),  # 037
    ("czy2020-10", {}, {"年度资金总额/执行率": "76%"}, "7.60",
     "76%（表中所填，全年执行数空白）× 10 = 7.60"),  # 031
    ("czy2020-10", {"年度资金总额/全年预算数": "0", "年度资金总额/全年执行数": "0"}, {}, None,
     "无法计算执行率"),
    ("czy2020-10", {"年度资金总额/年初预算数": "10"}, {}, None, "没有预算数和执行数"),
]


@pytest.mark.parametrize(("profile", "funds", "extra", "expected", "working"), BUDGETS)
def test_budget_execution(profile: str, funds: dict[str, str], extra: dict[str, str], expected: str | None,
                          working: str) -> None:
    result = score_budget(project(funds, extra), get_profile(profile))
    assert result.score == (None if expected is None else D(expected)), result.working
    assert working in result.working


# --- projects: default weights, totals, grades ----------------------------------------------------

def _unweighted() -> list[Indicator]:
    out = [row("≥10个", "10个", None, name=f"产出{i}") for i in range(4)]
    out += [row("≥90%", "90%", None, name=f"效益{i}", level1="效益指标", level2="社会效益指标")
            for i in range(2)]
    out.append(row("≥90%", "81%", None, name="满意度", level1="满意度指标", level2="服务对象满意度指标"))
    return out


def test_default_weights_follow_the_profile_when_the_table_has_none() -> None:
    funds = {"年度资金总额/全年预算数": "100", "年度资金总额/全年执行数": "95"}
    result = score_project(project(funds, indicators=_unweighted()), get_profile())
    assert [r.weight for r in result.rows[1:]] == [D("12.5")] * 4 + [D(15)] * 2 + [D(10)]
    assert result.rows[-1].recomputed == D("9.00")
    assert result.total == D("98.50") and result.grade == "优"  # 9.5 + 50 + 30 + 9
    assert "9.50 + 12.50" in result.total_working and result.total_working.endswith("= 98.50，优")
    assert any("产出指标 50 分 ÷ 4 个 = 每个 12.50 分" in note for note in result.notes)
    hubei = score_project(project(funds, indicators=_unweighted()), get_profile("hubei"))
    assert [r.weight for r in hubei.rows[1:]] == [D(12)] * 4 + [D(32) / 3] * 3  # 满意度 counted as 效益
    assert hubei.rows[0].weight == D(20) and hubei.rows[0].recomputed == D("19.00")


def test_long_default_weights_are_shown_to_the_cent() -> None:
    inds = [row("≥180人", "164人", None, name=f"效益{i}", level1="效益指标") for i in range(3)]
    result = score_project(project(indicators=inds), get_profile("hubei"))
    assert result.rows[0].weight == D(80) / 3
    assert result.rows[0].working == "164 / 180 × 26.67… = 24.30"
    assert result.to_dict()["rows"][0]["weight"] == "26.67"


def test_a_band_can_name_its_project() -> None:
    doc = Document(projects=[project(indicators=[row("有效", "有效", name="效果")]) for _ in range(2)])
    doc.projects[1].seq = "2"
    result = score_document(doc, get_profile(), {"2/效果": "部分达成:70%", "效果": "达成"})
    assert [p["rows"][0]["recomputed"] for p in result["projects"]] == ["10.00", "7.00"]


def test_a_project_with_nothing_to_score_gets_no_grade() -> None:
    result = score_project(project(), get_profile())
    assert (result.rows, result.grade, result.complete) == ([], "", False)
    assert result.total_working == "0 = 0.00，没有可计分的行，不评等级"


def test_absent_groups_give_their_points_to_the_others() -> None:
    inds = [i for i in _unweighted() if i.level1 != "满意度指标"]
    result = score_project(project(indicators=inds), get_profile())
    assert [r.weight for r in result.rows] == [D("56.25") / 4] * 4 + [D("33.75") / 2] * 2
    assert result.total == D("90.00")


def test_stated_weights_are_used_and_missing_ones_are_not_invented() -> None:
    inds = [row("≥10个", "10个", "60"), row("≥90%", "45%", None, name="效益", level1="效益指标")]
    result = score_project(project(indicators=inds), get_profile())
    assert [r.weight for r in result.rows] == [D(60), None]
    assert result.rows[1].working == "没有分值，不计算"
    assert not result.complete and result.grade == ""
    assert "不评等级" in result.total_working


@pytest.mark.parametrize(("total", "grade"), [("100", "优"), ("90", "优"), ("89.99", "良"), ("80", "良"),
                                              ("79.99", "中"), ("60", "中"), ("59.99", "差"), ("0", "差")])
@pytest.mark.parametrize("profile", list(PROFILES))
def test_grades(profile: str, total: str, grade: str) -> None:
    assert get_profile(profile).grade(D(total)) == grade


def yongde() -> Document:
    """037: 永德县明朗中学 2022 义务教育营养改善计划专项资金, as published (总分 100 | 96 | 优)."""
    w = "10"
    inds = [
        row("≥735人次", "735", w, score="10", name="学生受资助人数"),
        row("≥100%", "100%", w, score="10", name="营养改善计划覆盖率", level2="质量指标"),
        row("≥100%", "100%", w, score="7", name="资金到位及时率", level2="时效指标"),
        row("=100%", "100%", w, score="10", name="生均补助标准达标率", level2="成本指标"),
        row("有效", "有效", w, score="10", name="减轻贫困学生家庭经济负担", level1="效益指标",
            level2="经济效益指标"),
        row("=100%", "98%", w, score="9", name="政策知晓率", level1="效益指标", level2="社会效益指标"),
        row("≥100%", "100%", w, score="10", name="促进学校教育事业健康发展", level1="效益指标"),
        row("≥95%", "100%", w, score="10", name="学生满意度", level1="满意度指标"),
        row("≥95%", "100%", w, score="10", name="家长满意度", level1="满意度指标"),
    ]
    funds = {"年度资金总额/全年预算数": "387664.62", "年度资金总额/分值": "10", "年度资金总额/得分": "10"}
    p = project(funds, {"年度资金总额/执行率": "100%", "总分": "100 | 96 | 优"}, inds)
    return Document(year=2022, kind="selfeval", projects=[p], source="yongde.txt")


def test_a_published_self_evaluation_is_checked_row_by_row() -> None:
    result = score_document(yongde(), get_profile(), {"减轻贫困学生家庭经济负担": "达成"})
    (p,) = result["projects"]
    status = {r["name"]: (r["published"], r["recomputed"], r["status"]) for r in p["rows"]}
    assert status["预算执行率"] == ("10", "10.00", "match")
    assert status["资金到位及时率"] == ("7", "10.00", "differs")  # met in full but marked down
    assert status["政策知晓率"] == ("9", "0.00", "differs")  # "=" 100% not met
    assert status["减轻贫困学生家庭经济负担"] == ("10", "10.00", "match")
    assert p["total"] == {"recomputed": "90.00", "grade": "优", "complete": True, "published": "96",
                          "published_grade": "优", "working": p["total"]["working"]}
    assert result["summary"] == {"rows": 10, "match": 8, "differs": 2, "not_scored": 0, "unpublished": 0}
    pmkpi = score_document(yongde(), get_profile("pmkpi"), {"减轻贫困学生家庭经济负担": "达成"})
    rows = {r["name"]: r for r in pmkpi["projects"][0]["rows"]}
    assert rows["政策知晓率"]["recomputed"] == "9.80" and rows["政策知晓率"]["difference"] == "0.80"


def test_the_published_table_is_checked_against_itself() -> None:
    doc = yongde()
    assert not any("公布总分" in note for note in score_project(doc.projects[0], get_profile()).notes)
    doc.projects[0].extra["总分"] = "100 | 86 | 优"  # rows add up to 96, and 86 is 良
    notes = score_project(doc.projects[0], get_profile()).notes
    assert "公布总分 86 与公布各行得分之和 96 不符" in notes
    assert "公布总分 86 应评“良”，表中评为“优”" in notes


def test_a_qualitative_row_without_a_band_is_not_scored_and_says_so() -> None:
    result = score_document(yongde(), get_profile(), tolerance=D(0))
    rows = {r["name"]: r for r in result["projects"][0]["rows"]}
    qual = rows["减轻贫困学生家庭经济负担"]
    assert (qual["recomputed"], qual["status"], qual["method"]) == (None, "not-scored", "band")
    assert "未给出评价档次" in qual["working"]
    total = result["projects"][0]["total"]
    assert total["complete"] is False and "10(公布)" in total["working"]  # the published score stands in


def test_profiles_are_documented_and_selectable() -> None:
    assert {"czy2020-10", "hubei", "sichuan-510000", "pmkpi", "jiangxi"} <= set(PROFILES)
    for profile in PROFILES.values():
        assert "domain.md" in profile.source or "corpus" in profile.source
        assert any(tag in profile.source for tag in ("[R]", "[P]", "[L]"))
        assert profile.indicator_points + profile.budget_points == 100
        assert profile.to_dict()["name"] == profile.name
    assert get_profile() is PROFILES["czy2020-10"]
    assert get_profile(PROFILES["hubei"]) is PROFILES["hubei"]
    with pytest.raises(ProfileError, match="unknown scoring profile 'nowhere'; known: czy2020-10"):
        get_profile("nowhere")
    with pytest.raises(ValueError, match="duplicate"):
        _register(Profile("hubei", "", "", D(0), (), ()))


def test_never_floats() -> None:
    result = score_document(yongde(), get_profile(), {"减轻贫困学生家庭经济负担": "达成:95%"})

    def walk(value: object) -> None:
        assert not isinstance(value, float)
        if isinstance(value, dict):
            for v in value.values():
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)

    walk(result)
    assert isinstance(dt.date(2023, 1, 1), dt.date)


def test_the_service_layer() -> None:
    from jixiao import services

    names = [p["name"] for p in services.scoring_profiles()]
    assert names[0] == "czy2020-10" and "sichuan-510000" in names
    result = services.score_document(yongde(), "pmkpi", tolerance="1")
    assert result["profile"]["name"] == "pmkpi" and result["tolerance"] == "1"
    assert services.score_document(yongde())["profile"]["name"] == "czy2020-10"
    with pytest.raises(ProfileError):
        services.score_document(yongde(), "nowhere")


def test_the_sichuan_form_of_017() -> None:
    """017 (青神县 2023, 510000_0013zp): 预算执行情况(10分) + 绩效指标(90分) with weights 60 / 30; the
    published form leaves 完成值 blank, so the actuals here are what a filled form would say."""
    funds = {"年度资金总额/年初预算": "238.93", "年度资金总额/调整后预算数": "251.89",
             "年度资金总额/预算执行数": "251.89", "年度资金总额/权重": "10"}
    inds = [row("=100%", "100%", "60", name="发放(缴纳)覆盖率"),
            row("=100%", "99%", "30", name="足额保障率(参保率)", level1="效益指标", level2="社会效益指标")]
    result = score_project(project(funds, {"合计": "100"}, inds), get_profile("sichuan-510000"))
    assert [r.recomputed for r in result.rows] == [D("10.00"), D("60.00"), D("0.00")]
    assert result.rows[0].working == "预算执行数 251.89 / 调整后预算数 251.89 ≥ 1，按 1 计 × 10 = 10.00"
    assert (result.total, result.grade) == (D("70.00"), "中")
    blank = score_project(project(funds, {}, [row("=100%", "", "60")]), get_profile("sichuan-510000"))
    assert blank.rows[1].working == "没有实际完成值，不计算" and blank.grade == ""
