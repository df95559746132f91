"""Target values: measurable, in range, with an operator, in a unit that fits the name, and not an
input (money spent) posing as an output."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from jixiao.i18n import _
from jixiao.model.document import Indicator, Project, ValueKind
from jixiao.review.context import RuleContext
from jixiao.review.finding import Finding
from jixiao.review.measure import COUNT_UNITS, MONEY_FACTORS, base_unit, fmt, l1
from jixiao.review.registry import rule

_VAGUE = re.compile(
    r"^(?:进一步|明显|有效|显著|有所|逐步|持续|不断|大幅|稳步|全面|切实|积极)?"
    r"(?:提升|提高|改善|促进|增强|加强|增加|优化|推动|推进|好转|改进|上升|减少|降低|下降)+$"
)
_RATE_NAME = re.compile(r"(?:率|比例|占比|比重)$|满意度$")


def _text_value(ind: Indicator) -> str:
    return ind.value.strip() if isinstance(ind.value, str) else ""


@rule("VAL001", "vague-target-value", "warning", "values", title="指标值含糊")
def vague_target_value(ctx: RuleContext) -> Iterator[Finding]:
    """指标值只有含糊的词（提升、改善、进一步提高），或比率用文字表示。

    Targets must be measurable: a number, or a qualitative grade a reviewer can check against a
    scale (财预〔2015〕88号 细化量化; the "模糊化" problem in local review lists). A value made only of
    vague verbs of change, with no baseline or scale, cannot be evaluated. A 率/比例 indicator whose
    value is text ("及时") has no measurable target either.

    Fails: 基层工会办公条件改善 — 改善.
    Passes: 基层工会办公用房达标率 ≥90%.
    """
    for project in ctx.doc.projects:
        for ind in project.indicators:
            if ind.value_kind is not ValueKind.TEXT:
                continue
            text = _text_value(ind)
            if not text:
                continue
            if _VAGUE.match(text):
                yield ctx.finding(
                    _("指标“{name}”的目标值“{value}”只是模糊表述，无法衡量", name=ind.name, value=text),
                    project=project,
                    indicator=ind,
                    expected=_("有基准的数值（如 ≥90%），或分级标准"),
                    context={"value": text, "level1": l1(ind) or ""},
                )
            elif _RATE_NAME.search(ind.name):
                yield ctx.finding(
                    _("比率类指标“{name}”的目标值是文字“{value}”，不是可衡量的数值", name=ind.name,
                      value=text),
                    project=project,
                    indicator=ind,
                    expected=_("百分比（如 ≥95%）"),
                    context={"value": text},
                )


_GROWTH = ("增长", "增幅", "增速", "提高", "提升", "下降", "降低", "减少", "增加", "变化")


@lru_cache(maxsize=16384)
def _growth(name: str) -> bool:
    """The name is about growth or change (增长率 …): its percentage may exceed 100%."""
    return any(w in name for w in _GROWTH)


@rule("VAL002", "percent-out-of-range", "warning", "values", title="百分比超出范围",
      params={"min_satisfaction": "50"})
def percent_out_of_range(ctx: RuleContext) -> Iterator[Finding]:
    """百分比不在 0–100% 之间，或满意度指标值低得不合理。

    Rates and shares are between 0% and 100% (names about growth or change such as 增长率 may exceed
    100%). A satisfaction (满意度) target below ``min_satisfaction`` % is not a credible target. A
    floor at the top of the range cannot be exceeded: ">100%" can never be met (warning) and "≥100%"
    can only mean "=100%" (info; satisfaction targets of 100% are ``satisfaction-target-100``'s).

    Fails: 验收合格率 ≥120%; 群众满意度 ≥30%; 完成及时率 >=100% (同心县下马关镇, 027; info).
    Passes: 验收合格率 ≥95%; 群众满意度 ≥90%; 培训完成率 100% (黄石市委党校, 019).
    """
    low = ctx.param_decimal("min_satisfaction")
    for project in ctx.doc.projects:
        for ind in project.indicators:
            if ind.value_kind is not ValueKind.PERCENT:
                continue
            number = ind.number
            if number is None:
                continue
            growth = _growth(ind.name)
            if number < 0 or (number > 100 and not growth):
                yield ctx.finding(
                    _("指标“{name}”的百分比 {value}% 超出 0–100% 的范围", name=ind.name, value=fmt(number)),
                    project=project,
                    indicator=ind,
                    expected=_("0% 到 100% 之间的百分比"),
                    context={"value": f"{fmt(number)}%"},
                )
            elif number == 100 and ind.operator in {">", "≥"} and not growth and "满意" not in ind.name:
                yield ctx.finding(
                    (_("指标“{name}”的目标 {operator}100% 不可能达到", name=ind.name, operator=ind.operator)
                     if ind.operator == ">" else
                     _("指标“{name}”的目标 {operator}100% 不可能超过 100%，实际就是 =100%", name=ind.name,
                       operator=ind.operator)),
                    project=project,
                    indicator=ind,
                    expected=_("=100%，或低于 100% 的下限（如 ≥95%）"),
                    severity="warning" if ind.operator == ">" else "info",
                    context={"value": f"{ind.operator}100%"},
                )
            elif "满意" in ind.name and number < low:
                yield ctx.finding(
                    _("满意度指标“{name}”的目标 {value}% 低得不可信", name=ind.name, value=fmt(number)),
                    project=project,
                    indicator=ind,
                    expected=f"≥ {fmt(low)}%",
                    context={"value": f"{fmt(number)}%"},
                )


_OPERATOR_WORDS = re.compile(
    r"[≥≤=＝><≧≦﹥﹤＞＜═]|不低于|不少于|不高于|不超过|不多于|大于|小于|等于|高于|低于|以上|以下|以内|至少|达到|超过|未超|控制在"
)


_MEASURED = (ValueKind.NUMBER, ValueKind.PERCENT)


@rule("VAL003", "missing-operator", "warning", "values", title="缺少指标性质")
def missing_operator(ctx: RuleContext) -> Iterator[Finding]:
    """定量指标值只是一个数字，没有 ≥、≤ 或 =（缺少指标性质）。

    Whether "98%" is a floor, a ceiling or an exact value decides how the indicator is scored, so
    quantitative values need an operator (财预〔2021〕101号 指标性质: ≥, ≤, =, 定性). A bare 100% is
    unambiguous and not reported. A satisfaction target given as a bare number is common and is
    reported as info.

    Fails: 举办活动天数 30天; 环卫工人满意度 98% (info).
    Passes: 举办活动天数 ≥30天; 验收合格率 100%.
    """
    for project in ctx.doc.projects:
        for ind in project.indicators:
            if ind.operator in {"≥", "≤", ">", "<"} or ind.value_kind not in _MEASURED:
                continue
            number = ind.number
            if number is None or (ind.value_kind is ValueKind.PERCENT and number == 100):
                continue
            at = ind.raw.find(ind.name) if ind.name else -1
            if _OPERATOR_WORDS.search(ind.raw, at + len(ind.name) if at >= 0 else 0):
                continue
            satisfaction = "满意" in ind.name or l1(ind) == "满意度"
            shown = f"{fmt(number)}{'%' if ind.value_kind is ValueKind.PERCENT else ind.unit or ''}"
            yield ctx.finding(
                _("指标“{name}”的目标值 {value} 没有写明 ≥、≤ 或 =", name=ind.name, value=shown),
                project=project,
                indicator=ind,
                expected=_("≥{value}、≤{value} 或 ={value}", value=shown),
                severity="info" if satisfaction else None,
                context={"value": shown},
            )


def _unit_kind(ind: Indicator) -> str:
    return _kind_of(ind.unit, ind.value_kind)


@lru_cache(maxsize=4096)
def _kind_of(written: str | None, value_kind: ValueKind) -> str:
    unit = base_unit(written)
    if value_kind is ValueKind.PERCENT or unit in {"%", "％", "‰"}:
        return "percent"
    if unit in MONEY_FACTORS:
        return "money"
    if unit in COUNT_UNITS:
        return "count"
    if value_kind is ValueKind.DATE:
        return "date"
    return "other" if unit else "none"


_EXPECT = (
    (re.compile(r"(?:率|比例|占比|比重|满意度)$"), "percent", "%"),
    (re.compile(r"(?:金额|成本|资金|费用|经费|单价)$"), "money", "元/万元"),
    (re.compile(r"(?:数量|次数|人数|个数|户数|场次|天数)$"), "count", "个/次/人 …"),
)


@rule("VAL004", "unit-name-mismatch", "warning", "values", title="单位与指标名称不符")
def unit_name_mismatch(ctx: RuleContext) -> Iterator[Finding]:
    """计量单位与指标名称所衡量的不符：“率”用万元、“金额”用 %、“次数”用日期。

    Names ending in 率/比例/占比/满意度 are percentages; names ending in 金额/成本/资金/费用 are money;
    names ending in 数量/次数/人数/个数 are counts. A value whose unit belongs to another of these kinds
    is a slipped column or a wrong unit (e.g. "业务工作支出安排金额 28.8万元" with unit %). A count
    must also count what the name says: a 人数/人口数 in people (人, 名, 人次), a 户数 in households,
    a 天数 in days.

    Fails: 资金到位率 28.8万元; 培训成本 ≤5%; 受益脱贫户、监测户人口数 ≥10户 (同心县下马关镇, 027).
    Passes: 资金到位率 100%; 培训成本 ≤5万元; 学生受资助人数 ≥735人次 (永德县明朗中学, 037).
    """
    for project in ctx.doc.projects:
        for ind in project.indicators:
            expect, counted = _name_kinds(ind.name)
            if expect is None and counted is None:
                continue  # the name says nothing about its unit (most names)
            kind = _unit_kind(ind)
            reported = False
            if expect is not None:
                expected_kind, unit = expect
                if kind in {"percent", "money", "count", "date"} and kind != expected_kind:
                    reported = True
                    written = ind.unit or ("%" if kind == "percent" else kind)
                    yield ctx.finding(
                        _("指标“{name}”的单位“{unit}”与名称不符，应为{expected}", name=ind.name, unit=written,
                          expected=unit),
                        project=project,
                        indicator=ind,
                        expected=unit,
                        context={"unit": written, "expected_kind": expected_kind},
                    )
            if not reported and counted is not None:
                yield from _count_noun(ctx, project, ind, counted)


@lru_cache(maxsize=16384)
def _name_kinds(name: str) -> tuple[tuple[str, str] | None, tuple[str, frozenset[str], str] | None]:
    """What the name says its unit is: (the kind and the units shown, from the first of ``_EXPECT``
    that matches) and (the counted noun as written, the units that count it and how they are shown,
    from the first of ``_COUNTED`` that matches)."""
    name = "".join(name.split())
    expect = next(((kind, unit) for pattern, kind, unit in _EXPECT if pattern.search(name)), None)
    counted = None
    for pattern, units, shown in _COUNTED:
        match = pattern.search(name)
        if match is not None:
            counted = (match.group(0), units, shown)
            break
    return expect, counted


#: A count's noun and the units that count it ("人口数" in 人, not 户).
_COUNTED = (
    (re.compile(r"(?:人口数|人数|人口|人员数)$"), frozenset(["人", "名", "人次", "万人", "万人次", "位"]),
     "人/名/人次"),
    (re.compile(r"户数$"), frozenset({"户", "户次", "万户"}), "户"),
    (re.compile(r"天数$"), frozenset({"天", "日", "工作日", "个工作日"}), "天/日"),
)


def _count_noun(ctx: RuleContext, project: Project, ind: Indicator,
                counted: tuple[str, frozenset[str], str]) -> Iterator[Finding]:
    unit = base_unit(ind.unit)
    if unit not in COUNT_UNITS:
        return
    noun, units, shown = counted
    if unit not in units:
        yield ctx.finding(
            _("指标“{name}”按名称计的是{noun}，单位却是“{unit}”，应为{expected}", name=ind.name,
              noun=noun, unit=ind.unit, expected=shown),
            project=project,
            indicator=ind,
            expected=shown,
            context={"unit": ind.unit or "", "expected_kind": "count"},
        )


_INPUTS = re.compile(
    r"预算执行率|(?:资金|经费|补贴|补助|拨款)(?:到位|支付|拨付)率|资金到位|足额保障率|科目调整次数|结余率|"
    r"(?:资金|支出|经费)安排金额"
)


@rule("CON004", "input-as-output", "error", "consistency", title="投入当作产出")
def input_as_output(ctx: RuleContext) -> Iterator[Finding]:
    """把预算执行过程的投入（预算执行率、资金到位率、结余率 …）当作产出或效益指标。

    Money put in is not a result: "财力、人力和物力等投入数量不能作为绩效目标". 预算执行率 is scored
    separately in self-evaluation (财预〔2020〕10号), so counting it again as an output or benefit
    double-scores spending. Indicators filed under 成本 are not reported.

    Fails: 补贴资金到位率 100% under 产出/质量指标.
    Passes: 补贴发放准确率 100% under 产出/质量指标.
    """
    for project in ctx.doc.projects:
        for ind in project.indicators:
            level1 = l1(ind)
            if level1 not in {"产出", "效益"}:
                continue
            matched = _input_words(ind.name)
            if matched is None:
                continue
            yield ctx.finding(
                _("“{name}”衡量的是资金投入或预算执行（{matched}），不能作为{level1}指标", name=ind.name,
                  matched=matched, level1=level1),
                project=project,
                indicator=ind,
                expected=_("支出的产出或效果（如 补贴发放人数、发放准确率）"),
                context={"matched": matched, "level1": level1},
            )


@lru_cache(maxsize=16384)
def _input_words(name: str) -> str | None:
    """The words of ``name`` that measure money put in (资金到位率 …), None when there are none."""
    match = _INPUTS.search("".join(name.split()))
    return None if match is None else match.group(0)


