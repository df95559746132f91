"""A self-evaluation's 总分 and 等级 against its rows: recomputed by the scoring engine, and graded by
the profile's bands (优 ≥ 90, 良 80–90, 中 60–80, 差 < 60)."""

from __future__ import annotations

from collections.abc import Iterator

from jixiao.i18n import _
from jixiao.review.context import RuleContext
from jixiao.review.finding import Finding
from jixiao.review.measure import fmt
from jixiao.review.registry import rule
from jixiao.review.scoring.profiles import get_profile
from jixiao.review.scoring.project import published_total, score_project


@rule("SCR009", "total-or-grade-does-not-follow", "warning", "scoring", title="总分或等级与各行不符",
      params={"tolerance": "1", "profile": "czy2020-10"})
def total_or_grade_does_not_follow(ctx: RuleContext) -> Iterator[Finding]:
    """自评表公布的总分与按各行重算的总分不符，或等级与总分不符。

    The scoring engine (`jixiao score`, profile ``profile``) recomputes every row it can; a row it
    cannot recompute (a qualitative row with no band) keeps its published score. A published 总分
    more than ``tolerance`` points from that total is a warning (the rows behind it are reported by
    SCR002). A grade that does not follow from a total under 财预〔2020〕10号's bands (优 ≥ 90, 良
    80–90, 中 60–80, 差 < 60) is an error: the published grade against the published total, and the
    published grade against the grade of the recomputed total. (SCR008 checks the published total
    against the published rows.)

    Fails: 永德县明朗中学 自评表 (037): 总分 96 (优), the rows recompute to 90.00 (资金到位及时率 7 → 10,
    政策知晓率 9 → 0); 总分 "100 | 86 | 优" (86 is 良).
    Passes: 037 with its rows scored as the engine scores them and 总分 "100 | 90 | 优".
    """
    tolerance = ctx.param_decimal("tolerance")
    profile = get_profile(str(ctx.params.get("profile") or "czy2020-10"))
    for project in ctx.doc.projects:
        total, grade = published_total(project)
        if total is None:
            continue
        if grade and profile.grade(total) != grade:
            yield ctx.finding(
                _("公布总分 {total} 应评“{expected}”，表中评为“{grade}”", total=fmt(total),
                  expected=profile.grade(total), grade=grade),
                project=project,
                evidence=f"总分 {fmt(total)} {grade}",
                expected=_("等级“{grade}”", grade=profile.grade(total)),
                severity="error",
                context={"total": fmt(total), "grade": grade},
            )
            continue
        scored = score_project(project, profile, ctx.year)
        if not scored.grade:  # a row with no score at all: the engine gives no total to compare
            continue
        if grade and scored.grade != grade:
            yield ctx.finding(
                _("按各行重算总分 {recomputed} 应评“{expected}”，表中评为“{grade}”（公布总分 {total}）",
                  recomputed=fmt(scored.total), expected=scored.grade, grade=grade, total=fmt(total)),
                project=project,
                evidence=f"重算：{scored.total_working}",
                expected=_("等级“{grade}”", grade=scored.grade),
                severity="error",
                context={"total": fmt(total), "recomputed": fmt(scored.total), "grade": grade},
            )
        elif abs(scored.total - total) > tolerance:
            yield ctx.finding(
                _("公布总分 {total} 与按各行重算的总分 {recomputed} 不符", total=fmt(total),
                  recomputed=fmt(scored.total)),
                project=project,
                evidence=f"重算：{scored.total_working}",
                expected=fmt(scored.total),
                context={"total": fmt(total), "recomputed": fmt(scored.total)},
            )
