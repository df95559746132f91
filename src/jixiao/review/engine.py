"""Run the selected rules over a document. A rule that raises becomes a ``rule-crashed`` finding and
the others run on; each rule's findings are capped per project so one noisy rule cannot flood the
report."""

from __future__ import annotations

import traceback
from collections import Counter
from collections.abc import Callable

from jixiao.i18n import _, current_language, use_language
from jixiao.model.document import Document
from jixiao.review.config import ConfigError, ReviewConfig
from jixiao.review.context import RuleContext, budget_year, document_framework
from jixiao.review.facts import DocumentFacts
from jixiao.review.finding import Finding, docs_anchor, in_order
from jixiao.review.registry import all_rules, get_rule, rule_label
from jixiao.review.report import Report

CRASH_RULE = "rule-crashed"


def _crash(code: str, name: str, exc: BaseException, config: ReviewConfig) -> Finding:
    spec = get_rule(CRASH_RULE)
    assert spec is not None
    frame = traceback.extract_tb(exc.__traceback__)[-1] if exc.__traceback__ else None
    where = f"{frame.filename.rsplit('/', 1)[-1]}:{frame.lineno}" if frame else ""
    return Finding(
        rule=spec.code,
        name=spec.name,
        severity=config.severity_for(spec) or spec.severity,
        message=_("规则 {rule} 运行出错，已跳过：{error}", rule=rule_label(code, name),
                  error=f"{type(exc).__name__}: {exc}"),
        evidence=f"{type(exc).__name__}: {exc}",
        expected=_("规则完整运行"),
        context={"crashed_rule": code, "crashed_name": name, "where": where},
        docs=docs_anchor(spec.code),
    )


def _cap(produced: list[Finding], cap: int) -> tuple[list[Finding], int]:
    """Keep at most ``cap`` findings of one rule per project (and for the document level), so a noisy
    rule cannot flood one project's report while every project still gets its findings."""
    if max(Counter(f.project for f in produced).values(), default=0) <= cap:
        return produced, 0
    per_project: dict[str | None, int] = {}
    kept: list[Finding] = []
    for finding in in_order(produced):
        seen = per_project.get(finding.project, 0)
        per_project[finding.project] = seen + 1
        if seen < cap:
            kept.append(finding)
    return kept, len(produced) - len(kept)


def review(doc: Document, config: ReviewConfig | None = None,
           progress: Callable[[int, int], None] | None = None) -> Report:
    """Review ``doc`` with ``config`` (default: every rule, default preset).

    ``progress(done, total)`` is called after each rule with the rules run so far and the rules to run.
    The whole review speaks the language current when it starts (chosen once, not per finding).
    """
    with use_language(current_language()):
        return _review(doc, config, progress)


def _review(doc: Document, config: ReviewConfig | None,
            progress: Callable[[int, int], None] | None) -> Report:
    config = config or ReviewConfig()
    framework = document_framework(doc, config)
    year = budget_year(doc, config)
    findings: list[Finding] = []
    omitted: dict[str, int] = {}
    ran: list[str] = []
    specs = [spec for spec in all_rules() if spec.name != CRASH_RULE and config.enabled(spec)]
    facts = DocumentFacts.of(doc)
    for spec in specs:
        if ran and progress is not None:
            progress(len(ran), len(specs))
        ran.append(spec.code)
        ctx = RuleContext(doc, config, spec, framework, year, config.params_for(spec), facts)
        produced: list[Finding] = []
        try:
            produced.extend(spec.check(ctx))
        except ConfigError:
            raise
        except Exception as exc:  # isolate the rule: report it and run the others
            findings.append(_crash(spec.code, spec.name, exc, config))
        kept, dropped = _cap(produced, config.max_findings_per_rule)
        if dropped:
            omitted[spec.code] = dropped
        findings.extend(kept)
    if progress is not None:
        progress(len(ran), len(specs))
    return Report.build(
        findings,
        source=doc.source,
        year=year,
        framework=framework.value,
        projects=len(doc.projects),
        indicators=sum(len(p.indicators) for p in doc.projects),
        rules_run=tuple(ran),
        omitted=omitted,
    )
