"""Self-evaluation (自评表) results: an actual that only restates the target, a form left blank, and a
summary that calls a missed target achieved."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from jixiao.i18n import N_, _
from jixiao.model.document import Document, Indicator, Project, ValueKind
from jixiao.review.context import RuleContext
from jixiao.review.finding import Finding, Severity
from jixiao.review.measure import fmt
from jixiao.review.registry import rule
from jixiao.review.rules.scoring import actual_number, reported_score, scoring_operator
from jixiao.review.rules.weights import budget_points

#: An actual that is only a claim of success: 完成, 已完成, 达成预期指标, 达到目标, 在规定时间内完成 …
_CLAIM = re.compile(
    r"^(?:实际)?(?:已经?|均已|全部|基本|圆满|顺利|按时|按期|如期|按计划|按要求|在规定时间内|全面)*"
    r"(?:完成|达成|达到|实现|达标|满足)了?"
    r"(?:预期|既定|年度|计划|绩效|全部)?(?:指标|目标|要求|效果|任务)?值?$"
)
_OPERATOR_FIRST = re.compile(r"^(?:[≥≤><＞＜≧≦]|>=|<=|不低于|不少于|不高于|不超过|不多于|大于|小于|至少)")
_TRAILING = "。.；;，, "
_CJK = re.compile(r"[\u4e00-\u9fff]")


def _squeeze(text: str | None) -> str:
    return "".join((text or "").split()).rstrip(_TRAILING)


def _target_text(ind: Indicator) -> str:
    return _squeeze(ind.value) if isinstance(ind.value, str) else ""


@rule("SCR005", "actual-only-restates-target", "warning", "scoring", title="完成值只是复述指标值")
def actual_only_restates_target(ctx: RuleContext) -> Iterator[Finding]:
    """自评的实际完成值只写“完成”或照抄指标值，而不是实际结果。

    The actual must be what was measured at the end of the year (财预〔2020〕10号: 实际完成值 is
    compared with the target to score the indicator). "达成预期指标", "已完成", "在规定时间内完成" or a
    copy of the target with its operator ("≥95%") gives nothing to compare: a warning. A qualitative
    target answered with the very same word ("有效" → "有效", "好" → "好") says no more than the target
    did; that is reported as info.

    Fails: 项目完成时间 target 2023年12月底, actual "实际在规定时间内完成" (镜湖区残联 自评, 025);
    资金使用合规性 target 好, actual 好 (重庆科学城融媒体中心 整体自评, 031; info).
    Passes: 资助接受托养服务人次数 target ≥105人, actual 116人 (025).
    """
    if not ctx.facts.actuals:
        return  # a declaration: no actual anywhere
    for project in ctx.doc.projects:
        for ind in project.indicators:
            actual = _squeeze(ind.actual)
            if not actual:
                continue
            severity: Severity | None
            if ind.value_kind is ValueKind.TEXT and actual == _target_text(ind) and _CJK.search(actual):
                message = _("定性指标“{name}”的完成值“{actual}”与目标值相同，没有说明实际情况", name=ind.name,
                            actual=ind.actual)
                severity = "info"
            elif _CLAIM.match(actual):
                message = _("指标“{name}”的完成值“{actual}”只是声称完成，没有实际数值或情况", name=ind.name,
                            actual=ind.actual)
                severity = None
            elif _OPERATOR_FIRST.match(actual) and any(c.isdigit() for c in actual):
                message = _("指标“{name}”的完成值“{actual}”照抄了目标值（带有比较符号），不是实际结果",
                            name=ind.name,
                            actual=ind.actual)
                severity = None
            else:
                continue
            yield ctx.finding(
                message,
                project=project,
                indicator=ind,
                evidence=f"{ind.raw} | 完成值 {ind.actual}",
                expected=_("实际测得的结果（带单位的数值，或实际达成的情况）"),
                severity=severity,
                context={"actual": ind.actual or ""},
            )


def _is_selfeval(doc: Document, project: Project) -> bool:
    if doc.kind == "selfeval" or doc.layout == "selfeval":
        return True
    return any(i.actual is not None or i.score is not None for i in project.indicators)


@rule("SCR006", "self-evaluation-left-blank", "error", "scoring", title="自评表未填写")
def self_evaluation_left_blank(ctx: RuleContext) -> Iterator[Finding]:
    """自评表公开的指标既没有实际完成值也没有得分。

    A self-evaluation exists to report the result of every target (财预〔2020〕10号). A row with
    neither an actual nor a score was not evaluated; when every row is blank the table is the empty
    form. Checked in self-evaluation documents (``kind = selfeval``), and in any project where some
    rows are filled in.

    Fails: 青神县发改局 工资性支出 自评表 (017): 发放(缴纳)覆盖率 and 足额保障率(参保率) with 完成值 and
    得分 blank.
    Passes: 永德县明朗中学 自评表 (037): every row has 实际完成值 and 得分.
    """
    for project in ctx.doc.projects:
        if not project.indicators or not _is_selfeval(ctx.doc, project):
            continue
        blank = [i for i in project.indicators if not _squeeze(i.actual) and i.score is None]
        if not blank:
            continue
        every = len(blank) == len(project.indicators)
        yield ctx.finding(
            (_("自评表所有指标的完成值和得分都是空白，没有进行自评") if every
             else _("{count} 个指标没有填写完成值和得分", count=len(blank))),
            project=project,
            indicator=blank[0],
            evidence="、".join(i.raw or i.name for i in blank[:10]),
            expected=_("每个指标都填写实际完成值和得分"),
            severity="error" if every else "warning",
            context={"blank": str(len(blank)), "indicators": str(len(project.indicators))},
        )


_ACHIEVED = re.compile(
    r"已(?:按照计划|按计划|全部|全面|完全|圆满)?(?:完成|实现|达到|达成)(?:了)?(?:年度|预期|既定|绩效)?目标"
)


def _missed(ind: Indicator, year: int | None) -> Decimal | None:
    """The actual when it falls short of the target by the indicator's direction, else None."""
    target = ind.number
    actual = actual_number(ind.actual, year)
    if target is None or actual is None:
        return None
    operator = scoring_operator(ind)
    short = actual < target if operator in {"≥", ">", "="} else actual > target
    return actual if short else None


