"""The grammar of a 绩效指标 cell: headings set the levels, each item becomes one Indicator.

Handles the forms of published tables: "一、产出指标 (一)数量指标: 1.举办活动天数 30天",
"1.补贴人数: 7名", "1.政策知晓率≥98%", "公用及慰问金额: 0.21万元", an item with no number, a level-1
with no level-2 heading, "(四)成本指标" without a colon, dates, qualitative values, template
placeholders "(≥**株)". Anything it cannot place (an item with no value, a value it cannot read, a
heading with nothing under it) is returned verbatim as :class:`Unparsed` with its location.

Locations: when the cell's location has a ``span`` (text sources), spans are absolute offsets in the
source text; otherwise they are offsets inside the cell text.
"""

from __future__ import annotations

import re
from dataclasses import replace

from jixiao.model.document import Indicator, Unparsed, ValueKind
from jixiao.model.location import Location
from jixiao.parse.indicator_scan import Segment, scan
from jixiao.parse.numbers import normalise
from jixiao.parse.values import OPERATOR_WORDS, ParsedValue, parse_value

_ITEM_NUMBER = re.compile(r"^\s*(?:\d{1,3}\s*[.、](?!\d)|\(\d{1,3}\)|[①-⑳])?\s*[★☆※*]*\s*")
_PLACEHOLDER = re.compile(r"[(（][^()（）]*(?:\*\*|＊＊|XX|xx)[^()（）]*[)）]")
_OPS = "|".join(re.escape(w) for w in sorted(OPERATOR_WORDS, key=len, reverse=True) if len(w) > 1 or
                not w.isalnum())
_VALUE_START = re.compile(rf"(?:{_OPS})|(?<![\d.,~/:-])\d")
_LAST_SPACE = re.compile(r"\s+(?=\S+$)")
_WORDY = re.compile(r"[^\W\d_]")
_TRIM = " \t\r\n:：,，、"


def _name(text: str) -> str:
    """The indicator name without placeholders; empty when it has no letter or CJK character."""
    name = _PLACEHOLDER.sub("", text).strip(_TRIM)
    return name if _WORDY.search(name) else ""


def split_item(body: str) -> tuple[str, ParsedValue] | None:
    """Split one item (its number already removed) into a name and a value, or None."""
    norm = normalise(body)
    colon = norm.find(":")
    if colon > 0:
        name = _name(body[:colon])
        if name:
            value = parse_value(body[colon + 1 :])
            return (name, value) if value.ok else None
    for m in _VALUE_START.finditer(norm):
        if m.start() == 0:
            continue
        value = parse_value(body[m.start() :])
        if value.ok and value.kind is not ValueKind.TEXT:
            name = _name(body[: m.start()])
            return (name, value) if name else None
    space = _LAST_SPACE.search(norm)
    if space is not None:
        value = parse_value(body[space.end() :])
        name = _name(body[: space.start()])
        if value.ok and name:
            return name, value
    return None


def _located(base: Location | None, start: int, end: int) -> Location:
    if base is None:
        return Location(span=(start, end))
    offset = base.span[0] if base.span is not None else 0
    return replace(base, span=(offset + start, offset + end))


class _Levels:
    """The current level-1 / level-2 headings and whether any indicator sits under them yet."""

    def __init__(self, names: tuple[str | None, str | None]) -> None:
        self.l1: Segment | None = None
        self.l2: Segment | None = None
        self.l1_name, self.l2_name = names
        self.l1_used = False
        self.l2_used = False


def parse_indicator_text(
    text: str, location: Location | None = None, levels: tuple[str | None, str | None] = (None, None)
) -> tuple[list[Indicator], list[Unparsed]]:
    """Parse a 绩效指标 cell into indicators and the unparsed rest. Never raises.

    ``levels`` are the (level1, level2) names in force before the text starts, for a cell that
    continues another one (a project row split by a page break).
    """
    indicators: list[Indicator] = []
    unparsed: list[Unparsed] = []
    lv = _Levels(levels)

    def drop_heading(seg: Segment | None, used: bool) -> None:
        if seg is not None and not used:
            unparsed.append(
                Unparsed(seg.text(text), _located(location, seg.start, seg.end), "heading with no indicators")
            )

    for seg in scan(text):
        if seg.kind == "markup":
            continue
        if seg.kind == "level1":
            drop_heading(lv.l2, lv.l2_used)
            drop_heading(lv.l1, lv.l1_used)
            lv.l1, lv.l2, lv.l1_used, lv.l2_used = seg, None, False, False
            lv.l1_name, lv.l2_name = seg.name, None
        elif seg.kind == "level2":
            drop_heading(lv.l2, lv.l2_used)
            lv.l2, lv.l2_used, lv.l2_name = seg, False, seg.name
        else:
            raw = seg.text(text)
            loc = _located(location, seg.start, seg.end)
            number = _ITEM_NUMBER.match(raw)
            body = raw[number.end() :] if number else raw
            split = split_item(body)
            if split is None:
                unparsed.append(Unparsed(raw, loc, "indicator without a readable value"))
                continue
            name, value = split
            indicators.append(Indicator(
                level1=lv.l1_name,
                level2=lv.l2_name,
                name=name, operator=value.operator, value=value.value, value_kind=value.kind,
                unit=value.unit, raw=raw, location=loc,
            ))
            lv.l1_used = lv.l1_used or lv.l1 is not None
            lv.l2_used = lv.l2_used or lv.l2 is not None
    drop_heading(lv.l2, lv.l2_used)
    drop_heading(lv.l1, lv.l1_used)
    return indicators, unparsed
