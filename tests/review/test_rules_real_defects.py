# ruff: noqa: E501  (one table row per line reads better than wrapped rows)
"""Rules against defects seen in real published tables (issue 9): each rule keeps a failing and a
passing case whose values are copied from a document in ``tests/corpus/published/`` (built by hand in
``review.real_documents``, not parsed: the review does not depend on how a parser reads these files)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from jixiao.model.document import Document, Unparsed
from jixiao.review.config import ReviewConfig
from jixiao.review.engine import review
from jixiao.review.finding import Finding
from review.builders import document, ind, project
from review.real_documents import (
    broadcast,
    chongqing,
    extra,
    handan,
    huangshi,
    jinghu,
    jinghu_deadline,
    kind,
    menyuan_breakfast,
    ningde_duties,
    ningde_funds,
    party_training,
    percent_in_wan,
    procurement,
    qingshen,
    qingshen_total,
    se,
    serial,
    tongxin,
    unparsed,
    with_empty_row,
    wuhai,
    wuhai_weighted,
    yongde,
    yongde_doc,
    yongde_with,
)

CaseFn = Callable[[], Document]


# (rule name, case id, document, expected number of findings of that rule; 0 = the passing case)
REAL_CASES: list[tuple[str, str, CaseFn, int]] = [
    ("amounts-do-not-add-up", "019-source-unexplained", lambda: huangshi(), 1),
    ("amounts-do-not-add-up", "005-duty-row-repeats-total", ningde_duties, 1),
    ("amounts-do-not-add-up", "005-funds-add-up", ningde_funds, 0),
    ("weights-do-not-add-up", "017-one-indicator-60-of-90", lambda: qingshen(), 1),
    ("weights-do-not-add-up", "037-100-plus-budget-10", lambda: yongde_doc(extra_row=True), 1),
    ("weights-do-not-add-up", "037-90-plus-budget-10", yongde_doc, 0),
    ("weights-do-not-add-up", "023-partial-table-not-summed", lambda: wuhai(*wuhai_weighted(), partial=True), 0),
    ("score-does-not-match-result", "031-party-training-12-of-26-full-marks", lambda: chongqing(party_training()), 1),
    ("score-does-not-match-result", "031-procurement-72.74-of-100-full-marks", lambda: chongqing(procurement()), 1),
    # 037: 资金到位及时率 met but scored 7; 政策知晓率 ═100% missed (98%) but scored 9 (engine: "=" met or not)
    ("score-does-not-match-result", "037-met-but-scored-7-and-missed-but-scored-9", yongde_doc, 2),
    ("score-does-not-match-result", "031-merged-cells-not-read",  # line 8: 预算调整率 3% | 0 | 100% run together
     lambda: chongqing(se(ind("质量指标", "预算调整率", "3", "%", "=", raw="预算调整率 % 3% 0100% 22 否"), "2", "2", "0100%")), 0),
    ("score-does-not-match-result", "031-exceeded-bare-target", lambda: chongqing(broadcast()), 0),
    ("missing-deviation-reason", "037-scored-7-no-reason", lambda: kind(document(project(yongde()[2:3]), year=2022), "selfeval"), 1),
    ("missing-deviation-reason", "037-full-marks", lambda: kind(document(project(yongde()[:2]), year=2022), "selfeval"), 0),
    ("actual-only-restates-target", "025-done-within-deadline", lambda: jinghu_deadline("实际在规定时间内完成"), 1),
    ("actual-only-restates-target", "031-good-is-good", lambda: chongqing(se(ind("质量指标", "资金使用合规性", "好"), "5", "5", "好")), 1),
    ("actual-only-restates-target", "025-measured", lambda: jinghu(fuel_actual="182人"), 0),
    ("self-evaluation-left-blank", "017-blank", lambda: qingshen(), 1),
    ("self-evaluation-left-blank", "037-filled", yongde_doc, 0),
    ("miss-reported-as-achieved", "025-fuel-164-of-180", lambda: jinghu(), 1),
    ("miss-reported-as-achieved", "025-fuel-164-of-180-in-prose", lambda: jinghu(in_prose=True), 1),
    ("miss-reported-as-achieved", "025-all-met", lambda: jinghu(fuel_actual="182人"), 0),
    ("template-text-left-in", "027-placeholder-in-name",
     lambda: tongxin(ind("数量指标", "黄金蜜(葡萄)种植数量(≥**株)", "17600", "株", raw="★补助各类瓜果蔬菜种植数量,黄金蜜(葡萄)种植数量(≥**株)>=17600株")), 1),
    ("template-text-left-in", "017-instructions", lambda: qingshen(), 2),
    ("template-text-left-in", "027-filled", lambda: tongxin(ind("数量指标", "黄金蜜(葡萄)种植数量", "17600", "株")), 0),
    ("template-text-left-in", "017-filled", lambda: qingshen(filled=True, instructions=False), 0),
    ("unit-name-mismatch", "027-population-in-households", lambda: tongxin(ind("社会效益指标", "受益脱贫户、监测户人口数", "10", "户")), 1),
    ("unit-name-mismatch", "037-people-in-person-times", lambda: tongxin(ind("数量指标", "学生受资助人数", "735", "人次")), 0),
    ("percent-out-of-range", "027-at-least-100", lambda: tongxin(ind("时效指标", "完成及时率", "100", "%", "≥")), 1),
    ("percent-out-of-range", "019-exactly-100", huangshi, 0),
    ("unit-contradicts-value", "pattern5-wan-with-percent", lambda: tongxin(percent_in_wan()), 1),
    ("unit-contradicts-value", "023-units-fit", lambda: wuhai(*wuhai_weighted()), 0),
    ("date-in-impossible-format", "023-excel-serial", lambda: wuhai(serial()), 1),
    ("date-in-impossible-format", "021-chinese-date",
     lambda: document(project([ind("时效指标", "项目完工时间", "2021-12-31", "date", raw="项目完工时间 2021年12月31日")], name="档案库房消防改造"), year=2021), 0),
    ("published-after-budget-year", "023-published-2022-09", lambda: wuhai(serial(), published="2022年09月12日"), 1),
    ("published-after-budget-year", "013-page-line-2022-03",  # 013 line 8, budget year 2021 (line 10)
     lambda: (lambda d: (d.unparsed.append(Unparsed("发布时间:2022-03-01 10:25:19 来源:广元市昭化区卫生计生局", None, "")), d)[1])(
         document(project([], name="特困家庭再扶助"), year=2021)), 1),
    ("published-after-budget-year", "027-label-then-date-2023-03",  # 027 line 5: 发文时间 | 2023-03-27
     lambda: (lambda d: (d.unparsed.extend([Unparsed("发文时间", None, ""), Unparsed("2023-03-27", None, "")]), d)[1])(
         document(project([], name="黄金蜜(葡萄)种植项目"), year=2023)), 0),
    ("published-after-budget-year", "027-published-2023-03", lambda: tongxin(ind("数量指标", "黄金蜜(葡萄)种植数量", "17600", "株"), published="2023-03-27"), 0),
    ("empty-indicator-category", "037-ecology-row-unparsed", lambda: yongde_with(lambda p: unparsed(p, "生态效益指标")), 1),
    ("empty-indicator-category", "037-ecology-row-as-indicator", lambda: yongde_with(with_empty_row), 1),
    ("empty-indicator-category", "037-without-the-row", yongde_doc, 0),
    ("missing-indicator-category", "019-no-benefit", lambda: huangshi(), 1),
    ("missing-indicator-category", "019-with-benefit", lambda: huangshi(benefit=True), 0),
    ("total-score-does-not-add-up", "037-total-98-rows-96", lambda: yongde_with(lambda p: extra(p, 总分="100 | 98 | 优")), 1),
    ("total-score-does-not-add-up", "037-total-96", lambda: yongde_with(lambda p: extra(p, 总分="100 | 96 | 优")), 0),
    ("total-score-does-not-add-up", "017-points-100", qingshen_total, 0),
    ("indicator-from-another-programme", "015-temporary-relief-basis-in-dibao", lambda: handan("按临时救助标准评价"), 1),
    ("indicator-from-another-programme", "015-dibao-basis", lambda: handan("按农村低保标准评价"), 0),
    ("graded-thresholds-not-distinct", "015-middle-equals-poor", lambda: handan("按农村低保标准评价"), 1),
    ("graded-thresholds-not-distinct", "015-poor-below-middle", lambda: handan("按农村低保标准评价", poor="70%"), 0),
    ("deadline-outside-budget-year", "menyuan-2021-date-in-2023-table",  # menyuan-2023.txt line 10, project 2
     lambda: document(project([ind("时效指标", "工作完成时限", "2021-12-28", "date")], seq="2", name="厂务公开经费", amount="4")), 1),
    ("deadline-outside-budget-year", "021-in-year",
     lambda: document(project([ind("时效指标", "项目完工时间", "2021-12-31", "date", raw="项目完工时间 2021年12月31日")], name="档案库房消防改造"), year=2021), 0),
    ("indicator-unrelated-to-project", "menyuan-exhibits-at-breakfast", lambda: menyuan_breakfast("展品安全保障率"), 1),
    ("indicator-unrelated-to-project", "menyuan-sanitation-workers", lambda: menyuan_breakfast("环卫工人早餐送达率"), 0),
]


def _run(name: str, doc: Document) -> list[Finding]:
    return [f for f in review(doc, ReviewConfig(select=(name,))).findings if f.name == name]


@pytest.mark.parametrize(("name", "case", "make", "expected"), REAL_CASES, ids=[f"{c[0]}:{c[1]}" for c in REAL_CASES])
def test_real_case(name: str, case: str, make: CaseFn, expected: int) -> None:
    found = _run(name, make())
    assert len(found) == expected, [f.message for f in found]
    for f in found:
        assert f.message and f.evidence, f"{name}:{case} finding without message or evidence"
        assert f.project is not None or name == "amounts-do-not-add-up"


def test_a_miss_with_full_marks_is_an_error_and_a_met_target_marked_down_a_warning() -> None:
    (miss,) = _run("score-does-not-match-result", chongqing(party_training()))
    assert miss.severity == "error" and "满分" in miss.message and "≥26次" in miss.message
    rows = {f.indicator: f for f in _run("score-does-not-match-result", yongde_doc())}
    down, missed = rows["资金到位及时率"], rows["政策知晓率"]
    assert down.severity == "warning" and down.indicator == "资金到位及时率"
    assert missed.indicator == "政策知晓率" and "98 ≠ 100，未达到 → 0.00" in missed.evidence


def test_the_duty_row_that_repeats_the_total_is_named() -> None:
    (found,) = _run("amounts-do-not-add-up", ningde_duties())
    assert "项目3 基本支出" in found.message and "就是合计本身" in found.message


def test_weights_follow_the_budget_points_of_the_funds_block() -> None:
    (found,) = _run("weights-do-not-add-up", yongde_doc(extra_row=True))
    assert "100" in found.message and "预算执行率另占 10 分" in found.message and found.severity == "error"
    (heavy,) = _run("weights-do-not-add-up", qingshen())
    assert heavy.severity == "warning" and heavy.indicator == "发放(缴纳)覆盖率"


def test_qualitative_repeat_is_info_and_a_bare_claim_a_warning() -> None:
    (same,) = _run("actual-only-restates-target", chongqing(se(ind("质量指标", "资金使用合规性", "好"), "5", "5", "好")))
    assert same.severity == "info"
    for claim in ("达成预期指标", "已完成", "完成", "达到", "≥95%"):
        doc = chongqing(se(ind("质量指标", "验收合格率", "95", "%"), "5", "5", claim))
        assert [f.severity for f in _run("actual-only-restates-target", doc)] == ["warning"], claim


@pytest.mark.parametrize("text", ["(≥**株)", "★补助各类", "XX人次", "指标2:", "说明原因(100字以内)", "对照年度目标,说明相关任务目标的完成情况"])
def test_template_marks_from_the_brief(text: str) -> None:
    doc = tongxin(ind("数量指标", text, "10", "个"))
    assert len(_run("template-text-left-in", doc)) == 1, text


def test_a_source_address_is_not_a_placeholder() -> None:
    doc = tongxin(ind("数量指标", "黄金蜜(葡萄)种植数量", "17600", "株"))
    doc.unparsed.append(Unparsed("# source: http://example.gov.cn/xx/2023/index.html", None, ""))
    assert _run("template-text-left-in", doc) == []


@pytest.mark.parametrize(("value", "expected"), [("12/31/2021", 1), ("2021年13月", 1), ("2021年2月30日", 1), ("2021年12月底前", 0)])
def test_impossible_date_formats(value: str, expected: int) -> None:
    doc = document(project([ind("时效指标", "工作完成时间", value)]), year=2021)
    assert len(_run("date-in-impossible-format", doc)) == expected


def test_empty_category_is_not_reported_twice() -> None:
    doc = yongde_with(with_empty_row)
    names = {f.name for f in review(doc).findings if f.indicator in ("", None) and f.name != "amounts-do-not-add-up"}
    assert "placeholder-or-empty-value" not in names and "empty-indicator-category" in names
