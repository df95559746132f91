"""Indicators written in running text, when no table was found.

Two shapes occur in published documents:

* target and result sentences of self-evaluation reports: "…服务比例年初指标值为不低于85%,全年实际完成值
  100%" / "…数量绩效目标值是28次,实际完成值为40次";
* inline target lists: "数量指标:黄金蜜(葡萄)种植数量(≥**株)>=17600株;种植作物成活率(≥**%)>=85;" — a
  category word, then clauses that end with a value.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from jixiao.model.document import Indicator, Project
from jixiao.model.location import Location
from jixiao.parse.stream.build import build_indicator
from jixiao.parse.stream.celltypes import name_plausibility
from jixiao.parse.stream.records import fill_levels
from jixiao.parse.stream.tokens import line_finder
from jixiao.parse.stream.vocab import QUALITATIVE_ENDINGS, category

#: "…年初指标值为" / "…绩效目标值是": the keyword a target sentence turns on (the name is the phrase
#: before it, found by looking back: a lazy name pattern tried at every offset was quadratic-ish)
_KEYWORD = re.compile(r"(?:年初|年度)?(?:绩效)?(?:目标|指标)值(?:为|是)?")
_AFTER = re.compile(
    r"(?P<value>[^,，。;；]{1,30}?)(?=[,，。;；])"
    r"(?:[,，;；]\s*(?:(?:全年)?(?:实际)?完成值(?:为|是)?(?P<actual>[^,，。;；]{1,30})"
    r"|(?P<stated>实际[^,，。;；]{2,30})))?"  # "…,实际在规定时间内完成": a result stated in words
)
_NAME_BREAK = re.compile(r"[,，。;；:：]")
QUALITATIVE_END = re.compile(rf"(?P<value>{'|'.join(QUALITATIVE_ENDINGS)})$")
_ORDINAL = re.compile(
    r"^(?:第[一二三四五六七八九十]+|[(（]?\d+[)）、.]|[一二三四五六七八九十]+、)\s*"
)
VALUE_END = re.compile(
    r"(?P<value>(?:>=|<=|=>|=<|≥|≤|>|<|=|不低于|不少于|不高于|不超过|达到)?\s*\d+(?:\.\d+)?\s*(?:%|[^\d\s,，;；。()（）≥≤<>=]{0,4}"
    r"(?:/[^\d\s,，;；。]{1,2})?)?)$"
)
_CLAUSE = re.compile(r"[^;；。\n]+")
_CAT_HEAD = re.compile(
    r"^\s*(?:(?:[一二三四五六七八九十]+|\d+)、\s*)?(?P<cat>[^:：,，]{2,14}?)\s*(?:[:：,，]\s*|$)"
)
_ZERO = re.compile(r"(?<=[\u4e00-\u9fff])(?:为|是)零$")
_PLACEHOLDER = re.compile(r"[(（][≥≤<>=]?\*+[^)）]{0,6}[)）]")


SpanMap = Callable[[int, int], tuple[int, int]]


def _same(a: int, b: int) -> tuple[int, int]:
    return a, b


def prose_indicators(
    text: str, source: str, year: int | None, raw_span: SpanMap = _same
) -> Project | None:
    """The indicators written in running text; locations are spans of the raw text."""
    project = Project(seq="1", name="", amount=None)
    _target_actual(text, source, year, project, raw_span)
    _paired_lists(text, source, year, project, raw_span)
    _inline_lists(text, source, year, project, raw_span)
    return project if project.indicators else None


def _target_actual(
    text: str, source: str, year: int | None, project: Project, raw_span: SpanMap
) -> None:
    levels: tuple[str | None, str | None] = (None, None)
    cats = [
        (m.start(), category(m.group(1)))
        for m in re.finditer(r"([^\s,，。:：;；、]{2,12}指标)", text)
    ]
    line_of = line_finder(text)
    seen = 0
    prev_end = 0
    for k in _KEYWORD.finditer(text):
        if k.start() < prev_end:
            continue
        rest = _AFTER.match(text, k.end())
        before = text[max(prev_end, k.start() - 42) : k.start()]
        trimmed = re.sub(r"的?[,，]?$", "", before)
        name_part = _NAME_BREAK.split(trimmed)[-1][-40:]
        if rest is None or len(name_part) < 2:
            continue
        start = k.start() - (len(before) - len(trimmed)) - len(name_part)
        prev_end = rest.end()
        while seen < len(cats) and cats[seen][0] < start:  # the categories written before it
            l1, l2 = cats[seen][1]
            if l1 or l2:
                levels = (l1 or levels[0], l2)
            seen += 1
        name = _ORDINAL.sub("", name_part.strip())
        name = re.sub(r"^(?:[^:：]{0,12}[:：])", "", name).strip()
        if not name:  # only line ends before the keyword ("\r\r绩效目标值0,"): no indicator
            continue
        actual = (rest["actual"] or rest["stated"] or "").strip()
        fields = {"name": name, "value": rest["value"].strip(), "actual": actual}
        loc = Location(source, line=line_of(start), span=raw_span(start, rest.end()))
        project.indicators.append(build_indicator(fields, fill_levels(levels), year, loc))


_PAIRED = re.compile(
    r"目标[:：](?P<t>[^。:：]{4,400}?)实际完成(?:情况)?[:：](?P<a>[^。:：]{4,400})"
)


def _items(text: str) -> dict[str, str]:
    """ "资助精神病患者服药230人,辅具适配200人" -> {name: value}."""
    out: dict[str, str] = {}
    for part in re.split(r"[,，;；]", text):
        clean = part.strip()
        m = VALUE_END.search(clean)
        if m is not None and re.search(r"\d", m["value"]) and 2 <= m.start() <= 40:
            out[clean[: m.start()].strip()] = m["value"].strip()
    return out


def _paired_lists(
    text: str, source: str, year: int | None, project: Project, raw_span: SpanMap
) -> None:
    """ "目标:资助精神病患者服药230人,… 实际完成:资助精神病患者服药230人,…" paired by name."""
    line_of = line_finder(text)
    for m in _PAIRED.finditer(text):
        targets, actuals = _items(m["t"]), _items(m["a"])
        loc = Location(
            source, line=line_of(m.start()), span=raw_span(m.start(), m.end())
        )
        for name, value in targets.items():
            if any(ind.name == name for ind in project.indicators):
                continue
            fields = {"name": name, "value": value, "actual": actuals.get(name, "")}
            project.indicators.append(build_indicator(fields, (None, None), year, loc))


def _inline_lists(
    text: str, source: str, year: int | None, project: Project, raw_span: SpanMap
) -> None:
    levels: tuple[str | None, str | None] = (None, None)
    line_of = line_finder(text)
    for clause in _CLAUSE.finditer(text):
        body = clause.group()
        line_start = text.rfind("\n", 0, clause.start()) + 1
        line_end = text.find("\n", clause.start())
        line = text[line_start : line_end if line_end >= 0 else len(text)]
        short = not re.search(r"[:：;；,，]", line) or len(line) < 16  # a table row, not running text
        if short and "指标" not in body:
            continue
        start = clause.start()
        found, body, start = _heads(body, levels, start)
        if short and body.strip():
            continue
        levels = found  # a line of category words alone ("1、产出指标数量指标:", 177) sets them too
        if levels == (None, None) or not body.strip():
            continue  # before the first category: goal text, not indicators
        for part in re.split(r"[,，]", body):
            at = text.find(part, start)
            loc = Location(
                source, line=line_of(at), span=raw_span(at, at + len(part))
            )
            _clause_indicator(part, loc, year, levels, project)


def _heads(
    body: str, levels: tuple[str | None, str | None], start: int
) -> tuple[tuple[str | None, str | None], str, int]:
    """Category words heading a clause ("效益指标:经济效益指标:…", "产出指标数量指标:…"): the levels
    they set, the clause after them and where it starts."""
    while True:
        head = _CAT_HEAD.match(body)
        if head is None:
            break
        l1, l2 = category(head["cat"])
        pair = re.fullmatch(r"(.{2,8}?指标)(.{2,8}指标)", head["cat"])
        if l1 is None and l2 is None and pair is not None:  # 产出指标数量指标
            l1, l2 = category(pair[1])[0], category(pair[2])[1]
        if l1 is None and l2 is None:
            break
        levels = (l1, l2) if l1 else (levels[0], l2)
        start += head.end()
        body = body[head.end() :]
    return levels, body, start


def _clause_indicator(
    part: str,
    loc: Location,
    year: int | None,
    levels: tuple[str | None, str | None],
    project: Project,
) -> None:
    clean = _PLACEHOLDER.sub("", part).strip().lstrip("★").strip().rstrip("。")
    zero = _ZERO.search(clean)
    if zero is not None:  # "师生犯罪率为零" (118): the target 0, written in words
        clean = f"{clean[: zero.start()]}0"
    m = VALUE_END.search(clean)
    if (m is None or not re.search(r"\d", m["value"])) and "、" in clean:
        first = clean.split("、")[0]
        item = VALUE_END.search(first)
        if item and re.search(r"\d", item["value"]):  # "新建水房1座、铺设输水管线" (177)
            clean, m, part = first, item, first
    if m is None or not re.search(r"\d", m["value"]):
        m = QUALITATIVE_END.search(clean) if levels != (None, None) else None
        if m is None:
            return
    name = clean[: m.start()].strip()
    if (
        not 2 <= len(name) <= 40
        or category(name) != (None, None)
        or re.search(r"指标值|完成值|目标值", name)
        or name_plausibility(name) < 0
    ):
        return
    if any(ind.name == name for ind in project.indicators):
        return
    ind: Indicator = build_indicator(
        {"name": name, "value": "0" if zero else part[part.find(name) + len(name) :].strip()},
        fill_levels(levels),
        year,
        loc,
    )
    if zero is not None:
        ind.repairs = (*ind.repairs, f"「{zero.group()}」读作 0")
    project.indicators.append(ind)
