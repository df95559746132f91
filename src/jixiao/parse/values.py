"""Indicator values: split "≥95%", "≤ 120万元", "2025年12月31日前", "健全" into operator/value/kind/unit.

The operator is normalised to one of :data:`jixiao.model.OPERATORS`: comparison signs in ASCII,
full-width or word form (不低于, 不高于, 达到 …) and suffixes (以上, 以内, 前 …) become ≥ ≤ > < =;
a bare number has no operator (``NO_OPERATOR``, not "="); text without digits is qualitative
("定性"). Dates become
:class:`datetime.date` (year-month only -> last day of that month); a bare number such as an Excel
serial "44561" stays a number; a date without its year ("12月底前") needs the document's year.
``ok`` is False when the text has digits but no reading of it fits, or is only punctuation; the value
is then the stripped text, kind TEXT, operator "定性".
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from functools import lru_cache
from typing import NamedTuple

from jixiao.model.document import NO_OPERATOR, IndicatorValue, ValueKind
from jixiao.parse.numbers import normalise, parse_decimal

#: Written operator -> normalised operator. Longest forms are tried first.
OPERATOR_WORDS: dict[str, str] = {
    ">=": "≥", "≥": "≥", "=>": "≥", "不低于": "≥", "不少于": "≥", "不小于": "≥", "大于等于": "≥",
    "大于或等于": "≥", "高于或等于": "≥", "至少": "≥", "不下于": "≥",
    "<=": "≤", "≤": "≤", "=<": "≤", "不高于": "≤", "不超过": "≤", "不多于": "≤", "不大于": "≤",
    "小于等于": "≤", "小于或等于": "≤", "低于或等于": "≤", "控制在": "≤", "最多": "≤",
    ">": ">", "大于": ">", "高于": ">", "超过": ">", "多于": ">",
    "<": "<", "小于": "<", "低于": "<", "少于": "<",
    "==": "=", "=": "=", "等于": "=", "达到": "=", "达": "=", "为": "=",
}

#: Suffix -> operator, used when no operator precedes the number.
SUFFIX_WORDS: dict[str, str] = {
    "以上": "≥", "及以上": "≥", "或以上": "≥", "以下": "≤", "及以下": "≤", "以内": "≤", "之内": "≤",
    "前": "≤", "之前": "≤", "以前": "≤", "前完成": "≤", "底前": "≤", "左右": "=",
}

#: Units as tables write them (goal commitments need one; a unit in brackets after a name must be one).
KNOWN_UNITS = (
    "万平方米", "万立方米", "万亩", "万人", "万户", "公斤", "厘米",
    "平方米", "立方米", "万人次", "人次", "户次", "亿元", "万元", "千元", "元", "公里", "千米", "米", "km",
    "亩", "公顷", "吨", "%", "‰", "个", "次", "份", "块", "天", "名", "人", "批", "户", "株", "场", "期",
    "家", "所", "项", "套", "台", "辆", "件", "篇", "册", "条", "座", "处", "间", "本", "张", "位", "支",
    "只", "棵", "头", "年", "月", "周", "小时", "课时", "学时", "班", "类", "栋", "盏", "把",
)

_OPS = "|".join(re.escape(w) for w in sorted(OPERATOR_WORDS, key=len, reverse=True))
_SUFS = "|".join(re.escape(w) for w in sorted(SUFFIX_WORDS, key=len, reverse=True))
_DATE = (
    r"(?P<y>(?:19|20)\d{2})\s*(?:年\s*(?P<m1>\d{1,2})\s*月\s*(?:(?P<d1>\d{1,2})\s*[日号]|(?P<end>底|末))?"
    r"|[-./](?P<m2>\d{1,2})[-./](?P<d2>\d{1,2})日?)"
)
_NUMBER = r"(?P<num>[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)"
_UNIT = r"(?P<unit>%|‰|[^\s\d≥≤<>=:;,。()%~\-]{1,8}?)"
VALUE_RE = re.compile(
    rf"(?P<op>{_OPS})?\s*(?:{_DATE}|{_NUMBER}\s*{_UNIT}?)\s*(?P<suf>{_SUFS})?[\s。;,.]*"
)
_MONTH_DAY = re.compile(
    rf"(?P<op>{_OPS})?\s*(?P<m>\d{{1,2}})\s*月\s*(?:(?P<d>\d{{1,2}})\s*[日号]|(?P<end>底|末))?\s*"
    rf"(?P<suf>{_SUFS})?[\s。;,.]*"
)
_DATE_ONLY_SUFFIXES = frozenset({"前", "之前", "以前", "前完成", "底前"})
_MAX_CACHED = 200
_DIGIT = re.compile(r"\d")
_WORDY = re.compile(r"[^\W\d_]")  # a letter or CJK character


class ParsedValue(NamedTuple):
    """A value as read (immutable; a NamedTuple: built several times faster than a frozen dataclass)."""

    operator: str
    value: IndicatorValue
    kind: ValueKind
    unit: str | None
    ok: bool


def _date(m: re.Match[str]) -> dt.date | None:
    year = int(m["y"])
    month = int(m["m1"] or m["m2"])
    day_text = m["d1"] or m["d2"]
    try:
        if day_text is None:
            return dt.date(year, month, calendar.monthrange(year, month)[1])
        return dt.date(year, month, int(day_text))
    except (ValueError, calendar.IllegalMonthError):
        return None


def _text(text: str, ok: bool) -> ParsedValue:
    return ParsedValue("定性", text, ValueKind.TEXT, None, ok)


def parse_value(text: str, year: int | None = None) -> ParsedValue:
    """Split one written indicator value into operator, value, kind and unit. Never raises.

    ``year`` (the document's budget year) turns a date written without one ("12月底前",
    "6月30日") into a date; without it such a value is kept as text (``ok`` True, operator ≤ for
    "前"/"底")."""
    stripped = text.strip()
    if len(stripped) > _MAX_CACHED:  # no value is this long; do not pin long text in the cache
        return parse_normalised.__wrapped__(stripped, normalise(stripped), year)
    return parse_normalised(stripped, normalise(stripped), year)


def _month_day(stripped: str, m: re.Match[str], year: int | None) -> ParsedValue:
    op = OPERATOR_WORDS[m["op"]] if m["op"] else SUFFIX_WORDS[m["suf"]] if m["suf"] else None
    if op is None and m["end"] is not None:
        op = "≤"
    if year is None:
        return ParsedValue(op or NO_OPERATOR, stripped, ValueKind.TEXT, None, True)
    month = int(m["m"])
    try:
        last = calendar.monthrange(year, month)[1]
        date = dt.date(year, month, int(m["d"]) if m["d"] else last)
    except (ValueError, calendar.IllegalMonthError):
        return _text(stripped, False)
    return ParsedValue(op or NO_OPERATOR, date, ValueKind.DATE, None, True)


@lru_cache(maxsize=8192)
def parse_normalised(stripped: str, t: str, year: int | None = None) -> ParsedValue:
    """:func:`parse_value` for a stripped text whose normalised form ``t`` is already at hand.

    Cached: published tables repeat the same few values ("100%", "健全", "≥2次") thousands of times,
    and a ParsedValue is immutable."""
    if not _DIGIT.search(t):
        return _text(stripped, _WORDY.search(t) is not None)
    if "月" in t:
        md = _MONTH_DAY.fullmatch(t)
        if md is not None and (md["d"] or md["end"] or md["suf"] in _DATE_ONLY_SUFFIXES):
            return _month_day(stripped, md, year)
    m = VALUE_RE.fullmatch(t)
    if m is None:
        return _text(stripped, False)
    op = OPERATOR_WORDS[m["op"]] if m["op"] else None
    suffix = SUFFIX_WORDS[m["suf"]] if m["suf"] else None
    if m["y"] is not None:
        date = _date(m)
        if date is None:
            return _text(stripped, False)
        if m["end"] is not None and op is None and suffix is None:
            suffix = "≤"
        return ParsedValue(op or suffix or NO_OPERATOR, date, ValueKind.DATE, None, True)
    number = parse_decimal(m["num"])
    if number is None:  # pragma: no cover - the regex only admits valid decimals
        return _text(stripped, False)
    unit = m["unit"]
    if m["suf"] in _DATE_ONLY_SUFFIXES:  # "前" only makes sense after a date; "30天前" is no comparison
        return _text(stripped, False)
    kind = ValueKind.PERCENT if unit in ("%", "‰") else ValueKind.NUMBER
    return ParsedValue(op or suffix or NO_OPERATOR, number, kind, unit, True)
