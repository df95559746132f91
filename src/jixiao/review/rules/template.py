"""The blank form showing through: placeholders (≥**株, XX, ★, 指标2:) and fill-in instructions
("对照年度目标，说明…(100字以内)") published as if they were content."""

from __future__ import annotations

import re
from collections.abc import Iterator

from jixiao.i18n import N_, _, join
from jixiao.model.document import Indicator, Project
from jixiao.model.location import Location
from jixiao.review.context import RuleContext
from jixiao.review.finding import Finding
from jixiao.review.registry import rule

#: (pattern, what it is) — placeholders of the blank form.
_PLACEHOLDERS = (
    (re.compile(r"[（(]\s*(?:[≥≤><=＝]|>=|<=)?\s*[*＊]{2,}[^）)]{0,6}[）)]"), N_("模板占位符")),
    (re.compile(r"[*＊]{2,}"), N_("占位符")),
    (re.compile(r"(?<![A-Za-z])(?:XX|xx|ＸＸ|××)(?![A-Za-z])"), N_("占位符")),
    (re.compile(r"[★☆]"), N_("模板标记")),
    (re.compile(r"^指标\s*[0-9一二三四五六七八九十]+\s*[:：]?$"), N_("模板行名")),
)

#: Fill-in guidance printed on the blank form.
_INSTRUCTIONS = (
    re.compile(r"[（(]\s*\d+\s*字(?:以内|以下|左右)\s*[）)]"),
    re.compile(r"^(?:\d+[.、])?\s*(?:对照|结合|针对|根据)(?:年度目标|自评情况|项目自评|绩效目标)[^。]{0,20}(?:说明|分析|提出|填写)"),
    re.compile(r"请(?:填写|如实填写|根据实际|按照要求填)|填(?:表|报)说明|此处填写|(?:需|应)?说明原因[（(]"),
)


#: Cheap test first: text without any of these has no mark (most text, so most of the time is saved).
_URL = re.compile(r"(?:https?://|www\.)\S+")  # a source address is not content ("…/xx/…")
_TRIGGER = re.compile(r"[*＊★☆xX×Ｘ]|指标|字以|字左|对照|结合|针对|根据|请|填|说明原因")
_FIRST = re.compile(r"[*＊★☆xX×Ｘ指字结针根请填说]")  # the triggers' first characters but 对 (对照)


def _marks(text: str, *, instructions: bool) -> list[tuple[str, str]]:
    """(what, matched text) for every placeholder or instruction in ``text``."""
    if not _TRIGGER.search(text):
        return []
    parts = [" ".join(_URL.sub(" ", part).split()) for part in text.split(" | ")]
    found: list[tuple[str, str]] = []
    for pattern, what in _PLACEHOLDERS:
        match = next((m for m in map(pattern.search, parts) if m), None)
        if match and not any(match.group(0) in seen for _, seen in found):
            found.append((what, match.group(0)))
    for pattern in _INSTRUCTIONS if instructions else ():
        match = next((m for m in map(pattern.search, parts) if m), None)
        if match:
            found.append((N_("填表说明"), match.group(0)))
            break
    return found


def _listed(marks: list[tuple[str, str]]) -> str:
    """"模板占位符“(≥**株)”、模板标记“★”"."""
    return join([_("{what}“{mark}”", what=_(what), mark=mark) for what, mark in marks])


def _indicator_text(ind: Indicator) -> str:
    """What the indicator shows besides its target value (a placeholder value is VAL005's)."""
    value = ind.value if isinstance(ind.value, str) else ""
    raw = ind.raw.replace(value, " ") if value else ind.raw
    parts = [ind.name, raw, ind.note or "", ind.actual or "", ind.deviation or "", *ind.extra.values()]
    return " | ".join(p for p in parts if p)


#: Parser keys shown under the form's own label.
_FIELD_NAMES = {"goal_actual": "年度目标完成情况"}


