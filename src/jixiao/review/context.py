"""What a rule sees: the document, its budget year and framework profile, the rule's parameters, and
a ``finding()`` helper that fills in code, name, severity (after overrides), location and docs link."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from jixiao.model.document import Document, Indicator, Project
from jixiao.model.location import Location
from jixiao.model.taxonomy import Framework, guess_framework
from jixiao.review.config import ConfigError, ReviewConfig
from jixiao.review.facts import DocumentFacts
from jixiao.review.finding import Finding, Severity, docs_anchor
from jixiao.review.registry import RuleSpec


def document_framework(doc: Document, config: ReviewConfig) -> Framework:
    if config.framework is not None:
        return config.framework
    level1: list[str | None] = [*sorted({i.level1 or "" for p in doc.projects for i in p.indicators})]
    level2: list[str | None] = [*sorted({i.level2 or "" for p in doc.projects for i in p.indicators})]
    return guess_framework(level1, level2)


def budget_year(doc: Document, config: ReviewConfig) -> int | None:
    return config.year if config.year is not None else doc.year


@dataclass(slots=True)
class RuleContext:
    doc: Document
    config: ReviewConfig
    spec: RuleSpec
    framework: Framework
    year: int | None
    params: dict[str, Any]
    #: What the document holds at all (read once per review): lets a rule skip a document without its input.
    facts: DocumentFacts = field(default_factory=DocumentFacts)  # default: every rule checks every row
    override: Severity | None = field(init=False, default=None)  # the config's severity for this rule
    docs: str = field(init=False, default="")

    def __post_init__(self) -> None:
        self.override = self.config.severity_for(self.spec)
        self.docs = docs_anchor(self.spec.code)

    def param_int(self, key: str) -> int:
        value = self.params[key]
        if isinstance(value, bool) or not isinstance(value, int | str):
            raise ConfigError(f"{self.spec.name}: parameter {key} must be an integer")
        try:
            return int(value)
        except ValueError:
            raise ConfigError(f"{self.spec.name}: parameter {key} must be an integer") from None

    def param_decimal(self, key: str) -> Decimal:
        value = self.params[key]
        if isinstance(value, bool) or not isinstance(value, int | str | float):
            raise ConfigError(f"{self.spec.name}: parameter {key} must be a number")
        try:
            return Decimal(str(value))
        except InvalidOperation:
            raise ConfigError(f"{self.spec.name}: parameter {key} must be a number") from None

    def param_words(self, key: str) -> tuple[str, ...]:
        value = self.params[key]
        if isinstance(value, str):
            value = value.split()
        if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
            raise ConfigError(f"{self.spec.name}: parameter {key} must be a list of words")
        return tuple(value)

    def finding(
        self,
        message: str,
        *,
        project: Project | None = None,
        indicator: Indicator | None = None,
        evidence: str | None = None,
        expected: str = "",
        location: Location | None = None,
        severity: Severity | None = None,
        context: dict[str, str] | None = None,
    ) -> Finding:
        if indicator is not None:
            if location is None:
                location = indicator.location or None
            if evidence is None:
                evidence = indicator.raw
            name: str | None = indicator.name
        else:
            if evidence is None:
                evidence = ""
            name = None
        if project is not None:
            if location is None:
                location = project.location
            seq: str | None = project.seq
        else:
            seq = None
        spec = self.spec
        return Finding(spec.code, spec.name, self.override or severity or spec.severity, message, seq, name,
                       location, evidence, expected, dict(context) if context else {}, self.docs)
