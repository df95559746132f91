"""Completeness of the indicator system: the categories a project must have, in the right places."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from jixiao.i18n import _, join
from jixiao.model.document import Project
from jixiao.model.taxonomy import Framework, allowed_parents
from jixiao.review.context import RuleContext
from jixiao.review.finding import Finding
from jixiao.review.measure import category_name, l1, l2
from jixiao.review.registry import rule
from jixiao.review.rules.categories import empty_row

_OUTPUT_L2 = ("数量", "质量", "时效")


@rule("STR001", "missing-indicator-category", "error", "structure", title="缺少指标类别",
      params={"require_cost": True})
def missing_indicator_category(ctx: RuleContext) -> Iterator[Finding]:
    """缺少或错放了必需的指标类别，或三级指标名称只是类别名。

    Under the active framework profile (``MOF2015``: 成本 under 产出 and 可持续影响 under 效益;
    ``MOF2021``: 成本 as its own level 1), each project needs 产出 and 效益 indicators (error) and a
    满意度 indicator (warning); 产出 should cover 数量, 质量 and 时效, and a cost indicator should
    exist (warnings; set ``require_cost = false`` to skip cost). A level-2 item filed under a level 1
    it does not belong to in any profile is an error (a warning when it fits the other profile, i.e.
    the document mixes frameworks), and so is a level-3 indicator whose name only repeats a category
    ("社会成本指标", "数量指标").

    Fails: a project with 产出 and 满意度 indicators but no 效益 indicator.
    Passes: 产出 (数量/质量/时效/成本), 效益 and 满意度 all present and correctly nested.
    """
    fw = ctx.framework
    require_cost = bool(ctx.params["require_cost"])
    for project in ctx.doc.projects:
        inds = project.indicators
        if not inds:
            yield ctx.finding(
                _("项目没有任何绩效指标"),
                project=project,
                evidence=project.name,
                expected=_("产出、效益、满意度指标"),
            )
            continue
        levels = [(l1(i), l2(i)) for i in inds]  # each indicator's canonical levels, once
        present1 = {level1 for level1, _level2 in levels}
        present2 = {level2 for level1, level2 in levels if level1 == "产出"}
        for need, sev in (("产出", "error"), ("效益", "error"), ("满意度", "warning")):
            if need not in present1:
                yield ctx.finding(
                    _("缺少{category}指标", category=need),
                    project=project,
                    evidence=project.name,
                    expected=_("至少一个{category}指标", category=need),
                    severity="error" if sev == "error" else "warning",
                    context={"missing": need, "framework": fw.value},
                )
        if "产出" in present1:
            missing = [n for n in _OUTPUT_L2 if n not in present2]
            if missing:
                yield ctx.finding(
                    _("产出指标缺少{categories}", categories=join([_("{category}指标",
                      category=m) for m in missing])),
                    project=project,
                    evidence=project.name,
                    expected=_("产出指标包括数量、质量、时效指标"),
                    severity="warning",
                    context={"missing": ",".join(missing), "framework": fw.value},
                )
        if require_cost and not _cost_in(levels, fw):
            where = _("一级成本指标") if fw is Framework.MOF2021 else _("产出下的成本指标")
            yield ctx.finding(
                _("缺少成本指标（{framework} 框架要求{where}）", framework=fw.value, where=where),
                project=project,
                evidence=project.name,
                expected=where,
                severity="warning",
                context={"missing": "成本", "framework": fw.value},
            )
        yield from _placement(ctx, project, levels)


def _cost_in(levels: list[tuple[str | None, str | None]], framework: Framework) -> bool:
    """A cost indicator is present: a level-1 成本 (MOF2021), or a 成本 / 经济成本 level 2 (MOF2015)."""
    if framework is Framework.MOF2021:
        return any(level1 == "成本" for level1, _level2 in levels)
    return any(level2 in {"成本", "经济成本"} or level1 == "成本" for level1, level2 in levels)


@lru_cache(maxsize=4096)
def _fits(level1: str, level2: str, framework: Framework) -> bool:
    """The level 2 may sit under the level 1 in ``framework`` (most rows: nothing more to check)."""
    return level1 in allowed_parents(level2, framework)


def _placement(ctx: RuleContext, project: Project,
               levels: list[tuple[str | None, str | None]]) -> Iterator[Finding]:
    fw = ctx.framework
    other = Framework.MOF2021 if fw is Framework.MOF2015 else Framework.MOF2015
    for ind, (level1, level2) in zip(project.indicators, levels, strict=True):
        if level2 is not None and level1 is not None and not _fits(level1, level2, fw):
            parents = allowed_parents(level2, fw)
            if level1 not in parents and level1 in allowed_parents(level2, other):
                yield ctx.finding(
                    _("二级指标“{level2}”属于 {other} 框架，与本文档的 {framework} 框架混用",
                      level2=ind.level2,
                      other=other.value, framework=fw.value),
                    project=project,
                    indicator=ind,
                    expected=_("统一使用一个框架：{framework}", framework=fw.value),
                    severity="warning",
                    context={"level1": ind.level1 or "", "level2": ind.level2 or "", "framework": fw.value},
                )
            elif level1 not in parents:
                where = (_("应在{parents}指标下", parents="/".join(parents)) if parents
                         else _("{framework} 框架中没有这一类", framework=fw.value))
                yield ctx.finding(
                    _("二级指标“{level2}”放在一级指标“{level1}”下，{where}", level2=ind.level2,
                      level1=ind.level1,
                      where=where),
                    project=project,
                    indicator=ind,
                    expected=_("{level2}放在{parents}下（{framework}）", level2=level2,
                               parents="/".join(parents) or _("另一框架"),
                               framework=fw.value),
                    context={"level1": ind.level1 or "", "level2": ind.level2 or "", "framework": fw.value},
                )
        if category_name(ind.name) and not empty_row(ind):  # an empty row is empty-indicator-category's
            yield ctx.finding(
                _("三级指标名称“{name}”只是重复了指标类别名称，没有说明衡量什么", name=ind.name),
                project=project,
                indicator=ind,
                expected=_("具体可衡量的事项（如 培训人次、验收合格率）"),
            )


#: (pattern on the name, the level-2 it belongs to, level-2s it must not sit under)
_MISPLACED = (
    (re.compile(r"满意(?:度|率)$"), "服务对象满意度",
     {"数量", "质量", "时效", "成本", "经济效益", "社会效益", "生态效益"}),
    (re.compile(r"(?:合格|达标|验收通过|优良)率$"), "质量", {"数量", "时效"}),
    (re.compile(r"(?:完成|办结|截止)(?:时间|时限|日期)$"), "时效", {"数量", "质量", "成本"}),
    (re.compile(r"(?:单位|单次|人均|平均)\S*成本$"), "成本", {"数量", "质量", "时效"}),
)


@lru_cache(maxsize=16384)
def _homes(name: str) -> tuple[tuple[str, set[str]], ...]:
    """(home, wrong level-2s) of every ``_MISPLACED`` pattern the name matches, in order."""
    name = "".join(name.split())
    return tuple((home, wrong) for pattern, home, wrong in _MISPLACED if pattern.search(name))


@rule("STR004", "misplaced-indicator", "warning", "structure", title="指标放错类别")
def misplaced_indicator(ctx: RuleContext) -> Iterator[Finding]:
    """指标所在的二级类别与其名称相矛盾。

    A satisfaction rate belongs under 满意度, a pass rate under 质量, a completion deadline under
    时效, a per-unit cost under 成本. Filed elsewhere, the weights and the self-evaluation scoring go
    to the wrong category (财预〔2021〕101号 framework).

    Fails: 验收合格率 under 数量指标; 群众满意度 under 社会效益指标.
    Passes: 验收合格率 under 质量指标.
    """
    for project in ctx.doc.projects:
        for ind in project.indicators:
            homes = _homes(ind.name)
            if not homes:
                continue
            level2 = l2(ind)
            if level2 is None:
                continue
            for home, wrong in homes:
                if level2 in wrong:
                    yield ctx.finding(
                        _("指标“{name}”放在“{level2}”下，按名称应属于{home}指标", name=ind.name,
                          level2=ind.level2,
                          home=home),
                        project=project,
                        indicator=ind,
                        expected=_("{category}指标", category=home),
                        context={"level2": ind.level2 or "", "expected": home},
                    )
                    break


@rule("STR005", "too-few-indicators", "warning", "structure", title="指标过少", params={"min_indicators": 3})
def too_few_indicators(ctx: RuleContext) -> Iterator[Finding]:
    """项目的三级指标少于 min_indicators 个。

    Local form rules ask for at least three level-3 indicators ("三级指标…总数不得少于3个"): with one
    or two, the targets cannot cover output, effect and satisfaction. A project with none is reported
    by ``missing-indicator-category`` instead.

    Fails: a project with 2 indicators.
    Passes: a project with 6 indicators.
    """
    minimum = ctx.param_int("min_indicators")
    for project in ctx.doc.projects:
        count = len(project.indicators)
        if 0 < count < minimum:
            yield ctx.finding(
                _("项目只有 {count} 个三级指标，少于 {minimum} 个", count=count, minimum=minimum),
                project=project,
                evidence="、".join(i.name for i in project.indicators),
                expected=_("至少 {minimum} 个三级指标", minimum=minimum),
                context={"count": str(count)},
            )
