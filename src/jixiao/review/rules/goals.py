"""Goal text against indicators: every numeric commitment in the goal should be measured."""

from __future__ import annotations

from collections.abc import Iterator

from jixiao.model.document import Commitment, Indicator, ValueKind
from jixiao.review.context import RuleContext
from jixiao.review.finding import Finding
from jixiao.review.measure import MONEY_FACTORS, base_unit, bigrams, fmt, money_wan, overlap
from jixiao.review.registry import rule
from jixiao.review.rules.budget import commitment_subject


def _kind(c: Commitment) -> str:
    unit = base_unit(c.unit)
    if unit in MONEY_FACTORS:
        return "money"
    if unit in {"%", "％"}:
        return "percent"
    return "count"


def _by_kind(inds: list[Indicator]) -> dict[str, list[Indicator]]:
    """Indicators that can measure a commitment, by kind: "money", "percent", "count:<unit>", "count:"."""
    out: dict[str, list[Indicator]] = {"money": [], "percent": [], "count:": []}
    for ind in inds:
        if ind.value_kind is ValueKind.PERCENT:
            out["percent"].append(ind)
        elif ind.value_kind is ValueKind.NUMBER:
            if money_wan(ind) is not None:
                out["money"].append(ind)
            out["count:"].append(ind)
            out.setdefault(f"count:{base_unit(ind.unit)}", []).append(ind)
    return out


def _candidates(kind: str, c: Commitment, groups: dict[str, list[Indicator]]) -> list[Indicator]:
    if kind != "count":
        return groups[kind]
    return groups.get(f"count:{base_unit(c.unit)}", [])


@rule("CON002", "goal-commitment-without-indicator", "warning", "consistency", params={"min_overlap": 1})
def goal_commitment_without_indicator(ctx: RuleContext) -> Iterator[Finding]:
    """A numeric commitment in the goal text has no indicator that measures it.

    Indicators are the breakdown and quantification of the goal (财预〔2015〕88号 相关性审核;
    101号 高度关联), so each number the goal promises ("培训不低于3次", "经费不高于17万元",
    "覆盖面达80%") should be measured by an indicator of the same kind (a count in the same unit, a
    percentage, or a money amount) whose name shares at least ``min_overlap`` distinctive
    two-character pieces with what the goal talks about. Words from the organisation's own name do
    not count as shared.

    Fails: goal promises "安排疗休养工作不低于2次" and no count indicator mentions 疗休养.
    Passes: goal promises "举办专项培训不低于3次" and an indicator reads "开展专项培训 ≥3次".
    """
    minimum = ctx.param_int("min_overlap")
    ignore = bigrams(ctx.doc.organisation or "")
    for project in ctx.doc.projects:
        if not any(g.commitments for g in project.goals):
            continue
        groups = _by_kind(project.indicators)
        for goal in project.goals:
            for c in goal.commitments:
                kind = _kind(c)
                subject = commitment_subject(c, goal.text)
                candidates = _candidates(kind, c, groups)
                if any(overlap(subject, i.name, ignore) >= minimum for i in candidates):
                    continue
                what = {"money": "金额", "percent": "比率", "count": "数量"}[kind]
                yield ctx.finding(
                    f"目标中的承诺“{c.text}”没有对应的{what}指标",
                    project=project,
                    evidence=c.text if subject in c.text else f"{subject}…{c.text}",
                    location=goal.location or project.location,
                    expected=f"an indicator measuring {subject.strip()}"
                    f" ({c.operator}{fmt(c.value)}{c.unit or ''})",
                    context={"goal": goal.label or "", "subject": subject.strip()},
                )
