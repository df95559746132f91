"""The Report: findings in a deterministic order plus counts, as ``{findings: […], summary: {…}}``."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from jixiao.review.finding import SEVERITIES, Finding, in_order, severity_rank


@dataclass(frozen=True, slots=True)
class Report:
    findings: tuple[Finding, ...]
    source: str = ""
    year: int | None = None
    framework: str = ""
    projects: int = 0
    indicators: int = 0
    rules_run: tuple[str, ...] = ()
    omitted: dict[str, int] = field(default_factory=dict)  # rule code -> findings dropped by the cap

    @classmethod
    def build(cls, findings: list[Finding], **meta: Any) -> Report:
        return cls(findings=tuple(in_order(findings)), **meta)

    @property
    def summary(self) -> dict[str, Any]:
        by_severity = Counter(f.severity for f in self.findings)
        by_rule = Counter(f.rule for f in self.findings)
        return {
            "total": len(self.findings),
            "by_severity": {sev: by_severity.get(sev, 0) for sev in SEVERITIES},
            "by_rule": dict(sorted(by_rule.items())),
            "projects": self.projects,
            "indicators": self.indicators,
            "year": self.year,
            "framework": self.framework,
            "source": self.source,
            "rules_run": list(self.rules_run),
            "omitted": dict(sorted(self.omitted.items())),
        }

    def to_dict(self) -> dict[str, Any]:
        return {"findings": [f.to_dict() for f in self.findings], "summary": self.summary}

    def worst(self) -> str | None:
        """The most serious severity present, or None for a clean report."""
        if not self.findings:
            return None
        return min((f.severity for f in self.findings), key=severity_rank)

    def fails(self, fail_on: str) -> bool:
        """True when some finding is at or above ``fail_on`` (``never`` never fails)."""
        if fail_on == "never":
            return False
        limit = severity_rank(fail_on)
        return any(severity_rank(f.severity) <= limit for f in self.findings)
