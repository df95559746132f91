"""Rules about the review itself and the parse: text the parser kept verbatim, rules that crashed."""

from __future__ import annotations

from collections.abc import Iterator

from jixiao.review.context import RuleContext
from jixiao.review.finding import Finding
from jixiao.review.registry import rule


@rule("PRS001", "unparsed-text", "warning", "parse", params={"max_evidence": 200})
def unparsed_text(ctx: RuleContext) -> Iterator[Finding]:
    """Text the parser could not place was kept verbatim; a person must read it.

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
            reason = f"（{item.reason}）" if item.reason else ""
            yield ctx.finding(
                f"有未能解析的文本{reason}，已原样保留，请人工核对",
                project=project,
                evidence=shown,
                location=item.location,
                expected="text the parser understands, or a deliberate note",
                context={"reason": item.reason} if item.reason else {},
            )


@rule("ENG001", "rule-crashed", "error", "engine")
def rule_crashed(ctx: RuleContext) -> Iterator[Finding]:
    """A review rule raised an exception; its checks did not run on this document.

    The engine isolates every rule: when one raises, the exception becomes this finding (naming
    the rule, the exception and where it was raised) and the other rules still run. It is an error
    because part of the review is missing. Please report it with the document that caused it.

    Fails: a rule that divides by a zero amount and raises.
    Passes: every rule ran to completion.
    """
    return iter(())
