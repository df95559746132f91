"""The text report: findings grouped by project, one block per finding, optional ANSI colour."""

from __future__ import annotations

from collections.abc import Iterable

from jixiao.model.document import Document
from jixiao.review.finding import Finding
from jixiao.review.report import Report

_COLOURS = {"error": "31", "warning": "33", "info": "36"}
_LABELS = {"error": "错误 error", "warning": "警告 warning", "info": "提示 info"}


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
        return "文档 document"
    project = doc.project(seq) if doc is not None else None
    name = f" {project.name}" if project is not None else ""
    amount = f"（{project.amount}万元）" if project is not None and project.amount is not None else ""
    sure = f" · 置信度 {project.confidence}" if project is not None and project.confidence is not None else ""
    return f"项目 {seq}{name}{amount}{sure}"


def document_notes(doc: Document | None) -> list[str]:
    """What the reader of a report must know about the document before its findings: where a
    cut-off document stopped, and how many repairs were made to its text before it was read."""
    if doc is None:
        return []
    notes = [f"部分文件（在{doc.partial}处中断）"] if doc.partial else []
    repairs = len(doc.repairs) + sum(len(i.repairs) for p in doc.projects for i in p.indicators)
    if repairs:
        notes.append(f"文字修正 {repairs} 处（原文经修正后识别）")
    return notes


def render_text(report: Report, doc: Document | None = None, *, color: bool = False) -> str:
    """Human-readable report. ``doc`` (optional) supplies project names for the headings."""
    notes = document_notes(doc)
    lines: list[str] = [*(_paint(n, _COLOURS["warning"], color) for n in notes), *([""] if notes else [])]
    for seq, findings in group_by_project(report.findings):
        lines.append(_paint(project_heading(seq, doc), "1", color))
        for f in findings:
            label = _paint(f"{_LABELS[f.severity]:<11}", _COLOURS[f.severity], color)
            where = f" @ {f.location.describe()}" if f.location is not None else ""
            lines.append(f"  {label} {f.rule} {f.name}{where}")
            lines.append(f"      {f.message}")
            if f.evidence:
                lines.append(f"      原文 evidence: {f.evidence}")
            if f.expected:
                lines.append(f"      应为 expected: {f.expected}")
        lines.append("")
    s = report.summary
    sev = s["by_severity"]
    tail = f"，另有 {sum(report.omitted.values())} 条超出每条规则上限未列出" if report.omitted else ""
    lines.append(
        f"{s['projects']} 个项目、{s['indicators']} 个指标"
        f"（{s['framework']}，预算年度 {s['year'] or '未知'}）："
        f"{sev['error']} 个错误，{sev['warning']} 个警告，{sev['info']} 个提示{tail}"
    )
    return "\n".join(lines) + "\n"