@rule("SCR007", "miss-reported-as-achieved", "warning", "scoring", title="未完成却称已完成")
def miss_reported_as_achieved(ctx: RuleContext) -> Iterator[Finding]:
    """自评总结称目标已完成，但有指标未达到指标值。

    The 年度目标完成情况 / 评价结论 must agree with the indicator table: "已按照计划完成目标" or
    "绩效目标已完全实现" next to a missed target misleads the reader of the published report. The
    summary is read from the project's goal-completion fields (``extra``: goal_actual, 年度目标完成情况,
    评价结论 …), its goal text and the text the parser kept verbatim (the whole document's, when it
    has one project: a prose report's "(三)总体绩效目标完成情况分析" paragraph).

    Fails: 镜湖区残联 (025): "该资金项目已按照计划完成目标" while 残疾人机动轮椅车燃油补贴 reached 164
    against ≥180.
    Passes: the same summary with every actual at or above its target.
    """
    for project in ctx.doc.projects:
        loose = [*project.unparsed, *(ctx.doc.unparsed if len(ctx.doc.projects) == 1 else [])]
        texts = [*project.extra.items(), *(("绩效目标", g.text) for g in project.goals),
                 *(("未解析文本", u.text) for u in loose)]
        claims = [
            (k, m.group(0), v) for k, v in texts if (m := _ACHIEVED.search("".join(v.split()))) is not None
        ]
        if not claims:
            continue
        missed = [(i, a) for i in project.indicators if (a := _missed(i, ctx.year)) is not None]
        if not missed:
            continue
        key, said, text = claims[0]
        ind, actual = missed[0]
        unit = "%" if ind.value_kind is ValueKind.PERCENT else ind.unit or ""
        target = ind.number if ind.number is not None else Decimal(0)
        shown = "；".join(f"{i.name} 完成 {i.actual}" for i, _ in missed[:5])
        yield ctx.finding(
            _("自评结论称“{said}”，但指标“{name}”目标 {target}、只完成 {actual}", said=said, name=ind.name,
              target=f"{scoring_operator(ind)}{fmt(target)}{unit}", actual=f"{fmt(actual)}{unit}")
            + (_("（共 {count} 个指标未完成）", count=len(missed)) if len(missed) > 1 else ""),
            project=project,
            indicator=ind,
            evidence=f"{text} | {shown}",
            expected=_("写明未完成的指标及其原因的总结"),
            context={"field": key, "missed": str(len(missed))},
        )


