"""Cost indicators against the money: the project amount and the caps stated in the goal."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal
from functools import lru_cache

from jixiao.i18n import _
from jixiao.model.document import NO_OPERATOR, Commitment, Indicator
from jixiao.review.context import RuleContext
from jixiao.review.facts import ProjectFacts
from jixiao.review.finding import Finding
from jixiao.review.measure import (
    MONEY_FACTORS,
    base_unit,
    best_matches,
    bigrams,
    commitments,
    count_of,
    fmt,
    money_wan,
    overlap,
    per_unit_marker,
    project_amount_wan,
    words,
    wordset,
)
from jixiao.review.registry import rule

#: Words that do not tell which quantity a per-unit cost belongs to.
PAIRING_GENERIC = wordset("成本 费用 经费 支出 开展 组织 举办 实施 工作 单位 平均 单次 建设 金额 资金")


@lru_cache(maxsize=16384)
def _wanted(name: str, marker: str) -> tuple[str, ...]:
    """The words of a per-unit cost's name that tell its quantity (the marker and generic words out)."""
    return tuple(w for w in words(name.replace(marker, "")) if w not in PAIRING_GENERIC)


@lru_cache(maxsize=16384)
def _word_set(name: str) -> frozenset[str]:
    return frozenset(words(name))


def shared_total(facts: ProjectFacts, cost: Indicator) -> tuple[Decimal, str, Indicator | None] | None:
    """:func:`cost_total` over the project's floors, computed once per review for CON001 and CST001."""
    key = id(cost)
    if key not in facts.totals:
        facts.totals[key] = cost_total(cost, facts.floors)
    return facts.totals[key]


def quantity_for(cost: Indicator, quantities: list[Indicator]) -> Indicator | None:
    """The quantity indicator a per-unit cost multiplies with ("单次培训开展成本" -> "开展专项培训 ≥3次")."""
    marker = per_unit_marker(cost.name)
    if marker is None:
        return None
    _, units = marker
    counts = [i for i in quantities if not units or base_unit(i.unit) in units]
    wanted = _wanted(cost.name, marker[0])
    if not wanted:
        return None
    best: tuple[float, int] = (0.0, -1)
    for n, qty in enumerate(counts):
        have = _word_set(qty.name)
        share = sum(1 for w in wanted if w in have) / len(wanted)
        if share > best[0]:
            best = (share, n)
    return counts[best[1]] if best[0] >= 0.5 else None


def cost_total(cost: Indicator, quantities: list[Indicator]) -> tuple[Decimal, str, Indicator | None] | None:
    """(total in 万元, how it was computed, the quantity used) for a cost indicator."""
    amount = money_wan(cost)
    if amount is None:
        return None
    qty = quantity_for(cost, quantities)
    if qty is not None:
        n = count_of(qty)
        if n is not None:
            how = f"{fmt(n)}{base_unit(qty.unit)} × {fmt(amount)}万元 = {fmt(n * amount)}万元"
            return n * amount, how, qty
    return amount, f"{fmt(amount)}万元", None


@rule("CST001", "cost-exceeds-project-amount", "error", "budget", title="成本超过项目金额",
      params={"amount_unit": "万元"})
def cost_exceeds_project_amount(ctx: RuleContext) -> Iterator[Finding]:
    """成本指标（或单位成本乘以数量）大于整个项目金额。

    The project amount is read in ``amount_unit`` (the list tables state 金额 in 万元); cost values
    are converted from 元/万元/亿元. A per-unit cost (单次, 平均, 人均, 单个 …) is multiplied by the
    quantity indicator it belongs to when one matches by name and unit (单次 with 次/场, 人均 with 人).
    Only cap-like operators count (≤, <, =, or none): a "≥" cost is a floor, not a cost.

    Fails: 单次印刷宣传资料成本 ≤5万元 in a 4万元 project.
    Passes: 单次宣传成本 ≤0.2万元 × 开展宣传 ≥2次 = 0.4万元 in a 4万元 project.
    """
    unit = str(ctx.params["amount_unit"])
    if unit not in MONEY_FACTORS:
        unit = "万元"
    for project in ctx.doc.projects:
        budget = project_amount_wan(project, unit)
        if budget is None:
            continue
        facts = ctx.facts.project(project)
        for ind in facts.costs:
            if ind.operator in {"≥", ">"}:
                continue
            single = money_wan(ind)
            if single is not None and single > budget:
                how = f"{fmt(single)}万元"
            else:
                computed = shared_total(facts, ind)
                if computed is None or computed[0] <= budget:
                    continue
                how = computed[1]
            yield ctx.finding(
                _("成本指标“{name}”（{how}）超过项目金额 {budget}万元", name=ind.name, how=how,
                  budget=fmt(budget)),
                project=project,
                indicator=ind,
                expected=_("≤ {budget}万元（项目金额）", budget=fmt(budget)),
                context={"project_amount": f"{fmt(budget)}万元", "cost": how},
            )


def _money_cap(c: Commitment) -> Decimal | None:
    factor = MONEY_FACTORS.get(base_unit(c.unit))
    if factor is None or c.operator not in {"≤", "<"}:
        return None
    return c.value * factor


_CLAUSE_END = "，,。；;：:、"


