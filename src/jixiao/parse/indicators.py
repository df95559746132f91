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
from functools import lru_cache
from sys import intern

from jixiao.model.document import Indicator, Unparsed, ValueKind
from jixiao.model.location import Location
from jixiao.parse.indicator_scan import Segment, located, scan
from jixiao.parse.numbers import normalise
from jixiao.parse.values import KNOWN_UNITS, OPERATOR_WORDS, ParsedValue, parse_normalised

_ITEM_NUMBER = re.compile(r"\s*(?:\d{1,3}\s*[.、](?!\d)|\(\d{1,3}\)|[①-⑳])?\s*[★☆※*]*\s*")
_PLACEHOLDER = re.compile(r"[(（][^()（）]*(?:\*\*|＊＊|XX|xx)[^()（）]*[)）]")
_OPS = "|".join(re.escape(w) for w in sorted(OPERATOR_WORDS, key=len, reverse=True) if len(w) > 1 or
                not w.isalnum())
_OP_FIRST = re.escape("".join(sorted({w[0] for w in OPERATOR_WORDS})))
#: A name part ending like this is no name: the value started before the space ("≥ 30", "不低于 10个").
_NAME_ENDS = (*OPERATOR_WORDS, *"0123456789")
_VALUE_START = re.compile(rf"(?=[{_OP_FIRST}0-9])(?:{_OPS}|(?<![\d.,~/:-])\d)")
#: Longest indicator name accepted (published names run to ~40 characters); longer text is prose.
MAX_NAME = 60
#: Longest item read as an indicator (name + value); longer text is kept as unparsed prose.
MAX_ITEM = 200
#: Longest qualitative value accepted after a space ("健全", "按要求完成", "逐步提升").
MAX_QUALITATIVE = 16
_NAME_UNIT = re.compile(r"[(（]\s*(%|％|‰|[^\W\d_]{1,3}(?:/[^\W\d_]{1,3})?)\s*[)）]$")
#: Target words a qualitative item may end with when nothing separates them from the name.
QUALITATIVE_WORDS = ("提高", "提升", "改善", "增强", "健全", "完善", "合理", "及时", "明显", "显著", "有效",
                     "达标", "合格", "良好", "稳定", "规范", "到位")
_QUALITATIVE_END = re.compile(
    rf"(?:明显|显著|进一步|有效|逐步|持续|大幅|稳步|不断)?(?:{'|'.join(QUALITATIVE_WORDS)})[\s。;,.]*$"
)
_DIGIT = re.compile(r"\d")
_WORDY = re.compile(r"[^\W\d_]")
_TRIM = " \t\r\n:：,，、"


def _name(text: str) -> str:
    """The indicator name without placeholders; empty unless it looks like a name: a letter or CJK
    character, at most :data:`MAX_NAME` characters, no table pipe, at most one line break (a name
    wrapped in its cell, joined again)."""
    if "*" in text or "＊" in text or "X" in text or "x" in text:
        text = _PLACEHOLDER.sub("", text)
    name = text.strip(_TRIM)
    if "\n" in name:
        if name.count("\n") > 1:
            return ""
        name = "".join(part.strip() for part in name.split("\n"))
    if len(name) > MAX_NAME or "|" in name:
        return ""
    return name if _WORDY.search(name) else ""


def unit_from_name(name: str, kind: ValueKind) -> tuple[str | None, ValueKind]:
    """"满意度(%) ≥90", "人均成本（元） ≤500": the unit written in brackets at the end of the name."""
    m = _NAME_UNIT.search(name)
    if m is None:
        return None, kind
    unit = m.group(1)
    if not all(part in KNOWN_UNITS for part in unit.replace("％", "%").split("/")):
        return None, kind  # "黄金蜜(葡萄)" names a variety, not a unit
    return unit, ValueKind.PERCENT if unit in ("%", "％", "‰") else kind


def _value(body: str, norm: str, start: int, year: int | None) -> ParsedValue:
    return parse_normalised(body[start:].strip(), norm[start:].strip(), year)


def split_item(
    body: str, norm: str | None = None, year: int | None = None
) -> tuple[str, ParsedValue] | None:
    """Split one item (its number already removed) into a name and a value, or None.

    ``norm`` is ``normalise(body)`` when the caller has it already; ``year`` completes dates
    written without one (see :func:`jixiao.parse.values.parse_value`)."""
    if len(body) > MAX_ITEM:
        return None  # prose, not an indicator; also bounds the work on hostile input
    if norm is None:
        norm = normalise(body)
    colon = norm.find(":")
    if colon > 0:
        name = _name(body[:colon])
        if name:
            value = _value(body, norm, colon + 1, year)
            return (name, value) if value.ok else None
    space = norm.rstrip().rfind(" ")
    if space > 0 and not norm[:space].rstrip().endswith(_NAME_ENDS):  # fast path: "name value"
        value = _value(body, norm, space + 1, year)
        if value.ok and value.operator != "定性":
            name = _name(body[:space])
            if name:
                return name, value
    for m in _VALUE_START.finditer(norm):
        if m.start() == 0:
            continue
        value = _value(body, norm, m.start(), year)
        if value.ok and value.operator != "定性":  # a number, date or a date without its year
            name = _name(body[: m.start()])
            return (name, value) if name else None
    if space > 0:
        value = _value(body, norm, space + 1, year)
        name = _name(body[:space])
        if value.ok and name and len(str(value.value)) <= MAX_QUALITATIVE:
            return name, value
    word = _QUALITATIVE_END.search(norm)
    if word is not None and not _DIGIT.search(norm):  # "生态修复功能提高": a target word at the end
        name = _name(body[: word.start()])
        if len(name) >= 2:
            return name, _value(body, norm, word.start(), year)
    return None