_TOTAL_LABELS = ("总分", "自评总分", "自评得分", "合计", "总计")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")


def _budget_score(project: Project) -> Decimal | None:
    """The 得分 of 预算执行率 on the funds block's 总额 row."""
    for key, value in project.funds.items():
        row, _, column = key.partition("/")
        if column == "得分" and ("总额" in row or "合计" in row):
            return value
    return None


def _sums(project: Project) -> tuple[Decimal | None, Decimal | None]:
    """(points, score) the rows add up to, 预算执行率 included; None when a row lacks one."""
    weights = [i.weight for i in project.indicators]
    scores = [reported_score(i) for i in project.indicators]
    budget_w, budget_s = budget_points(project), _budget_score(project)
    points = None if None in weights else sum((w for w in weights if w), budget_w or Decimal(0))
    score = None if None in scores or not scores else sum((s for s in scores if s), budget_s or Decimal(0))
    return points, score


@rule("SCR008", "total-score-does-not-add-up", "error", "scoring", title="总分与合计不符",
      params={"tolerance": "0.05"})
def total_score_does_not_add_up(ctx: RuleContext) -> Iterator[Finding]:
    """自评表的总分（或合计）行不等于各行之和。

    The total score is the sum of the indicator scores plus the 预算执行率 score (财预〔2020〕10号);
    a 总分 row reads "分值 | 得分 | 等级" ("100 | 96 | 优"), a 合计 row the points alone. A total that
    the rows cannot add up to (within ``tolerance``) was typed in, not computed, and its grade (优/良/
    中/差) may be wrong too. A table cut short (``Document.partial``) is not checked.

    Fails: 永德县明朗中学 (037) with 总分 "100 | 98 | 优" while the rows give 86 + 预算执行率 10 = 96.
    Passes: 永德县明朗中学 (037): 总分 "100 | 96 | 优" = 90 + 10 points, 86 + 10 scored.
    """
    if ctx.doc.partial is not None:
        return
    tolerance = ctx.param_decimal("tolerance")
    for project in ctx.doc.projects:
        label = next((k for k in project.extra if k.strip() in _TOTAL_LABELS), None)
        if label is None or not project.indicators:
            continue
        written = [Decimal(n) for n in _NUMBER.findall(project.extra[label])]
        points, score = _sums(project)
        if len(written) >= 2:
            checks = [(N_("分值"), written[0], points), (N_("得分"), written[1], score)]
        elif len(written) == 1:
            if any(s is not None and abs(s - written[0]) <= tolerance for s in (points, score)):
                continue
            checks = [(N_("得分"), written[0], score) if score is not None else (N_("分值"), written[0],
                          points)]
        else:
            continue
        for what, total, summed in checks:
            if summed is None or abs(total - summed) <= tolerance:
                continue
            yield ctx.finding(
                _("{label}的{what} {total} 与各指标{what}加预算执行率之和 {sum} 不符", label=label,
                  what=_(what),
                  total=fmt(total), sum=fmt(summed)),
                project=project,
                evidence=f"{label} {project.extra[label]}; "
                + " + ".join(f"{i.name} {fmt(v)}" for i in project.indicators
                             if (v := (i.weight if what == "分值" else reported_score(i))) is not None),
                expected=fmt(summed),
                context={"total": fmt(total), "sum": fmt(summed), "column": what},
            )
