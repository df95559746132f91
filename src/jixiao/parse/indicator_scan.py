"""Cut the text of a 绩效指标 cell into segments: headings and items.

Segments are in order and do not overlap; the gaps between them hold only markup — whitespace, HTML
tags such as ``<p>``/``</p>``/``<br>``, and the separators ``;；。`` — so a caller can prove that no
character of content went missing. Kinds:

* ``level1``   a level-1 heading: "一、产出指标", bare "效益指标:" …
* ``level2``   a level-2 heading: "(一)数量指标:", "(四)成本指标", bare "经济效益指标:" …
* ``item``     everything else: one indicator each ("1.举办活动天数 30天", "职工群众满意度 95%")

Headings carry the level name as written, without numbering or colon ("产出指标"). Matching runs on
the length-preserving normalised copy (:func:`jixiao.parse.numbers.normalise`); every span and name
is valid in the original text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from jixiao.model.location import Location
from jixiao.model.taxonomy import canonical_level1, canonical_level2
from jixiao.parse.numbers import normalise

_CN = "一二三四五六七八九十"
#: Category names a bare heading may use (without a number in front).
_KNOWN = sorted(
    {
        "产出", "成本", "效益", "效果", "满意度", "项目完成", "项目效益", "数量", "质量", "时效", "进度",
        "经济成本", "社会成本", "生态环境成本", "生态成本", "经济效益", "社会效益", "生态效益", "环境效益",
        "可持续影响", "服务对象满意度", "社会公众或服务对象满意度", "社会公众满意度",
    },
    key=len,
    reverse=True,
)
#: Markup a heading or an item number follows (besides the start of the text): whitespace, a tag's
#: ">", a separator, a colon or a comma. Tested from after the marker's first character.
_AFTER_BOUNDARY = r"(?<![^\s>;。:,].)"
_BOUNDARY_CHARS = frozenset(">;。:,")  # and whitespace
_TAG = r"<\s*/?\s*[a-zA-Z][a-zA-Z0-9]{0,9}(?:\s[^<>]{0,80})?/?>\s*"
_NAME = r"[^\s:,;。<>()0-9]{1,20}?指标"
#: Characters a marker can start with; checked first so most positions fail after one test.
_FIRST = "<;。(0-9①-⑳" + _CN + "".join(sorted({name[0] for name in _KNOWN}))
#: One marker per match: a run of tags, a separator, a heading (level 1 numbered, level 2 numbered,
#: bare) or an item number; its kind is the name of the empty group closing the alternative. Each
#: alternative opens with a character or a class, so the regex engine skips it after one test of the
#: character (a capture group or a look-behind in front is entered every time); headings and plain
#: item numbers test the boundary before them after that. A bare heading ("效益指标:") is tested last
#: and without the boundary, which :func:`cut` checks (no other marker can start inside one).
_MARKERS = re.compile(
    rf"(?=[{_FIRST}])(?:{_TAG}(?:{_TAG})*(?P<tag>)"
    rf"|[;。](?P<sep>)"
    rf"|[{_CN}]{_AFTER_BOUNDARY}[{_CN}]{{0,2}}\s*[、.]\s*(?P<h1n>{_NAME})(?:\s*:)?(?P<h1>)"
    rf"|\({_AFTER_BOUNDARY}\s*[{_CN}0-9]{{1,3}}\s*\)\s*(?P<h2n>{_NAME})(?:\s*:)?(?P<h2>)"
    rf"|[0-9]{_AFTER_BOUNDARY}\d{{0,2}}\s*[.、](?!\d)(?P<num>)"
    rf"|\(\d{{1,3}}\)(?!\s*[%个次人天万元])(?P<nump>)|[①-⑳](?P<circled>)"
    rf"|(?:{'|'.join(_KNOWN)})(?:指标|目标)(?P<hbn>)(?:\s*[:,]|(?=\s|<|$))(?P<hb>))"
)
#: Marker kind -> (numbered level or None, group ending the heading's name, numbered) for headings.
_HEADINGS = {"h1": (1, "h1n", True), "h2": (2, "h2n", True), "hb": (None, "hbn", False)}
#: A segment as :func:`cut` gives it: (kind, start, end, name, numbered), see :class:`Segment`.
Cut = tuple[str, int, int, str | None, bool]


@dataclass(slots=True)
class Segment:
    kind: str  # level1 | level2 | item
    start: int
    end: int
    name: str | None = None  # level name as written, for headings
    numbered: bool = False  # a heading written with its number ("一、", "(一)")

    def text(self, source: str) -> str:
        return source[self.start : self.end]


def _heading_level(name: str, numbered_as: int | None, current_l1: str | None) -> int:
    """1 or 2. Numbered headings follow their numbering; bare names follow the taxonomy and context."""
    if numbered_as is not None:
        return numbered_as
    l1 = canonical_level1(name)
    l2 = canonical_level2(name)
    if l1 is None:
        return 2
    if l2 is None:
        return 1
    # Names that can be either ("满意度指标", "成本指标"): level 2 under a matching level 1.
    parent = canonical_level1(current_l1)
    if l1 == "满意度":
        return 2 if parent == "满意度" else 1
    return 2 if parent == "产出" and l2 == "成本" else 1


def located(base: Location | None, start: int, end: int) -> Location:
    """The location of ``[start, end)`` inside a cell at ``base``: absolute when the cell has a span
    (text sources), else relative to the cell text."""
    if base is None:
        return Location(span=(start, end))
    offset = base.span[0] if base.span is not None else 0
    span = (offset + start, offset + end)
    return Location(base.source, base.line, base.column, span, base.page, base.sheet, base.row)


def scan(text: str, norm: str | None = None) -> list[Segment]:
    """Cut ``text`` into heading and item segments (see module doc). Never raises.

    ``norm`` is ``normalise(text)`` when the caller has it already."""
    return [Segment(*c) for c in cut(text, normalise(text) if norm is None else norm)]


def cut(text: str, norm: str) -> list[Cut]:
    """:func:`scan` as plain tuples (kind, start, end, name, numbered): the parser's own form, several
    times cheaper to build than :class:`Segment` objects. ``norm`` is ``normalise(text)``."""
    out: list[Cut] = []
    append = out.append
    region = 0  # start of the text not yet placed (an open item, or markup)
    current_l1: str | None = None
    for m in _MARKERS.finditer(norm):
        kind = m.lastgroup
        start = m.start()
        if kind == "hb" and start and not (norm[start - 1] in _BOUNDARY_CHARS or norm[start - 1].isspace()):
            continue  # a bare heading's words inside a sentence: no marker
        if start > region:
            chunk = text[region:start]
            stripped = chunk.strip()
            if stripped:
                a = region + chunk.find(stripped[0])
                append(("item", a, a + len(stripped), None, False))
        if kind == "num" or kind == "nump" or kind == "circled":  # an item number opens a new item
            region = start
            continue
        region = m.end()
        if kind == "tag" or kind == "sep":
            continue
        numbered_as, group, numbered = _HEADINGS[str(kind)]
        begin = start if group == "hbn" else m.start(group)  # a bare heading's name starts the match
        name = "".join(text[begin : m.end(group)].split())
        level = _heading_level(name, numbered_as, current_l1)
        if level == 1:
            current_l1 = name
        append(("level1" if level == 1 else "level2", start, region, name, numbered))
    if len(text) > region:
        chunk = text[region:]
        stripped = chunk.strip()
        if stripped:
            a = region + chunk.find(stripped[0])
            append(("item", a, a + len(stripped), None, False))
    return _promote(out)


def _promote(segments: list[Cut]) -> list[Cut]:
    """A bare level-2 heading directly followed by another level-2 heading is a level 1 that has
    sub-headings: "成本指标: 经济成本指标:" (2021 framework), "满意度指标: 服务对象满意度指标:"."""
    for here in range(len(segments) - 1):
        kind, start, end, name, numbered = segments[here]
        if (kind == "level2" and not numbered and segments[here + 1][0] == "level2"
                and canonical_level1(name) is not None):
            segments[here] = ("level1", start, end, name, numbered)
    return segments
