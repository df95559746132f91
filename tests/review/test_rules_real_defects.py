# ruff: noqa: E501  (one table row per line reads better than wrapped rows)
"""Rules against defects seen in real published tables (issue 9): each rule keeps a failing and a
passing case whose values are copied from a document in ``tests/corpus/published/`` (file:line in the
comment). The documents are built by hand (``review.builders``), not parsed: the review does not
depend on how a parser reads these files."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest

from jixiao.model.document import Document, Indicator, Project, Unparsed, ValueKind
from jixiao.review.config import ReviewConfig
from jixiao.review.engine import review
from jixiao.review.finding import Finding
from review.builders import document, goal, ind, project, scored

CaseFn = Callable[[], Document]


def _se(indicator: Indicator, weight: str, score: str | None, actual: str | None, **extra: str) -> Indicator:
    """A self-evaluation row: 分值, 得分, 实际完成值 and further columns (得分系数 …)."""
    scored(indicator, weight, score)
    indicator.actual = actual
    indicator.extra.update(extra)
    return indicator


def _kind(doc: Document, kind: str, *, partial: str | None = None) -> Document:
    doc.kind, doc.partial = kind, partial
    return doc


def _extra(p: Project, **fields: str) -> Project:
    p.extra.update(fields)
    return p


def _unparsed(p: Project, *texts: str) -> Project:
    p.unparsed.extend(Unparsed(t, None, "no grammar") for t in texts)
    return p


# 037 永德县明朗中学 义务教育营养改善计划 自评表 (lines 19-37): target, actual, 分值, 得分.
def _yongde(*, budget_points: str = "10", extra_row: bool = False) -> list[Indicator]:
    rows = [
        _se(ind("数量指标", "学生受资助人数", "735", "人次", raw="学生受资助人数 ≧ 735 人次"), "10", "10", "735"),
        _se(ind("质量指标", "营养改善计划覆盖率", "100", "%", raw="营养改善计划覆盖率 ≧ 100 %"), "10", "10", "100%"),
        _se(ind("时效指标", "资金到位及时率", "100", "%", raw="资金到位及时率 ≧ 100 %"), "10", "7", "100%"),
        _se(ind("成本指标", "生均补助标准达标率", "100", "%", "=", raw="生均补助标准达标率 ═ 100 %"), "10", "10", "100%"),
        _se(ind("经济效益指标", "减轻贫困学生家庭经济负担", "有效"), "10", "10", "有效"),
        _se(ind("社会效益指标", "政策知晓率", "100", "%", "=", raw="政策知晓率 ═ 100 %"), "10", "9", "98%"),
        _se(ind("可持续影响指标", "促进学校教育事业健康发展", "100", "%"), "10", "10", "100%"),
        _se(ind("服务对象满意度指标", "学生满意度", "95", "%"), "10", "10", "100%"),
        _se(ind("服务对象满意度指标", "家长满意度", "95", "%"), "10", "10", "100%"),
    ]
    if extra_row:  # the same table with a tenth row of 10 points: 100 + 预算执行率 10 = 110
        rows.append(_se(ind("社会效益指标", "学生体质达标率", "90", "%"), "10", "10", "92%"))
    return rows


def _yongde_doc(**kw: bool) -> Document:
    funds = {"年度资金总额/年初预算数": "387664.62", "年度资金总额/全年预算数": "387664.62", "年度资金总额/分值": "10",
             "年度资金总额/得分": "10", "其中财政拨款/年初预算数": "387664.62", "其中财政拨款/全年预算数": "387664.62"}
    p = project(_yongde(**kw), name="义务教育营养改善计划专项资金", amount="387664.62", funds=funds)
    return _kind(document(p, year=2022), "selfeval")


# 017 青神县发改局 工资性支出 自评表: 发放(缴纳)覆盖率 = 100 % 权重 60, 足额保障率 = 100 % 权重 30 (lines 84-99),
# 完成值/得分 blank; 预算执行 权重 10 (line 40); template instructions left in (lines 23, 107-111).
def _qingshen(*, filled: bool = False, instructions: bool = True) -> Document:
    a = ind("数量指标", "发放(缴纳)覆盖率", "100", "%", "=", raw="发放(缴纳)覆盖率 = 100 %")
    b = ind("社会效益指标", "足额保障率(参保率)", "100", "%", "=", raw="足额保障率(参保率) = 100 %")
    _se(a, "60", "60" if filled else None, "100%" if filled else None)
    _se(b, "30", "30" if filled else None, "100%" if filled else None)
    p = project([a, b], name="51000021R000000019951-工资性支出", amount="251.89",
                funds={"年度资金总额/调整后预算数": "251.89", "年度资金总额/权重": "10"})
    if instructions:
        _extra(p, goal_actual="对照年度目标,说明相关任务目标的完成情况(100字以内)",
               评价结论="结合自评情况,说明项目自评总分,说明项目实施取得的成效或成果。(200字以内)")
    else:
        _extra(p, goal_actual="工资及社保均按月足额发放")
    return _kind(document(p, year=2023), "selfeval")


def _qingshen_total() -> Document:  # 017 lines 102-103: 合计 100 (= 60 + 30 + 预算执行 10)
    doc = _qingshen()
    _extra(doc.projects[0], 合计="100")
    return doc


# 019 黄石市委党校 主体班 批复表: 项目金额 164 / 当年市级财政资金 132 (line 8); indicators lines 14-26, no 效益.
def _huangshi(*, benefit: bool = False) -> Document:
    rows = [
        ind("数量指标", "主体班培训人次", "280", "人次", "="), ind("数量指标", "开设课程数量", "220", "门", "="),
        ind("质量指标", "培训完成率", "100", "%", "="), ind("时效指标", "及时完成率", "100", "%", "="),
        ind("成本指标", "成本控制率", "100", "%", "="), ind("服务对象满意度指标", "培训学员对培训效果满意度", "95", "%"),
    ]
    if benefit:
        rows.append(ind("社会效益指标", "学员党性修养提升率", "90", "%"))
    return document(project(rows, name="主体班", amount="164", funds={"年度资金总额": "164", "其中财政拨款": "132"}),
                    year=2022)


# 005 宁德市党史和地方志研究室 部门整体 (lines 21-23 资金总额/项目支出/基本支出; lines 35-37 履职 rows).
def _ningde_duties() -> Document:
    rows = [("1", "地情、市志编纂与年鉴出版经费", "49.8"), ("2", "地情、市志编纂与年鉴出版经费", "11"), ("3", "基本支出", "171.41")]
    return _kind(document(*(project([], seq=s, name=n, amount=a) for s, n, a in rows), year=2019, total="171.41"),
                 "unit-overall")


def _ningde_funds() -> Document:
    funds = {"资金总额": "171.41", "项目支出": "60.8", "基本支出": "110.61"}
    return _kind(document(project([], name="中共宁德市委党史和地方志研究室", amount="171.41", funds=funds), year=2019),
                 "unit-overall")


# 031 重庆科学城融媒体中心 整体自评 (OCR, lines 8-9): 年初指标值 / 全年完成值 / 得分系数 / 权重 / 得分.
def _chongqing(*rows: Indicator) -> Document:
    return _kind(document(project(list(rows), name="部门整体支出"), year=2021), "unit-overall", partial="line 9")


def _party_training() -> Indicator:
    return _se(ind("数量指标", "党性教育培训次数", "26", "次", "=", raw="党性教育培训次数 次 26次 12次 100% 5 5"),
               "5", None, "12次", 得分系数="100%")


def _procurement() -> Indicator:
    return _se(ind("质量指标", "政府采购执行率", "100", "%", "=", raw="政府采购执行率 % 100% 72.74% 100% 2 2"),
               "2", "2", "72.74%")


def _broadcast() -> Indicator:
    return _se(ind("数量指标", "播发稿件数量", "2200", "篇", "=", raw="播发稿件数量 篇 2200篇 2859篇 100% 10 10"),
               "10", "10", "2859篇")


# 025 镜湖区残联 自评 (prose, lines 15-18).
_JINGHU_SUMMARY = "对照总体绩效目标,该资金项目已按照计划完成目标,完成质量较好,达到预期效果。"


def _jinghu(*, fuel_actual: str = "164人", summary: str = _JINGHU_SUMMARY) -> Document:
    rows = [
        _se(ind("数量指标", "资助接受托养服务人次数", "105", "人"), "10", None, "116人"),
        _se(ind("数量指标", "发放残疾人机动轮椅车燃油补贴人次数", "180", "人"), "10", None, fuel_actual),
    ]
    p = _extra(project(rows, name="2023年中央残疾人事业发展补助资金"), 总体绩效目标完成情况=summary)
    return _kind(document(p, year=2023), "selfeval")


def _jinghu_deadline(actual: str) -> Document:
    row = _se(ind("时效指标", "项目完成时间", "2023-12-31", "date", raw="项目完成时间年初指标值为2023年12月底"), "10", None, actual)
    return _kind(document(project([row], name="2023年中央残疾人事业发展补助资金"), year=2023), "selfeval")


# 027 同心县下马关镇 黄金蜜(葡萄)种植项目 (prose, lines 11-15).
def _tongxin(*rows: Indicator, published: str | None = None) -> Document:
    p = project(list(rows), name="下马关镇设施农业黄金蜜(葡萄)种植项目", amount="50")
    if published:
        _extra(p, 发文时间=published)
    return document(p, year=2023)


# 023 乌海市供销社 再生资源回收市场管理经费 (lines 8, 22-32).
def _wuhai(*rows: Indicator, published: str | None = None, partial: bool = False) -> Document:
    p = project(list(rows), name="再生资源回收市场管理经费", amount="3", funds={"资金总额": "3", "其中财政拨款": "3", "其他资金": "0"})
    if published:
        _extra(p, 发布时间=published)
    return _kind(document(p, year=2021), "target", partial="line 33" if partial else None)


def _serial() -> Indicator:
    row = ind("时效指标", "项目财政资金到位时间", "44561", None, "=", raw="产出指标 时效指标 项目财政资金到位时间 正向 = 44,561 44,561 10")
    row.value, row.value_kind, row.unit = Decimal(44561), ValueKind.NUMBER, "44,561"
    return row


def _wuhai_weighted() -> list[Indicator]:
    rows = [("数量指标", "出差人数", "8", "人", "4"), ("数量指标", "出差人次", "24", "人次", "4"), ("质量指标", "工作任务完成率", "100", "%", "4"),
            ("时效指标", "财政资金到位及时支付率", "100", "%", "4"), ("成本指标", "出差总成本", "1", "万元", "4"),
            ("成本指标", "劳务人员总成本", "2", "万元", "4"), ("成本指标", "年度预算总成本", "3", "万元", "4")]
    return [scored(ind(l2, n, v, u, "="), w) for l2, n, v, u, w in rows]


def _percent_in_wan() -> Indicator:  # corpus README pattern 5: "28.8万元" filed with unit %
    row = ind("数量指标", "业务工作支出安排金额", "28.8", "%", "=", raw="业务工作支出安排金额 28.8万元 %")
    return row


# 037 line 27: the 生态效益指标 row is printed empty.
def _empty_row() -> Indicator:
    row = ind("生态效益指标", "", "0", "%", level1="效益指标", raw="生态效益 指标")
    row.value, row.value_kind = None, ValueKind.TEXT
    return row


def _yongde_with(p: Callable[[Project], Project]) -> Document:
    doc = _yongde_doc()
    p(doc.projects[0])
    return doc


def _menyuan_breakfast(name: str) -> Document:  # src/jixiao/examples/menyuan-2023.txt line 9
    rows = [ind("数量指标", "举办活动天数", "30", "天", "="), ind("数量指标", "举办场次", "1", "次", "="),
            ind("质量指标", name, "100", "%", "="), ind("质量指标", "环卫工人覆盖率", "100", "%", "="),
            ind("成本指标", "爱心早餐成本", "30", "万元", "≤")]
    return document(project(rows, name="环卫工人爱心早餐", amount="30", goals=[goal("向一线环卫工人开展送爱心早餐活动")]))


# 015 邯郸 2019 中央困难群众救助 (农村低保) 目标表, line 22 (traditional script, converted): goal 保障农村低保金的发放;
# 救助覆盖率 优/良/中/差 100%/90%/85%/85%, basis 按临时救助标准评价.
def _handan(basis: str, poor: str = "85%") -> Document:
    row = ind("数量指标", "救助覆盖率", "100", "%", raw=f"救助覆盖率 困难群众基本生活救助是否应救尽救 100% 90% 85% {poor} {basis}")
    row.extra.update({"优": "100%", "良": "90%", "中": "85%", "差": poor, "评价标准确定依据": basis})
    p = project([row], name="2019年中央财政困难群众救助补助", goals=[goal("保障农村低保金的发放,保障农村低保户的基本生活")])
    return document(p, year=2019)


# (rule name, case id, document, expected number of findings of that rule; 0 = the passing case)
REAL_CASES: list[tuple[str, str, CaseFn, int]] = [
    ("amounts-do-not-add-up", "019-source-unexplained", lambda: _huangshi(), 1),
    ("amounts-do-not-add-up", "005-duty-row-repeats-total", _ningde_duties, 1),
    ("amounts-do-not-add-up", "005-funds-add-up", _ningde_funds, 0),
    ("weights-do-not-add-up", "017-one-indicator-60-of-90", lambda: _qingshen(), 1),
    ("weights-do-not-add-up", "037-100-plus-budget-10", lambda: _yongde_doc(extra_row=True), 1),
    ("weights-do-not-add-up", "037-90-plus-budget-10", _yongde_doc, 0),
    ("weights-do-not-add-up", "023-partial-table-not-summed", lambda: _wuhai(*_wuhai_weighted(), partial=True), 0),
    ("score-does-not-match-result", "031-party-training-12-of-26-full-marks", lambda: _chongqing(_party_training()), 1),
    ("score-does-not-match-result", "031-procurement-72.74-of-100-full-marks", lambda: _chongqing(_procurement()), 1),
    ("score-does-not-match-result", "037-met-but-scored-7", _yongde_doc, 1),
    ("score-does-not-match-result", "031-exceeded-bare-target", lambda: _chongqing(_broadcast()), 0),
    ("missing-deviation-reason", "037-scored-7-no-reason", lambda: _kind(document(project(_yongde()[2:3]), year=2022), "selfeval"), 1),
    ("missing-deviation-reason", "037-full-marks", lambda: _kind(document(project(_yongde()[:2]), year=2022), "selfeval"), 0),
    ("actual-only-restates-target", "025-done-within-deadline", lambda: _jinghu_deadline("实际在规定时间内完成"), 1),
    ("actual-only-restates-target", "031-good-is-good", lambda: _chongqing(_se(ind("质量指标", "资金使用合规性", "好"), "5", "5", "好")), 1),
    ("actual-only-restates-target", "025-measured", lambda: _jinghu(fuel_actual="182人"), 0),
    ("self-evaluation-left-blank", "017-blank", lambda: _qingshen(), 1),
    ("self-evaluation-left-blank", "037-filled", _yongde_doc, 0),
    ("miss-reported-as-achieved", "025-fuel-164-of-180", lambda: _jinghu(), 1),
    ("miss-reported-as-achieved", "025-all-met", lambda: _jinghu(fuel_actual="182人"), 0),
    ("template-text-left-in", "027-placeholder-in-name",
     lambda: _tongxin(ind("数量指标", "黄金蜜(葡萄)种植数量(≥**株)", "17600", "株", raw="★补助各类瓜果蔬菜种植数量,黄金蜜(葡萄)种植数量(≥**株)>=17600株")), 1),
    ("template-text-left-in", "017-instructions", lambda: _qingshen(), 2),
    ("template-text-left-in", "027-filled", lambda: _tongxin(ind("数量指标", "黄金蜜(葡萄)种植数量", "17600", "株")), 0),
    ("template-text-left-in", "017-filled", lambda: _qingshen(filled=True, instructions=False), 0),
    ("unit-name-mismatch", "027-population-in-households", lambda: _tongxin(ind("社会效益指标", "受益脱贫户、监测户人口数", "10", "户")), 1),
    ("unit-name-mismatch", "037-people-in-person-times", lambda: _tongxin(ind("数量指标", "学生受资助人数", "735", "人次")), 0),
    ("percent-out-of-range", "027-at-least-100", lambda: _tongxin(ind("时效指标", "完成及时率", "100", "%", "≥")), 1),
    ("percent-out-of-range", "019-exactly-100", _huangshi, 0),
    ("unit-contradicts-value", "pattern5-wan-with-percent", lambda: _tongxin(_percent_in_wan()), 1),
    ("unit-contradicts-value", "023-units-fit", lambda: _wuhai(*_wuhai_weighted()), 0),
    ("date-in-impossible-format", "023-excel-serial", lambda: _wuhai(_serial()), 1),
    ("date-in-impossible-format", "021-chinese-date",
     lambda: document(project([ind("时效指标", "项目完工时间", "2021-12-31", "date", raw="项目完工时间 2021年12月31日")], name="档案库房消防改造"), year=2021), 0),
    ("published-after-budget-year", "023-published-2022-09", lambda: _wuhai(_serial(), published="2022年09月12日"), 1),
    ("published-after-budget-year", "027-published-2023-03", lambda: _tongxin(ind("数量指标", "黄金蜜(葡萄)种植数量", "17600", "株"), published="2023-03-27"), 0),
    ("empty-indicator-category", "037-ecology-row-unparsed", lambda: _yongde_with(lambda p: _unparsed(p, "生态效益指标")), 1),
    ("empty-indicator-category", "037-ecology-row-as-indicator", lambda: _yongde_with(lambda p: (p.indicators.append(_empty_row()), p)[1]), 1),
    ("empty-indicator-category", "037-without-the-row", _yongde_doc, 0),
    ("missing-indicator-category", "019-no-benefit", lambda: _huangshi(), 1),
    ("missing-indicator-category", "019-with-benefit", lambda: _huangshi(benefit=True), 0),
    ("total-score-does-not-add-up", "037-total-98-rows-96", lambda: _yongde_with(lambda p: _extra(p, 总分="100 | 98 | 优")), 1),
    ("total-score-does-not-add-up", "037-total-96", lambda: _yongde_with(lambda p: _extra(p, 总分="100 | 96 | 优")), 0),
    ("total-score-does-not-add-up", "017-points-100", _qingshen_total, 0),
    ("indicator-from-another-programme", "015-temporary-relief-basis-in-dibao", lambda: _handan("按临时救助标准评价"), 1),
    ("indicator-from-another-programme", "015-dibao-basis", lambda: _handan("按农村低保标准评价"), 0),
    ("graded-thresholds-not-distinct", "015-middle-equals-poor", lambda: _handan("按农村低保标准评价"), 1),
    ("graded-thresholds-not-distinct", "015-poor-below-middle", lambda: _handan("按农村低保标准评价", poor="70%"), 0),
    ("deadline-outside-budget-year", "menyuan-2021-date-in-2023-table",  # menyuan-2023.txt line 10, project 2
     lambda: document(project([ind("时效指标", "工作完成时限", "2021-12-28", "date")], seq="2", name="厂务公开经费", amount="4")), 1),
    ("deadline-outside-budget-year", "021-in-year",
     lambda: document(project([ind("时效指标", "项目完工时间", "2021-12-31", "date", raw="项目完工时间 2021年12月31日")], name="档案库房消防改造"), year=2021), 0),
    ("indicator-unrelated-to-project", "menyuan-exhibits-at-breakfast", lambda: _menyuan_breakfast("展品安全保障率"), 1),
    ("indicator-unrelated-to-project", "menyuan-sanitation-workers", lambda: _menyuan_breakfast("环卫工人早餐送达率"), 0),
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
    (miss,) = _run("score-does-not-match-result", _chongqing(_party_training()))
    assert miss.severity == "error" and "满分" in miss.message and "≥26次" in miss.message
    (down,) = _run("score-does-not-match-result", _yongde_doc())
    assert down.severity == "warning" and down.indicator == "资金到位及时率"


def test_the_duty_row_that_repeats_the_total_is_named() -> None:
    (found,) = _run("amounts-do-not-add-up", _ningde_duties())
    assert "项目3 基本支出" in found.message and "就是合计本身" in found.message


def test_weights_follow_the_budget_points_of_the_funds_block() -> None:
    (found,) = _run("weights-do-not-add-up", _yongde_doc(extra_row=True))
    assert "100" in found.message and "预算执行率另占 10 分" in found.message and found.severity == "error"
    (heavy,) = _run("weights-do-not-add-up", _qingshen())
    assert heavy.severity == "warning" and heavy.indicator == "发放(缴纳)覆盖率"


def test_qualitative_repeat_is_info_and_a_bare_claim_a_warning() -> None:
    (same,) = _run("actual-only-restates-target", _chongqing(_se(ind("质量指标", "资金使用合规性", "好"), "5", "5", "好")))
    assert same.severity == "info"
    for claim in ("达成预期指标", "已完成", "完成", "达到", "≥95%"):
        doc = _chongqing(_se(ind("质量指标", "验收合格率", "95", "%"), "5", "5", claim))
        assert [f.severity for f in _run("actual-only-restates-target", doc)] == ["warning"], claim


@pytest.mark.parametrize("text", ["(≥**株)", "★补助各类", "XX人次", "指标2:", "说明原因(100字以内)", "对照年度目标,说明相关任务目标的完成情况"])
def test_template_marks_from_the_brief(text: str) -> None:
    doc = _tongxin(ind("数量指标", text, "10", "个"))
    assert len(_run("template-text-left-in", doc)) == 1, text


@pytest.mark.parametrize(("value", "expected"), [("12/31/2021", 1), ("2021年13月", 1), ("2021年2月30日", 1), ("2021年12月底前", 0)])
def test_impossible_date_formats(value: str, expected: int) -> None:
    doc = document(project([ind("时效指标", "工作完成时间", value)]), year=2021)
    assert len(_run("date-in-impossible-format", doc)) == expected


def test_empty_category_is_not_reported_twice() -> None:
    doc = _yongde_with(lambda p: (p.indicators.append(_empty_row()), p)[1])
    names = {f.name for f in review(doc).findings if f.indicator in ("", None) and f.name != "amounts-do-not-add-up"}
    assert "placeholder-or-empty-value" not in names and "empty-indicator-category" in names
