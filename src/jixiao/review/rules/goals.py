"""Goal text against indicators: every numeric commitment in the goal should be measured."""

from __future__ import annotations

from collections.abc import Iterator

from jixiao.i18n import N_, _
from jixiao.model.document import Commitment, Indicator
from jixiao.review.context import RuleContext
from jixiao.review.finding import Finding
from jixiao.review.measure import MONEY_FACTORS, base_unit, bigrams, commitments, fmt
from jixiao.review.registry import rule
from jixiao.review.rules.budget import commitment_subject, promise_text


def _kind(c: Commitment) -> str:
    unit = base_unit(c.unit)
    if unit in MONEY_FACTORS:
        return "money"
    if unit in {"%", "％"}:
        return "percent"
    return "count"


_WHAT = {"money": N_("金额"), "percent": N_("比率"), "count": N_("数量")}


def _candidates(kind: str, c: Commitment, groups: dict[str, list[Indicator]]) -> list[Indicator]:
    if kind != "count":
        return groups[kind]
    return groups.get(f"count:{base_unit(c.unit)}", [])


@rule("CON002", "goal-commitment-without-indicator", "warning", "consistency", title="目标承诺没有对应指标",
      params={"min_overlap": 1})
def goal_commitment_without_indicator(ctx: RuleContext) -> Iterator[Finding]:
    """绩效目标文字中的数量承诺没有任何指标来衡量。

    Indicators are the breakdown and quantification of the goal (财预〔2015〕88号 相关性审核;
    101号 高度关联), so each number the goal promises ("培训不低于3次", "经费不高于17万元",
    "覆盖面达80%") should be measured by an indicator of the same kind (a count in the same unit, a
    percentage, or a money amount) whose name shares at least ``min_overlap`` distinctive
    two-character pieces with what the goal talks about (a count in another unit is accepted when
    it shares more than that: "6批次" measured by "外训批次 6次"). Words from the organisation's own
    name do not count as shared. Money is checked only for caps ("不高于17万元"): an allocation such
    as "上解州总工会108万元" is an input, which 88号 says must not be a performance target.

    Fails: goal promises "安排疗休养工作不低于2次" and no count indicator mentions 疗休养.
    Passes: goal promises "举办专项培训不低于3次" and an indicator reads "开展专项培训 ≥3次".
    """
    minimum = ctx.param_int("min_overlap")
    ignore = bigrams(ctx.doc.organisation or "")
    whats = {kind: _(word) for kind, word in _WHAT.items()}  # the review speaks one language throughout
    for project in ctx.doc.projects:
        promised = [(goal, found) for goal in project.goals if (found := commitments(goal))]
        if not promised:
            continue
        groups = ctx.facts.project(project).kinds  # the indicators by kind, shared with CON001
        for goal, found in promised:
            for c in found:
                kind = _kind(c)
                if kind == "money" and c.operator not in {"≤", "<"}:
                    continue  # an allocation ("上解州总工会108万元") is an input, not a result to measure
                subject = commitment_subject(c, goal.text)
                # overlap(subject, name, ignore) is len(own & bigrams(name)): the subject's pieces once
                own = bigrams(subject) - ignore if ignore else bigrams(subject)
                candidates = _candidates(kind, c, groups)
                if any(len(own & bigrams(i.name)) >= minimum for i in candidates):
                    continue
                if kind == "count" and any(  # same thing counted in another unit (6批次 vs 6次)
                    len(own & bigrams(i.name)) > minimum for i in groups["count:"]
                ):
                    continue
                promise = promise_text(c, goal.text)
                about = subject.strip()
                yield ctx.finding(
                    _("目标中的承诺“{goal}”没有对应的{what}指标", goal=promise, what=whats[kind]),
                    project=project,
                    evidence=promise,
                    location=goal.location or project.location,
                    expected=_("衡量“{subject}”的指标（{value}）", subject=about,
                               value=f"{c.operator}{fmt(c.value)}{c.unit or ''}"),
                    context={"goal": goal.label or "", "subject": about},
                )


@rule("GOL001", "missing-goal-text", "error", "consistency", title="缺少绩效目标", params={"min_chars": 10})
def missing_goal_text(ctx: RuleContext) -> Iterator[Finding]:
    """项目没有绩效目标文字，或只有敷衍的几个字（项目名称本身等）。

    The annual goal (年度绩效目标) is required (财预〔2015〕88号 完整性) and states what the money
    will produce and achieve; the indicators quantify it. A missing goal is an error; a goal shorter
    than ``min_chars`` characters or equal to the project name is a warning.

    Fails: no goal; goal "为退休干部提供服务" (9 characters).
    Passes: goal "向一线环卫工人开展送爱心早餐活动，全年不少于30天，覆盖全部一线环卫工人".
    """
    minimum = ctx.param_int("min_chars")
    for project in ctx.doc.projects:
        text = "".join("".join(g.text.split()) for g in project.goals)
        if not text:
            yield ctx.finding(
                _("项目没有填写绩效目标"),
                project=project,
                evidence=project.name,
                expected=_("写明产出和效果的年度绩效目标"),
            )
        elif text == "".join(project.name.split()) or len(text) < minimum:
            yield ctx.finding(
                _("绩效目标“{goal}”过于简单，没有说明产出和效果", goal=text),
                project=project,
                evidence=text,
                location=project.goals[0].location or project.location,
                expected=_("至少 {minimum} 个字，写明产出和效果", minimum=minimum),
                severity="warning",
            )
