"""The text report: findings grouped by project, one block per finding, optional ANSI colour."""

from __future__ import annotations

from collections.abc import Iterable

from jixiao.i18n import _
from jixiao.model.document import Document
from jixiao.review.finding import Finding, severity_name
from jixiao.review.registry import rule_label
from jixiao.review.report import Report

_COLOURS = {"error": "31", "warning": "33", "info": "36"}


def _paint(text: str, code: str, color: bool) -> str:
    return f"\x1b[{code}m{text}\x1b[0m" if color else text


def group_by_project(findings: Iterable[Finding]) -> list[tuple[str | None, list[Finding]]]:
    out: list[tuple[str | None, list[Finding]]] = []
    for finding in findings:
        if out and out[-1][0] == finding.project:
            out[-1][1].append(finding)
        else:
            out.append((finding.project, [finding]))
    return out


def project_heading(seq: str | None, doc: Document | None) -> str:
    if seq is None:
        return _("文档")
    project = doc.project(seq) if doc is not None else None
    name = f" {project.name}" if project is not None else ""
    known = project is not None and project.amount is not None
    amount = _("（{amount}万元）", amount=project.amount) if project is not None and known else ""
    sure = _(" · 置信度 {confidence}", confidence=project.confidence) \
        if project is not None and project.confidence is not None else ""
    return _("项目 {seq}", seq=seq) + f"{name}{amount}{sure}"


def document_notes(doc: Document | None) -> list[str]:
    """What the reader of a report must know about the document before its findings: where a
    cut-off document stopped, and how many repairs were made to its text before it was read."""
    if doc is None:
        return []
    notes = [_("部分文件（在{where}处中断）", where=doc.partial)] if doc.partial else []
    repairs = len(doc.repairs) + sum(len(i.repairs) for p in doc.projects for i in p.indicators)
    if repairs:
        notes.append(_("文字修正 {count} 处（原文经修正后识别）", count=repairs))
    return notes


def render_text(report: Report, doc: Document | None = None, *, color: bool = False) -> str:
    """Human-readable report. ``doc`` (optional) supplies project names for the headings."""
    notes = document_notes(doc)
    lines: list[str] = [*(_paint(n, _COLOURS["warning"], color) for n in notes), *([""] if notes else [])]
    for seq, findings in group_by_project(report.findings):
        lines.append(_paint(project_heading(seq, doc), "1", color))
        for f in findings:
            label = _paint(f"{severity_name(f.severity):<7}", _COLOURS[f.severity], color)
            where = f" @ {f.location.describe()}" if f.location is not None else ""
            lines.append(f"  {label} {rule_label(f.rule, f.name)}{where}")
            lines.append(f"      {f.message}")
            if f.evidence:
                lines.append("      " + _("原文：{evidence}", evidence=f.evidence))
            if f.expected:
                lines.append("      " + _("应为：{expected}", expected=f.expected))
        lines.append("")
    s = report.summary
    sev = s["by_severity"]
    omitted = sum(report.omitted.values())
    tail = _("，另有 {count} 条超出每条规则上限未列出", count=omitted) if report.omitted else ""
    lines.append(_(
        "{projects} 个项目、{indicators} 个指标（{framework}，预算年度 {year}）："
        "{error} 个错误，{warning} 个警告，{info} 个提示{tail}",
        projects=s["projects"], indicators=s["indicators"], framework=s["framework"],
        year=s["year"] or _("未知"), error=sev["error"], warning=sev["warning"], info=sev["info"], tail=tail,
    ))
    return "\n".join(lines) + "\n"