#: Published tables repeat the same items ("印刷宣传资料合格率 100%") across projects; a split is a
#: pure function of its text, and its result is immutable.
_split_cached = lru_cache(maxsize=16384)(split_item)


def _numeric(text: str, norm: str) -> bool:
    """Whether ``text`` is one complete indicator with a number or a date (not a qualitative value)."""
    found = split_item(text, norm)
    return found is not None and found[1].operator != "定性"


def _split_list(text: str, norm: str, seg: Segment) -> list[Segment]:
    """"产值≥80万元,增加收入≥80万元": an item that is a list of complete indicators separated by
    commas or line breaks becomes one item per indicator (the separators become markup). Otherwise
    the item stays whole (a line break inside a wrapped name is no separator)."""
    parts: list[Segment] = []
    start = seg.start
    cuts = [i for i in range(seg.start, seg.end) if norm[i] == "," or text[i] == "\n"]
    for comma in [*cuts, seg.end]:
        if _numeric(text[start:comma], norm[start:comma]):
            piece = text[start:comma]
            a = start + len(piece) - len(piece.lstrip())
            parts.append(Segment("item", a, a + len(piece.strip())))
            start = comma + 1
    if len(parts) < 2 or start <= seg.end:
        return [seg]
    return parts


def indicator_segments(text: str, norm: str | None = None) -> list[Segment]:
    """The segments :func:`parse_indicator_text` works on: :func:`scan`, with comma lists split."""
    if norm is None:
        norm = normalise(text)
    out: list[Segment] = []
    for seg in scan(text, norm):
        if seg.kind == "item" and ("," in norm[seg.start : seg.end] or "\n" in text[seg.start : seg.end]):
            out.extend(_split_list(text, norm, seg))
        else:
            out.append(seg)
    return out


class _Levels:
    """The current level-1 / level-2 headings and whether any indicator sits under them yet."""

    def __init__(self, names: tuple[str | None, str | None]) -> None:
        self.l1: Segment | None = None
        self.l2: Segment | None = None
        self.l1_name, self.l2_name = names
        self.l1_used = False
        self.l2_used = False
        self.l1_repeats: list[Segment] = []  # earlier copies of the current level-1 heading


def _shared(text: str | None) -> str | None:
    """One string object for equal level names and units (and, via :func:`sys.intern`, names) across
    a document: a table of 50,000 projects repeats "产出指标" or "万元" hundreds of thousands of times,
    and separate copies were a sixth of the parsed document's memory."""
    return None if text is None else intern(text)


def parse_indicator_text(
    text: str,
    location: Location | None = None,
    levels: tuple[str | None, str | None] = (None, None),
    year: int | None = None,
) -> tuple[list[Indicator], list[Unparsed]]:
    """Parse a 绩效指标 cell into indicators and the unparsed rest. Never raises.

    ``levels`` are the (level1, level2) names in force before the text starts, for a cell that
    continues another one (a project row split by a page break). ``year`` is the document's budget
    year, used for dates written without a year ("12月底前").
    """
    indicators: list[Indicator] = []
    unparsed: list[Unparsed] = []
    lv = _Levels(levels)

    def drop_heading(seg: Segment | None, used: bool) -> None:
        if seg is not None and not used:
            unparsed.append(
                Unparsed(seg.text(text), located(location, seg.start, seg.end), "heading with no indicators")
            )

    def drop_level1() -> None:
        for seg in lv.l1_repeats:
            drop_heading(seg, lv.l1_used)
        drop_heading(lv.l1, lv.l1_used)
        lv.l1_repeats = []

    norm = normalise(text)
    base = location if location is not None else Location()
    offset = base.span[0] if base.span is not None else 0
    where = (base.source, base.line, base.column)
    for seg in indicator_segments(text, norm):
        if seg.kind == "item":
            start, end = seg.start, seg.end
            raw = text[start:end]
            loc = Location(*where, (offset + start, offset + end), base.page, base.sheet, base.row)
            number = _ITEM_NUMBER.match(norm, start, end)  # matched on the normalised text
            cut = number.end() if number else start
            split = _split_cached(text[cut:end], norm[cut:end], year) if end - cut <= MAX_ITEM else None
            if split is None:
                unparsed.append(Unparsed(raw, loc, "indicator without a readable value"))
                continue
            name, value = split
            unit, kind = value.unit, value.kind
            if unit is None and kind is ValueKind.NUMBER and name[-1] in ")）":
                unit, kind = unit_from_name(name, kind)
            indicators.append(Indicator(lv.l1_name, lv.l2_name, intern(name), value.operator, value.value,
                                        kind, _shared(unit), raw, loc))
            lv.l1_used = lv.l1_used or lv.l1 is not None
            lv.l2_used = lv.l2_used or lv.l2 is not None
        elif seg.kind == "level1":
            drop_heading(lv.l2, lv.l2_used)
            if lv.l1 is not None and not lv.l1_used and seg.name == lv.l1.name:
                lv.l1_repeats.append(lv.l1)  # "二、效益指标 效益指标:": one heading written twice
            else:
                drop_level1()
            lv.l1, lv.l2, lv.l1_used, lv.l2_used = seg, None, False, False
            lv.l1_name, lv.l2_name = _shared(seg.name), None
        else:
            drop_heading(lv.l2, lv.l2_used)
            lv.l2, lv.l2_used, lv.l2_name = seg, False, _shared(seg.name)
    drop_heading(lv.l2, lv.l2_used)
    drop_level1()
    return indicators, unparsed
