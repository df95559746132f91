"""Graded targets (优/良/中/差 thresholds instead of one value): the grades must be distinct steps."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal
from itertools import pairwise

from jixiao.i18n import _
from jixiao.model.document import Indicator
from jixiao.review.context import RuleContext
from jixiao.review.finding import Finding
from jixiao.review.measure import fmt
from jixiao.review.registry import rule

GRADES = ("优", "良", "中", "差")
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


def thresholds(ind: Indicator) -> list[tuple[str, Decimal, str]]:
    """(grade, number, as written) for the grades the row gives a number for, in 优→差 order."""
    out: list[tuple[str, Decimal, str]] = []
    for grade in GRADES:
        written = next((v for k, v in ind.extra.items() if k.strip() == grade), None)
        match = _NUMBER.search(written or "")
        if written is not None and match:
            out.append((grade, Decimal(match.group(0)), written.strip()))
    return out


@rule("VAL012", "graded-thresholds-not-distinct", "warning", "values", title="分档标准不分明")
def graded_thresholds_not_distinct(ctx: RuleContext) -> Iterator[Finding]:
    """分档指标值（优/良/中/差 评价标准）中两档门槛相同，或顺序颠倒。

    Some tables set four thresholds instead of one target value (中央困难群众救助 提前下达: 优 100%,
    良 90%, 中 85%, 差 70%). Each grade must be a distinct step in one direction: when 中 and 差 are
    both 85%, a result of 85% is at once 中 and 差 and the grade cannot be decided. Thresholds that go
    up and down (90, 95, 80) are reversed. Only grades written with a number are compared.

    Fails: 救助覆盖率 优 100% 良 90% 中 85% 差 85% (邯郸, 015).
    Passes: the same indicator with 差 70%.
    """
    if not ctx.facts.extras:
        return  # no graded columns anywhere
    for project in ctx.doc.projects:
        for ind in project.indicators:
            if not ind.extra:
                continue
            grades = thresholds(ind)
            if len(grades) < 2:
                continue
            pairs = list(pairwise(grades))
            steps = [b[1] - a[1] for a, b in pairs]
            same = [(a, b) for a, b in pairs if a[1] == b[1]]
            mixed = any(d > 0 for d in steps) and any(d < 0 for d in steps)
            if not same and not mixed:
                continue
            shown = " ".join(f"{g} {w}" for g, _, w in grades)
            if same:
                a, b = same[0]
                message = _("指标“{name}”的评价标准中“{a}”与“{b}”同为 {threshold}，无法区分等级",
                            name=ind.name,
                            a=a[0],
                            b=b[0], threshold=fmt(a[1]))
            else:
                message = _("指标“{name}”的评价标准 {grades} 忽高忽低，等级顺序不一致", name=ind.name,
                            grades=shown)
            yield ctx.finding(
                message,
                project=project,
                indicator=ind,
                evidence=f"{ind.name} {shown}",
                expected=_("从优到差逐档递减（或递增）且不重复的门槛"),
                context={"grades": shown},
            )
