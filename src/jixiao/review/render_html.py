"""A self-contained HTML report (inline CSS, no scripts or external files) a reviewer can open."""

from __future__ import annotations

import re
from html import escape

from jixiao.i18n import N_, _, current_language
from jixiao.model.document import Document
from jixiao.review.finding import Finding, severity_name
from jixiao.review.registry import rule_label
from jixiao.review.render_text import document_notes, group_by_project, project_heading
from jixiao.review.report import Report

_CSS = """
body{font-family:"Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:2rem auto;max-width:70rem;
color:#1b1b1b;line-height:1.5}
h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:2rem;border-bottom:1px solid #ccc}
table{border-collapse:collapse;width:100%}th,td{border:1px solid #ddd;padding:.35rem .5rem;
vertical-align:top;text-align:left}th{background:#f4f4f4}
.sev{font-weight:bold;white-space:nowrap}.error .sev{color:#b00020}.warning .sev{color:#8a5a00}
.info .sev{color:#005a8a}.error{background:#fff5f5}.warning{background:#fffbf0}
h3{font-size:1rem;margin-bottom:.2rem}section p{margin:.3rem 0}
.notice{background:#fff3c4;border-left:4px solid #e8a33d;padding:.4rem .8rem}
code{font-family:monospace;background:#f4f4f4;padding:0 .2rem}.ev{font-family:monospace;font-size:.9em}
.summary td{text-align:right}
"""

def _row(f: Finding) -> str:
    where = escape(f.location.describe()) if f.location is not None else ""
    expected = _("应为：{expected}", expected=f.expected)
    return (
        f'<tr class="{f.severity}"><td class="sev">{escape(severity_name(f.severity))}</td>'
        f'<td><a href="#{escape(f.rule.lower())}"><code>{escape(f.rule)}</code></a><br>'
        f"{escape(rule_label(f.rule, f.name).partition(' ')[2])}</td>"
        f"<td>{escape(f.indicator or '')}</td>"
        f"<td>{escape(f.message)}<br><small>{escape(expected)}</small></td>"
        f'<td class="ev">{escape(f.evidence)}</td><td>{where}</td></tr>'
    )


_HEADS = (N_("级别"), N_("规则"), N_("指标"), N_("说明"), N_("原文"), N_("位置"))
_CODE = re.compile(r"``(.+?)``")


def _inline(text: str) -> str:
    return _CODE.sub(r"<code>\1</code>", escape(text))


def _paragraphs(body: str) -> list[str]:
    """Docstring body -> paragraphs; each ``Fails:`` / ``Passes:`` line is its own paragraph."""
    out: list[str] = []
    for block in body.split("\n\n"):
        current: list[str] = []
        for line in block.splitlines():
            if line.startswith(("Fails:", "Passes:")):
                if current:
                    out.append(" ".join(current))
                current = []
                out.append(line)
            elif line.strip():
                current.append(line.strip())
        if current:
            out.append(" ".join(current))
    return out


def _rules_appendix(report: Report) -> list[str]:
    """What each rule in the report checks, so the page explains itself without docs/rules.md."""
    from jixiao.review.registry import get_rule

    codes = sorted({f.rule for f in report.findings})
    if not codes:
        return []
    out = ["<h2>" + escape(_("规则说明")) + "</h2>"]
    for code in codes:
        spec = get_rule(code)
        if spec is None:
            continue
        body = spec.doc.split("\n", 1)[1].strip() if "\n" in spec.doc else ""
        paragraphs = "".join(f"<p>{_inline(p)}</p>" for p in _paragraphs(body))
        out.append(
            f'<section id="{escape(code.lower())}"><h3><code>{escape(code)}</code> '
            f"{escape(spec.shown_title())} <code>{escape(spec.name)}</code></h3>"
            f"<p><strong>{escape(spec.shown_summary())}</strong></p>{paragraphs}</section>"
        )
    return out


def render_html(report: Report, doc: Document | None = None, title: str | None = None) -> str:
    s = report.summary
    sev = s["by_severity"]
    named = doc.title if doc is not None and doc.title else report.source
    heading = escape(title or named or _("审核报告"))
    lang = "zh-CN" if current_language() == "zh" else current_language()
    about = _("{projects} 个项目，{indicators} 个指标；框架 {framework}；预算年度 {year}；来源",
              projects=s["projects"], indicators=s["indicators"], framework=s["framework"],
              year=s["year"] or _("未知"))
    heads = "".join(f"<th>{escape(severity_name(n))}</th>" for n in ("error", "warning", "info"))
    parts = [
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">',
        f"<title>{heading} · " + escape(_("绩效目标审核")) + f"</title><style>{_CSS}</style></head><body>",
        f"<h1>{heading}</h1>",
        f"<p>{escape(about)} <code>{escape(report.source)}</code></p>",
        f'<table class="summary"><tr>{heads}<th>' + escape(_("合计")) + "</th></tr>"
        f"<tr><td>{sev['error']}</td><td>{sev['warning']}</td>"
        f"<td>{sev['info']}</td><td>{s['total']}</td></tr></table>",
    ]
    parts.extend(f'<p class="notice">{escape(note)}</p>' for note in document_notes(doc))
    if not report.findings:
        parts.append("<p>" + escape(_("没有发现问题。")) + "</p>")
    for seq, findings in group_by_project(report.findings):
        parts.append(f"<h2>{escape(project_heading(seq, doc))}</h2>")
        parts.append(
            "<table><tr>" + "".join(f"<th>{escape(_(h))}</th>" for h in _HEADS) + "</tr>"
        )
        parts.extend(_row(f) for f in findings)
        parts.append("</table>")
    if report.omitted:
        omitted = _("，").join(
            _("{code} {count} 条", code=c, count=n) for c, n in sorted(report.omitted.items())
        )
        parts.append("<p>" + escape(_("超出每条规则上限未列出：{omitted}", omitted=omitted)) + "</p>")
    parts.extend(_rules_appendix(report))
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"