def commitment_subject(c: Commitment, goal_text: str) -> str:
    """What a commitment is about: its subject, else the clause around it in the goal text.

    "建设职工之家不低于10个" -> "建设职工之家"; "为7名退休干部发放慰问金" (number first) -> the words
    after the number, "科级及以下退休干部发放慰问金".
    """
    if bigrams(c.subject):
        return c.subject
    if c.span is not None and 0 <= c.span[0] <= c.span[1] <= len(goal_text):
        head = goal_text[: c.span[0]]
        tail = goal_text[c.span[1] :]
        for sep in _CLAUSE_END:
            head = head.rsplit(sep, 1)[-1]
            tail = tail.split(sep, 1)[0]
        for part in (head, tail):
            if bigrams(part):
                return part
    return c.subject or c.text


_CLAUSE_MARKS = "，,。；;：:！!？? \t\n\r\u3000"
_CLAUSE_HEAD = re.compile(f"[^{_CLAUSE_MARKS}]*\\Z")  # the run of clause characters ending at endpos
_CLAUSE_TAIL = re.compile(f"[^{_CLAUSE_MARKS}]*")  # the run starting at pos


def promise_text(c: Commitment, goal_text: str) -> str:
    """The goal's clause that holds the commitment, as written: "保证职工之家建设经费不高于20万元"."""
    span = c.span
    if span is not None and 0 <= span[0] <= span[1] <= len(goal_text) and goal_text[slice(*span)] == c.text:
        head = _CLAUSE_HEAD.search(goal_text, 0, span[0])
        tail = _CLAUSE_TAIL.match(goal_text, span[1])
        assert head is not None and tail is not None  # both patterns match the empty string
        return goal_text[head.start():tail.end()]
    return c.text if c.subject in c.text else f"{c.subject}{c.text}"


def _related(subject: str, name: str, minimum: int, share: Decimal) -> bool:
    """Enough shared pieces: ``minimum`` + 1 of them, or ``minimum`` covering ``share`` of the subject."""
    shared = overlap(subject, name)
    if shared < minimum:
        return False
    own = len(bigrams(subject))
    return shared > minimum or (own > 0 and Decimal(shared) / own >= share)


@rule(
    "CON001", "goal-indicator-cost-conflict", "warning", "consistency", title="目标与指标的成本矛盾",
    params={"min_overlap": 1, "min_share": "0.25"},
)
def goal_indicator_cost_conflict(ctx: RuleContext) -> Iterator[Finding]:
    """绩效目标文字中写明的上限或数量与指标相矛盾。

    For every money cap in the goal ("职工之家建设经费不高于20万元") the cost indicators that share
    the most distinctive words with it are found (more than ``min_overlap`` two-character pieces, or
    ``min_overlap`` pieces making at least ``min_share`` of the goal clause's pieces); if a
    unit cost times its quantity, or a total cost, exceeds the cap, the goal and the indicators cannot
    both hold. For every count promise ("建设职工之家不低于10个") a matching quantity indicator with a
    lower floor is reported too.

    Fails: goal caps 职工之家 at 20万元 while ≥10个 × ≤5万元 = 50万元.
    Passes: goal caps 职工活动费 at 10万元 and ≥2次 × ≤5万元 = 10万元.
    """
    minimum = ctx.param_int("min_overlap")
    share = ctx.param_decimal("min_share")
    for project in ctx.doc.projects:
        promised = [(g, commitments(g)) for g in project.goals]
        if not any(cs for _, cs in promised):
            continue
        facts = ctx.facts.project(project)  # costs, counts by unit and floors, shared with CST001
        costs, by_unit = facts.costs, facts.counts
        for goal, goal_commitments in promised:
            for c in goal_commitments:
                subject = commitment_subject(c, goal.text)
                cap = _money_cap(c)
                if cap is not None:
                    for ind in best_matches(subject, costs):
                        if not _related(subject, ind.name, minimum, share):
                            continue
                        computed = shared_total(facts, ind)
                        if computed is None or computed[0] <= cap:
                            continue
                        promise = promise_text(c, goal.text)
                        yield ctx.finding(
                            _("目标要求“{goal}”，但指标“{name}”意味着 {computed}，超过目标上限", goal=promise,
                              name=ind.name,
                              computed=computed[1]),
                            project=project,
                            indicator=ind,
                            evidence=f"{promise} | {ind.raw}"
                            + (f" | {computed[2].raw}" if computed[2] is not None else ""),
                            expected=_("≤ {cap}万元（目标上限）", cap=fmt(cap)),
                            context={"goal": promise, "computed": computed[1], "cap": f"{fmt(cap)}万元"},
                        )
                elif c.operator in {"≥", ">", "=", NO_OPERATOR}:
                    for ind in best_matches(subject, by_unit.get(base_unit(c.unit), [])):
                        n = count_of(ind)
                        if n is None or not _related(subject, ind.name, minimum, share) or n >= c.value:
                            continue
                        promise = promise_text(c, goal.text)
                        yield ctx.finding(
                            _("目标承诺“{goal}”，但指标“{name}”只要求 {value}", goal=promise, name=ind.name,
                              value=f"{ind.operator}{fmt(n)}{ind.unit or ''}"),
                            project=project,
                            indicator=ind,
                            evidence=f"{promise} | {ind.raw}",
                            expected=_("{value}（目标承诺）",
                                       value=f"{c.operator}{fmt(c.value)}{c.unit or ''}"),
                            context={"goal": promise},
                        )
