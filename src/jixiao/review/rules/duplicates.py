"""Repetition: one indicator stated twice with different targets; two projects with the same set."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from decimal import Decimal
from difflib import SequenceMatcher
from functools import lru_cache

from jixiao.i18n import _
from jixiao.model.document import Indicator, Project
from jixiao.model.jsonify import value_to_json
from jixiao.review.context import RuleContext
from jixiao.review.finding import Finding
from jixiao.review.measure import fmt
from jixiao.review.registry import rule

_SPACE = re.compile(r"\s+")


@lru_cache(maxsize=65536)
def _key(name: str) -> str:
    return _SPACE.sub("", name)


def _target(ind: Indicator) -> str:
    value = ind.value
    shown = fmt(value) if isinstance(value, Decimal) else value_to_json(value) or ""
    op = "" if ind.operator in {"", "定性"} else ind.operator
    return f"{op}{shown}{ind.unit or ''}"


@rule("STR002", "conflicting-duplicate-indicator", "warning", "structure", title="重复指标的指标值矛盾")
def conflicting_duplicate_indicator(ctx: RuleContext) -> Iterator[Finding]:
    """同一项目中同名指标出现两次，且指标值不同。

    Two rows such as "厂务公开覆盖率 ≥80%" and "厂务公开覆盖率 100%" cannot both be the target: one
    is a left-over or belongs to another item. Names are compared without white space; targets by
    operator, value and unit. An exact repeat (same target) is reported as info.

    Fails: 厂务公开覆盖率 ≥80% and 厂务公开覆盖率 100% in one project.
    Passes: 厂务公开覆盖率 ≥80% and 职工知晓率 ≥90%.
    """
    for project in ctx.doc.projects:
        groups: dict[str, list[Indicator]] = defaultdict(list)
        for ind in project.indicators:
            groups[_key(ind.name)].append(ind)
        for inds in groups.values():
            if len(inds) < 2:
                continue
            targets = [_target(i) for i in inds]
            first = inds[0]
            evidence = " / ".join(i.raw for i in inds)
            if len(set(targets)) > 1:
                yield ctx.finding(
                    _("指标“{name}”在同一项目中出现 {count} 次，目标值不一致：{targets}", name=first.name,
                      count=len(inds),
                      targets="、".join(targets)),
                    project=project,
                    indicator=inds[1],
                    evidence=evidence,
                    expected=_("每个指标只有一个目标值"),
                    context={"targets": " | ".join(targets)},
                )
            else:
                yield ctx.finding(
                    _("指标“{name}”在同一项目中重复出现 {count} 次", name=first.name, count=len(inds)),
                    project=project,
                    indicator=inds[1],
                    evidence=evidence,
                    expected=_("每个指标只出现一次"),
                    severity="info",
                )


def _names(project: Project) -> list[str]:
    return sorted({_key(i.name) for i in project.indicators})


@lru_cache(maxsize=262144)
def _close(x: str, y: str, cutoff: float) -> bool:
    matcher = SequenceMatcher(None, x, y)
    if matcher.real_quick_ratio() < cutoff or matcher.quick_ratio() < cutoff:
        return False
    return matcher.ratio() >= cutoff


def _soft_overlap(a: list[str], b: list[str], cutoff: float) -> float:
    """Share of names in either project that have a close match (ratio ≥ cutoff) in the other."""

    def covered(xs: list[str], ys: list[str]) -> int:
        hits = 0
        exact = set(ys)
        for x in xs:
            if x in exact or any(_close(x, y, cutoff) for y in ys):
                hits += 1
        return hits

    return (covered(a, b) + covered(b, a)) / (len(a) + len(b))


@rule(
    "STR003", "near-duplicate-project", "info", "structure", title="项目指标几乎相同",
    params={"threshold": "0.7", "name_cutoff": "0.6", "min_indicators": 4, "max_shared_df": 50},
)
def near_duplicate_project(ctx: RuleContext) -> Iterator[Finding]:
    """同一文件中两个项目的指标几乎完全相同（可能是照抄）。

    Each indicator name counts as shared when the other project has the same or a close name
    (similarity ≥ ``name_cutoff``); projects whose shared share reaches ``threshold`` and that have at
    least ``min_indicators`` indicators each are reported once per pair. A copied set is not wrong in
    itself, but the targets should be set for each project's own content.

    Fails: 厂务公开经费 and 维权经费 with the same 15 indicators but 厂务公开/维权 swapped.
    Passes: two projects with unrelated indicator sets.
    """
    threshold = float(ctx.param_decimal("threshold"))
    cutoff = float(ctx.param_decimal("name_cutoff"))
    minimum = ctx.param_int("min_indicators")
    max_df = ctx.param_int("max_shared_df")
    every = [(p, _names(p)) for p in ctx.doc.projects]  # each project's names, read once
    projects = [p for p, found in every if len(found) >= minimum]
    names = {id(p): found for p, found in every if len(found) >= minimum}
    index: dict[str, list[int]] = defaultdict(list)
    for n, project in enumerate(projects):
        for name in names[id(project)]:
            index[name].append(n)
    pairs: set[tuple[int, int]] = set()
    for members in index.values():
        if len(members) > max_df:
            continue
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                pairs.add((a, b))
    for a, b in sorted(pairs):
        pa, pb = projects[a], projects[b]
        score = _soft_overlap(names[id(pa)], names[id(pb)], cutoff)
        if score >= threshold:
            yield ctx.finding(
                _("项目 {seq}“{name}”与项目 {other_seq}“{other}”的指标几乎相同"
                  "（相似度 {similarity}%），可能是照搬",
                  seq=pa.seq, name=pa.name, other_seq=pb.seq, other=pb.name, similarity=round(score * 100)),
                project=pb,
                evidence="、".join(names[id(pb)]),
                expected=_("按本项目自身内容设置的指标"),
                context={"other_project": pa.seq, "similarity": f"{score:.2f}"},
            )
