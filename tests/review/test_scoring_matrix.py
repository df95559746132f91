"""Every scoring profile × every indicator kind and edge case, one table (issue 10).

Each row is a kind (higher/lower/"="/date/band/zero target/actual 0/missing actual/over-achievement/
negative) with the score every profile gives it; a profile differs from 10号 only where its source
says so (pmkpi's linear ≤ and "=" as ≥, Jiangxi's bands). Then what the profiles decide for a whole
project: default points (budget 10 or 20), weights that do not add up, grade boundaries."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jixiao.model.document import Indicator, Project
from jixiao.parse.values import parse_value
from jixiao.review.scoring import PROFILES, get_profile, score_indicator, score_project

D = Decimal


def row(target: str, actual: str | None, weight: str = "10", **extra: str) -> Indicator:
    parsed = parse_value(target, 2023)
    return Indicator("产出指标", "数量指标", "指标", parsed.operator, parsed.value, parsed.kind, parsed.unit,
                     target, weight=D(weight), actual=actual, extra=dict(extra))


#: (kind, target, actual, score under 10号, {profile: score where it differs}); None: not scored
KINDS: list[tuple[str, str, str | None, str | None, dict[str, str | None]]] = [
    ("higher", "≥180人", "164人", "9.11", {}),
    ("higher-over-achieved-capped", "≥28次", "40次", "10.00", {}),
    ("higher-actual-0", "≥2个", "0个", "0.00", {}),
    ("higher-zero-target", "≥0", "3", "10.00", {}),
    ("higher-negative-actual", "≥10%", "-5%", "0.00", {}),
    ("percent", "≥95%", "92.15%", "9.70", {}),
    ("lower-overrun", "≤120万元", "150万元", "8.00", {"pmkpi": "7.50"}),
    ("lower-met", "≤120万元", "100万元", "10.00", {}),
    ("lower-actual-0", "≤2%", "0", "10.00", {}),
    ("lower-zero-target-met", "≤0起", "无", "10.00", {}),
    ("lower-zero-target-exceeded", "≤0起", "1起", "0.00", {}),
    ("equals-met", "=100%", "100%", "10.00", {}),
    ("equals-not-met", "=100%", "98%", "0.00", {"pmkpi": "9.80"}),
    ("equals-zero-met", "=0", "0", "10.00", {}),
    ("no-sign-to-reach", "100%", "92%", "9.20", {}),
    ("date-on-time", "2023年12月底前", "2023年11月20日", "10.00", {}),
    ("date-late", "≤2023年6月30日", "2023年7月15日", "0.00", {}),
    ("date-as-dates-not-text", "2023年12月31日前", "2023年12月31日", "10.00", {}),
    ("band-achieved", "有效", "达成预期指标", "10.00", {}),
    ("band-partly", "有效", "部分完成", "8.00", {}),
    ("band-missed", "有效", "未完成", "6.00", {"jiangxi": "5.00"}),
    ("band-without-band", "有效", "有效", None, {}),
    ("missing-actual", "≥95%", None, None, {}),
    ("blank-actual", "≥95%", "—", None, {}),
    ("unreadable-actual", "≥95%", "完成率98%", None, {}),
    ("list-number-is-no-actual", "≥95%", "2、", None, {}),
]
MATRIX = [(p, *k) for p in PROFILES for k in KINDS]


@pytest.mark.parametrize(("profile", "kind", "target", "actual", "expected", "differs"), MATRIX,
                         ids=[f"{m[0]}:{m[1]}" for m in MATRIX])
def test_every_profile_scores_every_kind(profile: str, kind: str, target: str, actual: str | None,
                                         expected: str | None, differs: dict[str, str | None]) -> None:
    want = differs.get(profile, expected)
    result = score_indicator(row(target, actual), D(10), get_profile(profile), 2023)
    assert result.score == (None if want is None else D(want)), result.working
    assert result.working  # every score, and every refusal, carries its working


@pytest.mark.parametrize("profile", list(PROFILES))
def test_a_band_is_recorded(profile: str) -> None:
    result = score_indicator(row("高", "高", 评价等级="部分达成:70%"), D(10), get_profile(profile))
    assert (result.score, result.band, result.band_from) == (D("7.00"), "部分达成", "表中评价等级")
    assert result.method == "band"


def _project(*indicators: Indicator, funds: dict[str, str] | None = None) -> Project:
    p = Project("1", "测试项目", None, indicators=list(indicators))
    p.funds = {k: D(v) for k, v in (funds or {"年度资金总额/全年预算数": "100",
                                               "年度资金总额/全年执行数": "80"}).items()}
    return p


@pytest.mark.parametrize(("profile", "budget", "points"), [
    ("czy2020-10", "8.00", "10"), ("hubei", "16.00", "20"), ("sichuan-510000", "8.00", "10"),
    ("pmkpi", "8.00", "10"), ("jiangxi", "8.00", "10"),
])
def test_budget_points_per_profile(profile: str, budget: str, points: str) -> None:
    result = score_project(_project(row("≥10个", "10个", "90")), get_profile(profile))
    assert (result.rows[0].recomputed, result.rows[0].weight) == (D(budget), D(points))
    assert result.rows[0].working.endswith(f"× {points} = {budget}")


@pytest.mark.parametrize("profile", list(PROFILES))
def test_weights_that_do_not_add_up_are_used_as_written(profile: str) -> None:
    """A table whose weights make 60, not 90: the engine scores each row out of its own weight and
    adds them up (70 with the budget row, 中); WGT001 reports the weights themselves."""
    funds = {"年度资金总额/全年预算数": "100", "年度资金总额/全年执行数": "100", "年度资金总额/分值": "10"}
    result = score_project(_project(row("≥10个", "10个", "30"), row("≥10个", "12个", "30"), funds=funds),
                           get_profile(profile))
    assert [r.recomputed for r in result.rows] == [D("10.00"), D("30.00"), D("30.00")]
    assert (result.total, result.grade) == (D("70.00"), "中")


@pytest.mark.parametrize(("total", "grade"), [("90.00", "优"), ("89.99", "良"), ("80.00", "良"),
                                              ("79.99", "中"), ("60.00", "中"), ("59.99", "差")])
def test_grade_boundaries_on_a_recomputed_total(total: str, grade: str) -> None:
    """优 ≥ 90, 良 80–90, 中 60–80, 差 < 60 on the total the rows give (a ≥ row scored to the cent)."""
    actual = (D(total) - 10) * 100 / 90  # a ≥100 row of 90 points reaching this share
    funds = {"年度资金总额/全年预算数": "1", "年度资金总额/全年执行数": "1"}
    result = score_project(_project(row("≥100", f"{actual:.4f}", "90"), funds=funds), get_profile())
    assert (result.total, result.grade) == (D(total), grade)


def test_scores_without_weights_are_not_compared_with_default_weights() -> None:
    """found 155 (Baoshan 20 + 80 form): 得分 but no 分值. No default weight is invented."""
    ind = row("≥20000亩", "20000亩")
    ind.weight, ind.score = None, D("15")
    result = score_project(_project(ind), get_profile())
    assert result.rows[1].weight is None and result.rows[1].status == "not-scored"
    assert any("没有分值" in note for note in result.notes)
