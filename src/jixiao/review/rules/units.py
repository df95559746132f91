"""The unit column against the value: a percentage in 万元, "28.8万元" filed with unit %."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from jixiao.i18n import N_, _
from jixiao.model.document import Indicator, ValueKind
from jixiao.review.context import RuleContext
from jixiao.review.finding import Finding
from jixiao.review.measure import COUNT_UNITS, MONEY_FACTORS, base_unit, fmt
from jixiao.review.registry import rule

_PERCENT = frozenset({"%", "％", "‰"})
_KIND_NAMES = {"money": N_("金额"), "percent": N_("百分比"), "count": N_("数量")}


@lru_cache(maxsize=4096)
def unit_kind(unit: str | None) -> str | None:
    """"money", "percent" or "count" for a unit as written; None for anything else."""
    base = base_unit(unit)
    if base in _PERCENT:
        return "percent"
    if base in MONEY_FACTORS:
        return "money"
    if base in COUNT_UNITS:
        return "count"
    return None


_ALL_UNITS = [*MONEY_FACTORS, *_PERCENT, *COUNT_UNITS]
_UNITS = "|".join(sorted((re.escape(u) for u in _ALL_UNITS), key=len, reverse=True))
_MARKS = re.compile("[元%％‰]")
_PERCENT_MARK = re.compile("[%％‰]")
_WRITTEN = re.compile(rf"(\d(?:[\d,，.]*\d)?)\s*({_UNITS})")


def _written_unit(ind: Indicator) -> str | None:
    """The unit written right after the target value itself in the row as the table shows it ("28.8万元"
    -> 万元); other figures of the row (完成值, 得分系数 …) are not the value's."""
    text = ind.raw
    if ind.number is None or _MARKS.search(text) is None:
        return None  # only money and percentages are compared
    if ind.name and ind.name in text:
        text = text.split(ind.name, 1)[1]
    for match in _WRITTEN.finditer(text):
        try:
            number = Decimal(match.group(1).replace(",", "").replace("，", ""))
        except InvalidOperation:
            continue
        if number == ind.number:
            return match.group(2)
    return None


def _shown(ind: Indicator) -> str:
    if ind.number is None:
        return str(ind.value or "")
    return f"{fmt(ind.number)}{'%' if ind.value_kind is ValueKind.PERCENT else ''}"


@rule("VAL011", "unit-contradicts-value", "error", "values", title="计量单位与数值矛盾")
def unit_contradicts_value(ctx: RuleContext) -> Iterator[Finding]:
    """计量单位与数值相矛盾：百分比用万元、金额用 %、个数用万元。

    The value and its unit column must say the same thing. A percentage whose unit is 万元 or 个, or a
    value written as "28.8万元" whose unit column says %, cannot both be right: either the unit was
    copied from another row or the value slipped a column, and the indicator cannot be scored. (A name
    that does not fit its unit is ``unit-name-mismatch``'s.)

    Fails: 业务工作支出安排金额 "28.8万元" with unit % (corpus pattern 5); 资金到位率 100% with unit 万元.
    Passes: 出差总成本 =1 万元 (乌海市供销社, 023); 工作任务完成率 =100 % (023).
    """
    for project in ctx.doc.projects:
        for ind in project.indicators:
            column = unit_kind(ind.unit)
            if column is None:
                continue
            if ind.value_kind is ValueKind.PERCENT and column != "percent":
                written, kind = "%", "percent"
            else:
                # the value can only be written in money or percent of another kind than the column if
                # the row shows that kind's mark at all (money units all end in 元)
                if column == "percent" and "元" not in ind.raw:
                    continue
                if column == "money" and not _PERCENT_MARK.search(ind.raw):
                    continue
                found = _written_unit(ind)
                kind = unit_kind(found) or ""
                if found is None or kind not in {"money", "percent"} or kind == column:
                    continue
                written = found
            yield ctx.finding(
                _("指标“{name}”的值 {value} 是{kind}（{written}），计量单位却是“{unit}”（{column}）",
                  name=ind.name,
                  value=_shown(ind), kind=_(_KIND_NAMES[kind]), written=written, unit=ind.unit,
                  column=_(_KIND_NAMES[column])),
                project=project,
                indicator=ind,
                expected=_("与数值相符的单位（{written}），或与“{unit}”相符的数值", written=written,
                           unit=ind.unit),
                context={"unit": ind.unit or "", "written": written},
            )
