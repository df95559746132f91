"""Rules about the review itself and the parse: text the parser kept verbatim, a document cut off
before its end, projects the recogniser was unsure of, rules that crashed."""

from __future__ import annotations

from collections.abc import Iterator

from jixiao.i18n import _
from jixiao.model.location import Location
from jixiao.review.context import RuleContext
from jixiao.review.finding import Finding
from jixiao.review.registry import rule


@rule("PRS001", "unparsed-text", "warning", "parse", title="未能识别的文字", params={"max_evidence": 200})
def unparsed_text(ctx: RuleContext) -> Iterator[Finding]:
    """识别程序无法归位的文字已原样保留，需要人工阅读。

    Nothing in a document is dropped: a row, cell or indicator the parser understood less than
    perfectly is kept in ``unparsed`` with the reason. Each such piece becomes a finding so that the
    reviewer sees it, quoted in full (up to ``max_evidence`` characters).

    Fails: an indicator line ``1.展品安全保障率`` with no value, kept as unparsed text.
    Passes: every line of the document was parsed.
    """
    limit = ctx.param_int("max_evidence")
    owners = [(None, ctx.doc.unparsed)] + [(p, p.unparsed) for p in ctx.doc.projects]
    for project, items in owners:
        for item in items:
            text = " ".join(item.text.split())
            shown = text if len(text) <= limit else text[:limit] + "…"
            reason = _("（{reason}）", reason=item.reason) if item.reason else ""
            yield ctx.finding(
                _("有未能解析的文本{reason}，已原样保留，请人工核对", reason=reason),
                project=project,
                evidence=shown,
                location=item.location,
                expected=_("可识别的内容，或有意加注的说明"),
                context={"reason": item.reason} if item.reason else {},
            )


@rule("PRS002", "partial-document", "warning", "parse", title="文件不完整")
def partial_document(ctx: RuleContext) -> Iterator[Finding]:
    """文件在结尾之前中断，中断之后的内容没有读到。

    Most copies of the published tables found online are cut off (a truncated download, a page
    limit, a table broken off mid-row). The parser keeps what is there and records where it
    stopped in ``partial``; the review then covers only part of the document, so the missing
    projects and indicators are neither checked nor counted. Find the complete original.

    Fails: a document whose table breaks off after project 2's 效益指标 (``partial`` set).
    Passes: a complete document (``partial`` is empty).
    """
    where = (ctx.doc.partial or "").strip()
    if not where:
        return
    yield ctx.finding(
        _("文件在{where}处中断，此后内容未收录", where=where),
        evidence=where,
        location=Location(ctx.doc.source) if ctx.doc.source else None,
        expected=_("完整的文件"),
        context={"partial": where},
    )


@rule("PRS003", "low-confidence-project", "warning", "parse", title="项目识别置信度低",
      params={"min_confidence": "0.8"})
def low_confidence_project(ctx: RuleContext) -> Iterator[Finding]:
    """识别程序不能确定是否按文件原样读出了这个项目。

    A layout that is only partly recognised (a row split across pages, columns without headers,
    indicators found by their wording rather than their place) gives each project a
    ``confidence`` between 0 and 1. Below ``min_confidence`` (default 0.8) part of the project —
    which cell is the indicator, which the value, which category it belongs to — is a guess: check
    it against the original before relying on the other findings about it.

    Fails: a project read with confidence 0.6.
    Passes: a project read with confidence 0.95, or by a layout's own parser (no confidence).
    """
    minimum = ctx.param_decimal("min_confidence")
    for project in ctx.doc.projects:
        if project.confidence is None or project.confidence >= minimum:
            continue
        yield ctx.finding(
            _("该项目识别置信度 {confidence}，部分内容为推测，请核对原件", confidence=project.confidence),
            project=project,
            evidence=f"{project.seq} {project.name}".strip(),
            expected=_("置信度不低于 {minimum}", minimum=minimum),
            context={"confidence": str(project.confidence), "min_confidence": str(minimum)},
        )


@rule("ENG001", "rule-crashed", "error", "engine", title="规则运行出错")
def rule_crashed(ctx: RuleContext) -> Iterator[Finding]:
    """某条审核规则运行时出错，本文件未经该规则检查。

    The engine isolates every rule: when one raises, the exception becomes this finding (naming
    the rule, the exception and where it was raised) and the other rules still run. It is an error
    because part of the review is missing. Please report it with the document that caused it.

    Fails: a rule that divides by a zero amount and raises.
    Passes: every rule ran to completion.
    """
    return iter(())
