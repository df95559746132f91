"""Empty categories: a level-2 row (经济/生态效益, 可持续影响 …) printed with nothing under it."""

from __future__ import annotations

from collections.abc import Iterator

from jixiao.i18n import _
from jixiao.model.document import Indicator, Project
from jixiao.model.location import Location
from jixiao.review.context import RuleContext
from jixiao.review.finding import Finding
from jixiao.review.measure import category_name, l2, level2_of
from jixiao.review.registry import rule


def empty_row(ind: Indicator) -> bool:
    """An indicator row with no target and no name of its own (blank, or only the category's name)."""
    value = ind.value
    if value is not None and (not isinstance(value, str) or value.strip()):
        return False  # most rows: a target is written
    name = "".join((ind.name or "").split())
    return not name or category_name(name)


def _empty_categories(project: Project) -> Iterator[tuple[str, str, Location | None, Indicator | None]]:
    """(category as written, evidence, location, the empty row if it is an indicator)."""
    if not project.unparsed and not any(map(empty_row, project.indicators)):
        return  # nothing that could be an empty category (most projects)
    filled = {l2(i) for i in project.indicators if not empty_row(i)}
    seen: set[str] = set()
    for item in project.unparsed:
        text = "".join(item.text.split())
        level2 = level2_of(text) if category_name(text) else None
        if level2 is not None and level2 not in filled and level2 not in seen:
            seen.add(level2)
            yield text, item.text, item.location, None
    for ind in project.indicators:
        if not empty_row(ind):
            continue
        written = ind.level2 or ind.name or ind.level1 or ""
        level2 = l2(ind) or level2_of("".join((ind.name or "").split()))
        if level2 is not None and level2 in filled:
            continue
        key = level2 or written
        if key not in seen:
            seen.add(key)
            yield "".join(written.split()), ind.raw or written, ind.location, ind


@rule("STR006", "empty-indicator-category", "warning", "structure", title="指标类别为空")
def empty_indicator_category(ctx: RuleContext) -> Iterator[Finding]:
    """二级类别行下没有任何指标和指标值。

    Forms print every level-2 category (经济效益, 社会效益, 生态效益, 可持续影响 …); a project fills the
    ones that apply and, for the others, either deletes the row or writes why it does not apply. A
    category row left blank leaves the reader unsure whether an indicator was lost, forgotten or is
    not relevant, and in a self-evaluation its points are unaccounted for. (A project with no 效益
    indicator at all is ``missing-indicator-category``'s.)

    Fails: 永德县明朗中学 自评表 (037): the 生态效益指标 row is empty.
    Passes: the same table with the 生态效益指标 row removed, or holding an indicator with a target.
    """
    for project in ctx.doc.projects:
        for written, evidence, location, ind in _empty_categories(project):
            yield ctx.finding(
                _("指标类别“{category}”下没有任何指标和目标值", category=written),
                project=project,
                indicator=ind,
                evidence=" ".join(evidence.split()) or written,
                location=location,
                expected=_("填写指标和目标值，或删去该行（或注明不适用及理由）"),
                context={"category": written},
            )
