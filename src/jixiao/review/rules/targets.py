"""Target values a form checker rejects outright: placeholders and blanks, units on qualitative values,
a direction that contradicts the meaning, and a satisfaction target of 100%."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from jixiao.i18n import _
from jixiao.model.document import Indicator, ValueKind
from jixiao.review.context import RuleContext
from jixiao.review.finding import Finding
from jixiao.review.measure import base_unit, fmt, l1
from jixiao.review.registry import rule
from jixiao.review.rules.categories import empty_row

_PLACEHOLDER = re.compile(
    r"^(?:[xX×＊*_\-—/／?？]+|无|待定|暂无|待补充|不详|略|null|none|n/?a)$", re.IGNORECASE
)
_PLACEHOLDER_IN = re.compile(r"[xX]{2}|×{2}|\*{2}|＊{2}")


def _value_text(ind: Indicator) -> str:
    if ind.value is None:
        return ""
    return ind.value.strip() if isinstance(ind.value, str) else str(ind.value)


@rule("VAL005", "placeholder-or-empty-value", "error", "values", title="指标值为空或占位符")
def placeholder_or_empty_value(ctx: RuleContext) -> Iterator[Finding]:
    """指标值为空或是占位符（XX、**、待定、无、“/”、“-”）。

    Every level-3 indicator needs a target value; budget systems refuse values made of "XX", "*",
    "_" or "-" and template left-overs such as "(≥**株)". A blank or placeholder value means the
    form was submitted unfinished.

    Fails: 培训人次 with value "XX"; 验收合格率 with no value at all.
    Passes: 培训人次 ≥300人次.
    """
    for project in ctx.doc.projects:
        for ind in project.indicators:
            if ind.value_kind is not ValueKind.TEXT and ind.value is not None:
                continue  # a number, percent or date is written (the test below, first: most rows)
            text = _value_text(ind)
            if empty_row(ind):
                continue  # a category row with nothing under it: empty-indicator-category
            if ind.value_kind is ValueKind.TEXT and text and not _PLACEHOLDER.match(text) \
                    and not _PLACEHOLDER_IN.search(text):
                continue
            if ind.value_kind is not ValueKind.TEXT and ind.value is not None:
                continue
            shown = _("“{value}”", value=text) if text else _("为空")
            yield ctx.finding(
                _("指标“{name}”的目标值{shown}，是未填写的占位内容", name=ind.name, shown=shown),
                project=project,
                indicator=ind,
                evidence=ind.raw or ind.name,
                expected=_("目标值（如 ≥95%、≥300人次，或分级的定性标准）"),
                context={"value": text},
            )


@rule("VAL006", "qualitative-value-with-unit", "warning", "values", title="定性指标带有单位")
def qualitative_value_with_unit(ctx: RuleContext) -> Iterator[Finding]:
    """定性（文字）指标值带有 %、个、万元等数量单位。

    "应保尽保 %" or "健全 个" mixes a 定性 value with a 定量 unit: either the number is missing or
    the unit was copied from the row above.

    Fails: 保证单位正常运转 — 应保尽保, unit %.
    Passes: 保证单位正常运转 — 应保尽保, no unit.
    """
    for project in ctx.doc.projects:
        for ind in project.indicators:
            if ind.value_kind is not ValueKind.TEXT:
                continue
            unit = base_unit(ind.unit)
            if not unit or not _value_text(ind):
                continue
            if _PLACEHOLDER.match(_value_text(ind)):
                continue
            yield ctx.finding(
                _("定性指标“{name}”的目标值“{value}”带有计量单位“{unit}”", name=ind.name,
                  value=_value_text(ind),
                  unit=ind.unit),
                project=project,
                indicator=ind,
                expected=_("带此单位的数值，或不带单位的定性值"),
                context={"unit": ind.unit or ""},
            )


_BAD_THINGS = re.compile(
    r"投诉|事故|差错|超支|发生率|损失|违规|违纪|失误|返工|逾期|不合格|死亡|伤亡|缺陷|误差"
)
_GOOD_RATES = re.compile(
    r"(?:合格|达标|完成|覆盖|满意|及时|知晓|通过|验收|到位|准确|出勤|普及|参与|利用)(?:率|度)$"
)


_COMPARISONS = frozenset({"≥", ">", "≤", "<"})


@lru_cache(maxsize=16384)
def _direction(name: str) -> str:
    """"bad" (lower is better), "good" (a rate, higher is better), "cost" (成本 in the name) or ""."""
    name = "".join(name.split())
    if _BAD_THINGS.search(name) and not _GOOD_RATES.search(name):
        return "bad"
    if _GOOD_RATES.search(name):
        return "good"
    return "cost" if "成本" in name else ""


@rule("VAL007", "operator-against-direction", "warning", "values", title="指标性质方向错误")
def operator_against_direction(ctx: RuleContext) -> Iterator[Finding]:
    """指标性质方向反了：“越少越好”的量用 ≥，“越高越好”的比率或成本上限用 ≤。

    Complaints, accidents, errors, losses and overspending are lower-is-better (≤); pass, completion,
    coverage, satisfaction and timeliness rates are higher-is-better (≥ or = 100%); a cost is a
    ceiling (≤). An operator the other way round makes the target trivially met or meaningless.

    Fails: 安全事故发生次数 ≥1次; 验收合格率 ≤90%; 单次培训成本 ≥1万元.
    Passes: 安全事故发生次数 ≤0次; 验收合格率 ≥95%; 单次培训成本 ≤1万元.
    """
    for project in ctx.doc.projects:
        for ind in project.indicators:
            if ind.operator not in _COMPARISONS or ind.number is None:
                continue
            up = ind.operator in {"≥", ">"}
            meaning = _direction(ind.name)
            if meaning == "bad":
                wrong, expected = up, "≤"
            elif meaning == "good":
                wrong, expected = not up, "≥"
            elif meaning == "cost" and base_unit(ind.unit) in {"元", "万元", "千元", "亿元"}:
                wrong, expected = up, "≤"
            else:
                continue
            if wrong:
                value = f"{fmt(ind.number)}{'%' if ind.value_kind is ValueKind.PERCENT else ind.unit or ''}"
                yield ctx.finding(
                    _("指标“{name}”的方向不对：{written}，应为 {operator}", name=ind.name,
                      written=f"{ind.operator}{value}",
                      operator=expected),
                    project=project,
                    indicator=ind,
                    expected=f"{expected}{value}",
                    context={"operator": ind.operator},
                )


@rule("VAL008", "satisfaction-target-100", "warning", "values", title="满意度指标值为100%")
def satisfaction_target_100(ctx: RuleContext) -> Iterator[Finding]:
    """满意度指标值为 =100% 或 ≥100%：既不现实，也无法通过调查衡量。

    Satisfaction is measured by sampling beneficiaries; demanding that every respondent be satisfied
    sets a target that one answer can miss. Typical targets are ≥85–95%.

    Fails: 职工满意度 =100%.
    Passes: 职工满意度 ≥95%.
    """
    for project in ctx.doc.projects:
        for ind in project.indicators:
            if ind.value_kind is not ValueKind.PERCENT or ind.number is None:
                continue
            if ("满意" in ind.name or l1(ind) == "满意度") and ind.number >= 100 and ind.operator != "≤":
                yield ctx.finding(
                    _("满意度指标“{name}”的目标为 {value}%，不现实也难以衡量", name=ind.name,
                      value=fmt(ind.number)),
                    project=project,
                    indicator=ind,
                    expected="≥85%–95%",
                )


@rule("VAL009", "quantitative-value-not-number", "error", "values", title="定量指标值不是数字")
def quantitative_value_not_number(ctx: RuleContext) -> Iterator[Finding]:
    """标为定量（定量，或写有 ≥/≤/=）的指标，其指标值不是数字。

    Budget systems reject a 定量 indicator whose value is text: "按月安排", "应保尽保", "不超预算"
    are either a qualitative value in the wrong type, or a number that was never filled in.

    Fails: 工作安排时间, 指标性质 定量, value 按月安排.
    Passes: 工作安排时间, 指标性质 定量, value ≥12次.
    """
    for project in ctx.doc.projects:
        for ind in project.indicators:
            if ind.value_kind is not ValueKind.TEXT:
                continue
            text = _value_text(ind)
            if not text or _PLACEHOLDER.match(text):
                continue
            marked = "定量" in (ind.nature or "") or ind.operator in {"≥", "≤", ">", "<"}
            if not marked:
                continue
            how = _("指标性质“{nature}”", nature=ind.nature) if ind.nature else _("运算符“{operator}”",
                    operator=ind.operator)
            yield ctx.finding(
                _("指标“{name}”按{how}是定量指标，但目标值“{value}”不是数值", name=ind.name, how=how,
                  value=text),
                project=project,
                indicator=ind,
                expected=_("带单位的数值，或把指标标为定性"),
                context={"value": text, "nature": ind.nature or "", "operator": ind.operator},
            )


@rule("VAL010", "missing-unit", "warning", "values", title="缺少计量单位")
def missing_unit(ctx: RuleContext) -> Iterator[Finding]:
    """定量指标值没有计量单位。

    Every quantitative indicator needs a unit; budget systems make it a required field (only 定性,
    定量（其他） and 不适用 are exempt). "开设课程数量 220" does not say whether it counts courses,
    class hours or sessions.

    Fails: 开设课程数量 220.
    Passes: 开设课程数量 ≥220门.
    """
    for project in ctx.doc.projects:
        for ind in project.indicators:
            if ind.value_kind is ValueKind.NUMBER and ind.number is not None and not base_unit(ind.unit):
                yield ctx.finding(
                    _("定量指标“{name}”的目标值 {value} 没有计量单位", name=ind.name, value=fmt(ind.number)),
                    project=project,
                    indicator=ind,
                    expected=_("{value} 加上计量单位（个、次、人、万元 …）", value=fmt(ind.number)),
                )