def _pieces(project: Project,
            loose: bool = True) -> Iterator[tuple[str, str, Indicator | None, Location | None]]:
    """(field, text, indicator, location) for every piece of text a person filled in. ``loose``: some
    indicator of the document may have a note, an actual, a deviation or further columns."""
    yield "项目名称", project.name, None, project.location
    for goal in project.goals:
        yield "绩效目标", goal.text, None, goal.location or project.location
    for key, value in project.extra.items():
        yield _FIELD_NAMES.get(key, key), value, None, project.location
    search = _TRIGGER.search
    indicators = project.indicators
    # The project's rows and names first, joined: no trigger holds a newline, so a trigger in the joined
    # text is one in a row or name, and every trigger starts with a character of _FIRST or is 对照
    # (a character class is searched several times faster than the alternatives): most projects have
    # none at all.
    if indicators:
        joined = "\n".join([i.raw for i in indicators] + [i.name for i in indicators])
        if not _FIRST.search(joined) and "对照" not in joined and not (
                loose and any(i.note or i.actual or i.deviation or i.extra for i in indicators)):
            indicators = []
    for ind in indicators:
        # The trigger test on each part first (most rows have none): no trigger spans the " | " joints,
        # and blanking the value out of ``raw`` cannot make one, so a row with none has no mark.
        if (search(ind.raw) or search(ind.name) or (ind.note and search(ind.note))
                or (ind.actual and search(ind.actual)) or (ind.deviation and search(ind.deviation))
                or (ind.extra and any(search(value) for value in ind.extra.values()))):
            yield "指标", _indicator_text(ind), ind, None
    for item in project.unparsed:
        yield "未解析文本", item.text, None, item.location


@rule("TPL001", "template-text-left-in", "error", "template", title="残留模板文字")
def template_text_left_in(ctx: RuleContext) -> Iterator[Finding]:
    """空白表格的占位符或填写说明被当作内容公开。

    Templates mark what to fill in with "(≥**株)", "XX", "★" or a row named "指标2:", and print
    guidance in the cells ("对照年度目标，说明相关任务目标的完成情况(100字以内)", "结合自评情况，分析存在的
    问题及原因"). Left in, they show that the form was not finished and that the figures were not
    checked. Looked for in the project name, goal text, header fields (``extra``), indicator names,
    notes, actuals and deviation reasons, and text the parser kept verbatim; the target value itself is
    ``placeholder-or-empty-value``'s.

    Fails: 黄金蜜(葡萄)种植数量(≥**株)>=17600株 (同心县下马关镇, 027); 年度目标完成情况
    "对照年度目标,说明相关任务目标的完成情况(100字以内)" (青神县发改局 自评表, 017).
    Passes: 黄金蜜(葡萄)种植数量 ≥17600株; 年度目标完成情况 "工资及社保均按月足额发放".
    """
    facts = ctx.facts
    loose = facts.notes or facts.actuals or facts.deviations or facts.extras
    for project in ctx.doc.projects:
        for field, text, ind, location in _pieces(project, loose):
            marks = _marks(text, instructions=True)
            if not marks:
                continue
            where = _("指标“{name}”", name=ind.name) if ind is not None else f"{field}"
            yield ctx.finding(
                _("{where}中留有{marks}，表格没有按要求填写完整", where=where, marks=_listed(marks)),
                project=project,
                indicator=ind,
                evidence=" ".join(text.split())[:200],
                location=location,
                expected=_("填写后的内容，不含模板占位符或填写说明"),
                context={"field": field, "marks": " ".join(m for _, m in marks)},
            )
    for item in ctx.doc.unparsed:
        marks = _marks(item.text, instructions=True)
        if marks:
            yield ctx.finding(
                _("文档中留有{marks}，表格没有按要求填写完整", marks=_listed(marks)),
                evidence=" ".join(item.text.split())[:200],
                location=item.location,
                expected=_("填写后的内容，不含模板占位符或填写说明"),
                context={"field": "未解析文本", "marks": " ".join(m for _, m in marks)},
            )
