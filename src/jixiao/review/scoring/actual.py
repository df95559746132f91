"""Reading what a self-evaluation writes in 实际完成值: a number with its unit ("735人次", "98%"),
a date, "无" (nothing: 0), a blank ("", "—", "/": no actual), or a sentence that states a band
("达成预期指标", "按时完成", "部分完成", "未达到")."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal

from jixiao.model.document import ValueKind
from jixiao.parse.values import parse_value

#: Cells that hold no actual value at all.
MISSING = frozenset({"", "—", "——", "-", "--", "－", "/", "／", "\\", "、", "无数据", "暂无", "不适用", "空"})
#: Cells that say "none happened": a count or amount of 0.
NOTHING = frozenset({"无", "没有", "零", "未发生", "无发生"})

#: Written statements of the qualitative band (10号's 达成 / 部分达成 / 未达成), tried in this order.
_BAND_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("未达成", ("未达成", "未完成", "未达到", "未达标", "未实现", "没有完成", "没有达到", "未按时")),
    ("部分达成", ("部分达成", "部分完成", "部分实现", "部分达到", "基本达成", "基本完成", "基本达到",
                  "基本实现")),
    ("达成", ("达成", "完成", "达到", "达标", "实现", "按时", "如期", "已落实", "按该标准", "按标准")),
)
_PUNCTUATION = re.compile(r"[\s、,，.。;；:：)）(（]+")
_SPACE = re.compile(r"[\s,，。;；:：、!！]+")

#: Units that scale into each other: unit -> (base unit, factor to the base).
UNIT_FACTORS: dict[str, tuple[str, Decimal]] = {
    "元": ("元", Decimal(1)), "千元": ("元", Decimal(1000)), "万元": ("元", Decimal(10000)),
    "亿元": ("元", Decimal(100000000)), "人次": ("人次", Decimal(1)), "万人次": ("人次", Decimal(10000)),
    "人": ("人", Decimal(1)), "万人": ("人", Decimal(10000)), "米": ("米", Decimal(1)),
    "公里": ("米", Decimal(1000)), "千米": ("米", Decimal(1000)), "km": ("米", Decimal(1000)),
    "亩": ("亩", Decimal(1)), "公顷": ("亩", Decimal(15)),
}


@dataclass(frozen=True, slots=True)
class Actual:
    """One 实际完成值 as the scorer reads it. ``kind``: missing, number, date, text."""

    kind: str
    text: str
    number: Decimal | None = None
    unit: str | None = None
    date: dt.date | None = None
    percent: bool = False
    nothing: bool = False  # "无" read as 0


def read_actual(text: str | None, year: int | None) -> Actual:
    stripped = (text or "").strip()
    if stripped in MISSING:
        return Actual("missing", stripped)
    if stripped in NOTHING:
        return Actual("number", stripped, Decimal(0), nothing=True)
    parsed = parse_value(stripped, year)
    if parsed.unit and _PUNCTUATION.fullmatch(parsed.unit):  # "2、": a list number or page debris
        return Actual("text", stripped)
    if isinstance(parsed.value, Decimal) and parsed.kind in (ValueKind.NUMBER, ValueKind.PERCENT):
        return Actual("number", stripped, parsed.value, parsed.unit, percent=parsed.kind is ValueKind.PERCENT)
    if isinstance(parsed.value, dt.date):
        return Actual("date", stripped, date=parsed.value)
    return Actual("text", stripped)


def band_in_text(text: str) -> str | None:
    """The band a sentence states: "达成预期指标" -> 达成, "基本完成" -> 部分达成, "未达到" -> 未达成."""
    bare = _SPACE.sub("", text)
    for band, words in _BAND_WORDS:
        if any(w in bare for w in words):
            return band
    return None


def convert(number: Decimal, unit: str | None, target_unit: str | None) -> tuple[Decimal, str | None]:
    """``number`` in ``unit`` expressed in ``target_unit`` when the two scale into each other
    (1200000 元 -> 120 万元); otherwise unchanged. Returns (number, note or None)."""
    if not unit or not target_unit or unit == target_unit:
        return number, None
    a, b = UNIT_FACTORS.get(unit), UNIT_FACTORS.get(target_unit)
    if a is None or b is None or a[0] != b[0]:
        return number, f"单位 {unit} 与目标单位 {target_unit} 不同，按数值比较"
    converted = number * a[1] / b[1]
    return converted, f"{_plain(number)}{unit} = {_plain(converted)}{target_unit}"


def _plain(value: Decimal) -> str:
    return format(value.normalize(), "f")
