"""How the official tables write amounts, values and indicator lists.

The list layout puts every indicator of a project in one cell, in the conventional form the parser
reads back::

    一、产出指标
    (一)数量指标:
    1.举办活动天数 30天
    2.举办场次 1次
    二、效益指标
    ...

Level names are written as the document wrote them, minus any numbering it carried, so
``"(一)数量指标:"`` and ``"数量指标"`` both come out as ``(一)数量指标:``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal

from jixiao.model.document import Goal, Indicator, ValueKind

_CN_DIGITS = "零一二三四五六七八九"
_NUMBERING = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+\s*[、.．]|[（(]\s*[一二三四五六七八九十\d]+\s*[)）]|\d+\s*[、.．])\s*"
)
_TRAILING = re.compile(r"\s*[:：]\s*$")


def chinese_numeral(n: int) -> str:
    """1 -> 一, 10 -> 十, 12 -> 十二, 20 -> 二十, 99 -> 九十九 (enough for headings)."""
    if n < 1 or n > 99:
        return str(n)
    tens, ones = divmod(n, 10)
    if tens == 0:
        return _CN_DIGITS[ones]
    head = "" if tens == 1 else _CN_DIGITS[tens]
    return head + "十" + (_CN_DIGITS[ones] if ones else "")


def amount_text(amount: Decimal | None) -> str:
    """An amount in one format, two decimals ("30.00", "4.00"); empty when unknown.

    An amount given with more than two decimals keeps them all (no export loses a digit).
    """
    if amount is None:
        return ""
    exponent = amount.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -2:
        return f"{amount:f}"
    return f"{amount.quantize(Decimal('0.01')):f}"


def date_text(value: dt.date) -> str:
    return f"{value.year}年{value.month}月{value.day}日"


def value_text(ind: Indicator) -> str:
    """Operator, value and unit as one cell: ``≥2000份``, ``=100%`` (written), ``100%``, ``健全``."""
    value = ind.value
    if value is None:
        body = ""
    elif isinstance(value, dt.date):
        body = date_text(value)
    else:
        body = str(value)
    unit = ind.unit or ""
    if ind.value_kind is ValueKind.PERCENT and not unit:
        unit = "%"
    if ind.value_kind in (ValueKind.TEXT, ValueKind.DATE):
        unit = "" if unit in body else unit
    # as written: a written "=" is shown, no operator (NO_OPERATOR) is not, 定性 never
    op = ind.operator if ind.operator in ("≥", "≤", "=", ">", "<") else ""
    return f"{op}{body}{unit}"


def level_name(name: str | None) -> str:
    """A level heading without the numbering or trailing colon it was written with."""
    if not name:
        return ""
    return _TRAILING.sub("", _NUMBERING.sub("", name.strip()))


def item_text(number: int, ind: Indicator) -> str:
    value = value_text(ind)
    return f"{number}.{ind.name} {value}" if value else f"{number}.{ind.name}"


@dataclass(frozen=True, slots=True)
class Group:
    """Consecutive indicators sharing level 1 and level 2 (as written, numbering removed)."""

    level1: str
    level2: str
    indicators: tuple[Indicator, ...]


def groups(indicators: Sequence[Indicator]) -> Iterator[Group]:
    current: list[Indicator] = []
    key: tuple[str, str] | None = None
    for ind in indicators:
        k = (level_name(ind.level1), level_name(ind.level2))
        if key is not None and k != key:
            yield Group(key[0], key[1], tuple(current))
            current = []
        key = k
        current.append(ind)
    if key is not None:
        yield Group(key[0], key[1], tuple(current))


def indicator_lines(indicators: Sequence[Indicator]) -> list[str]:
    """The indicators as heading and item lines, numbered the conventional way."""
    lines: list[str] = []
    n1 = n2 = 0
    last1: str | None = None
    for group in groups(indicators):
        if group.level1 != last1:
            last1 = group.level1
            n2 = 0
            if group.level1:
                n1 += 1
                lines.append(f"{chinese_numeral(n1)}、{group.level1}")
        if group.level2:
            n2 += 1
            lines.append(f"({chinese_numeral(n2)}){group.level2}:")
        lines.extend(item_text(i, ind) for i, ind in enumerate(group.indicators, 1))
    return lines


def goal_lines(goals: Sequence[Goal]) -> list[str]:
    return [g.text for g in goals if g.text.strip()]
