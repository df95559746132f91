"""The reviewer's findings report: one row per finding, linked back to the project it is about.

Findings arrive as dicts in the public finding JSON contract (``Finding.to_dict()``); anything that
has a ``to_dict()`` is accepted too. Rows are sorted the way reports are (severity, project, rule)
so the xlsx, HTML and PDF reports list them in the same order.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from jixiao.export.sections import project_anchor
from jixiao.model.document import Document, Project
from jixiao.review.registry import rule_label

FINDINGS_HEADER = ("序号", "级别", "规则", "项目", "指标", "问题", "依据(原文)", "期望", "位置")
SEVERITY_LABEL = {"error": "错误", "warning": "警告", "info": "提示"}
_SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


class HasToDict(Protocol):
    def to_dict(self) -> dict[str, Any]: ...


def finding_dicts(findings: Iterable[Mapping[str, Any] | HasToDict]) -> list[dict[str, Any]]:
    """Findings as plain dicts, whatever form they came in."""
    out: list[dict[str, Any]] = []
    for item in findings:
        out.append(dict(item) if isinstance(item, Mapping) else item.to_dict())
    return out


@dataclass(frozen=True, slots=True)
class FindingRow:
    number: int
    severity: str  # error | warning | info
    severity_label: str
    rule: str  # "TIM001 完成时限不在预算年度内" (code and title in the current language)
    project: str  # "2 厂务公开经费"
    anchor: str  # the project's anchor, "" when the finding is about the whole document
    indicator: str
    message: str
    evidence: str
    expected: str
    location: str


def _location_text(location: Any) -> str:
    if not isinstance(location, Mapping):
        return ""
    parts = [str(location.get("source") or "")]
    for key, label in (("sheet", ""), ("page", "p."), ("line", ""), ("row", "row ")):
        if location.get(key) is not None:
            parts.append(f"{label}{location[key]}")
    return ":".join(p for p in parts if p)


def _sort_key(f: Mapping[str, Any]) -> tuple[int, str, str, str]:
    return (_SEVERITY_ORDER.get(str(f.get("severity")), 3), str(f.get("project") or ""),
            str(f.get("rule") or ""), str(f.get("message") or ""))


def finding_rows(doc: Document, findings: Iterable[Mapping[str, Any]]) -> list[FindingRow]:
    projects: dict[str, Project] = {p.seq: p for p in doc.projects}
    rows: list[FindingRow] = []
    for number, f in enumerate(sorted(findings, key=_sort_key), 1):
        seq = str(f.get("project") or "")
        project = projects.get(seq)
        severity = str(f.get("severity") or "")
        rows.append(FindingRow(
            number=number,
            severity=severity,
            severity_label=SEVERITY_LABEL.get(severity, severity),
            rule=rule_label(str(f.get("rule") or ""), str(f.get("name") or "")),
            project=f"{seq} {project.name}" if project else seq,
            anchor=project_anchor(project) if project else "",
            indicator=str(f.get("indicator") or ""),
            message=str(f.get("message") or ""),
            evidence=str(f.get("evidence") or ""),
            expected=str(f.get("expected") or ""),
            location=_location_text(f.get("location")),
        ))
    return rows


def counts(rows: Iterable[FindingRow]) -> dict[str, int]:
    out = {"error": 0, "warning": 0, "info": 0}
    for row in rows:
        out[row.severity] = out.get(row.severity, 0) + 1
    return out
