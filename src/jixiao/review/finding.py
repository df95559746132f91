"""The Finding: one explained problem in a document (the public JSON contract of ``jixiao check``)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, fields
from functools import lru_cache
from typing import Any, Literal

from jixiao.i18n import N_, _
from jixiao.model.location import Location

Severity = Literal["error", "warning", "info"]

#: Severities from most to least serious.
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")

_RANK: dict[str, int] = {name: rank for rank, name in enumerate(SEVERITIES)}


#: Each severity's name (a catalogue id: 错误 / error).
SEVERITY_NAMES: dict[str, str] = {"error": N_("错误"), "warning": N_("警告"), "info": N_("提示")}


def severity_name(severity: str) -> str:
    """"错误" / "error": the severity as a reader sees it, in the current language."""
    return _(SEVERITY_NAMES[severity]) if severity in SEVERITY_NAMES else severity


def severity_rank(severity: str) -> int:
    """0 for error, 1 for warning, 2 for info (lower is more serious)."""
    return _RANK[severity]


def is_severity(value: str) -> bool:
    return value in _RANK


def docs_anchor(code: str) -> str:
    return f"docs/rules.md#{code.lower()}"


@dataclass(frozen=True, slots=True, init=False)
class Finding:
    rule: str
    name: str
    severity: Severity
    message: str
    project: str | None = None
    indicator: str | None = None
    location: Location | None = None
    evidence: str = ""
    expected: str = ""
    context: dict[str, str] = field(default_factory=dict)
    docs: str = ""

    def __init__(
        self,
        rule: str,
        name: str,
        severity: Severity,
        message: str,
        project: str | None = None,
        indicator: str | None = None,
        location: Location | None = None,
        evidence: str = "",
        expected: str = "",
        context: dict[str, str] | None = None,
        docs: str = "",
    ) -> None:
        # The dataclass's own frozen __init__ goes through object.__setattr__ field by field; a large
        # review builds ~10^5 findings, so the slots are filled through their descriptors directly.
        s = _SLOT_SETTERS
        s[0](self, rule)
        s[1](self, name)
        s[2](self, severity)
        s[3](self, message)
        s[4](self, project)
        s[5](self, indicator)
        s[6](self, location)
        s[7](self, evidence)
        s[8](self, expected)
        s[9](self, {} if context is None else context)
        s[10](self, docs)

    def __hash__(self) -> int:  # ``context`` is a dict: hash the identifying fields only
        return hash((self.rule, self.project, self.indicator, self.message, self.evidence))

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "name": self.name,
            "severity": self.severity,
            "message": self.message,
            "project": self.project,
            "indicator": self.indicator,
            "location": None if self.location is None else self.location.to_dict(),
            "evidence": self.evidence,
            "expected": self.expected,
            "context": dict(self.context),
            "docs": self.docs,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Finding:
        severity = str(data["severity"])
        if not is_severity(severity):
            raise ValueError(f"unknown severity: {severity}")
        project = data.get("project")
        return cls(
            rule=str(data["rule"]),
            name=str(data["name"]),
            severity=severity,  # type: ignore[arg-type]
            message=str(data["message"]),
            project=None if project is None else str(project),
            indicator=data.get("indicator"),
            location=Location.from_dict(data.get("location")),
            evidence=str(data.get("evidence", "")),
            expected=str(data.get("expected", "")),
            context={str(k): str(v) for k, v in (data.get("context") or {}).items()},
            docs=str(data.get("docs", "")),
        )

    def sort_key(self) -> tuple[Any, ...]:
        """Document-level findings first, then by project (natural order), position, rule."""
        loc = self.location
        line = -1 if loc is None or loc.line is None else loc.line
        row = -1 if loc is None or loc.row is None else loc.row
        start = -1 if loc is None or loc.span is None else loc.span[0]
        return (
            self.project is not None,
            _natural(self.project or ""),
            line,
            row,
            start,
            self.rule,
            self.indicator or "",
            self.message,
            self.evidence,
        )


def _within_project(f: Finding) -> tuple[Any, ...]:
    """:meth:`Finding.sort_key` after the project's place (position, rule, indicator, text)."""
    loc = f.location
    if loc is None:
        return (-1, -1, -1, f.rule, f.indicator or "", f.message, f.evidence)
    return (
        -1 if loc.line is None else loc.line,
        -1 if loc.row is None else loc.row,
        -1 if loc.span is None else loc.span[0],
        f.rule,
        f.indicator or "",
        f.message,
        f.evidence,
    )


def in_order(findings: Sequence[Finding]) -> list[Finding]:
    """``sorted(findings, key=Finding.sort_key)``, computed project by project: the projects' places are
    sorted once, then each project's findings among themselves (a large report holds ~10^5 findings over
    ~10^3 projects, and comparing whole keys, project first, was most of the sorting time). Projects
    whose numbers sort alike ("01" and "1") make one group, in their original order as a stable sort
    keeps them."""
    groups: dict[str | None, list[Finding]] = {}
    for finding in findings:
        group = groups.get(finding.project)
        if group is None:
            groups[finding.project] = [finding]
        else:
            group.append(finding)
    places = sorted(groups, key=_place)
    out: list[Finding] = []
    at = 0
    while at < len(places):
        place = _place(places[at])
        end = at + 1
        while end < len(places) and _place(places[end]) == place:
            end += 1
        if end == at + 1:
            out.extend(sorted(groups[places[at]], key=_within_project))
        else:  # several spellings of one place: their findings as they came, then sorted
            alike = set(places[at:end])
            out.extend(sorted((f for f in findings if f.project in alike), key=_within_project))
        at = end
    return out


def _place(project: str | None) -> tuple[bool, tuple[tuple[int, int, str], ...]]:
    return project is not None, _natural(project or "")


_SLOT_SETTERS: tuple[Any, ...] = tuple(vars(Finding)[f.name].__set__ for f in fields(Finding))


@lru_cache(maxsize=65536)
def _natural(text: str) -> tuple[tuple[int, int, str], ...]:
    """Sort key that puts "2" before "10" and keeps non-numeric parts in text order."""
    parts: list[tuple[int, int, str]] = []
    number = ""
    word = ""
    for ch in text:
        if "0" <= ch <= "9":
            if word:
                parts.append((1, 0, word))
                word = ""
            number += ch
        else:
            if number:
                parts.append((0, int(number), ""))
                number = ""
            word += ch
    if number:
        parts.append((0, int(number), ""))
    if word:
        parts.append((1, 0, word))
    return tuple(parts)
