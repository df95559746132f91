"""The rule registry: an explicit module list, the ``@rule`` decorator, an import-time error on a
duplicate code or name. Rules are plain functions ``(ctx) -> Iterable[Finding]``."""

from __future__ import annotations

import importlib
import inspect
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from jixiao.i18n import _
from jixiao.review.finding import Finding, Severity, is_severity

if TYPE_CHECKING:
    from jixiao.review.context import RuleContext

CheckFn = Callable[["RuleContext"], Iterable[Finding]]

#: Modules under ``jixiao.review.rules`` that register rules, imported on first use.
RULE_MODULES = (
    "meta", "amounts", "structure", "duplicates", "timeliness", "budget", "goals", "relevance", "values",
    "targets", "scoring", "deviation", "monitoring", "weights", "selfeval", "selfeval_total", "template",
    "units", "dates", "categories", "programmes", "grades",
)

_CODE = re.compile(r"^[A-Z]{3}\d{3}$")
_NAME = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True, slots=True)
class RuleSpec:
    code: str
    name: str
    severity: Severity
    category: str
    check: CheckFn
    params: dict[str, Any] = field(default_factory=dict)
    title: str = ""  # a short Chinese name (the catalogue's message id); ``name`` stays the stable id

    @property
    def doc(self) -> str:
        return inspect.cleandoc(self.check.__doc__ or "")

    @property
    def summary(self) -> str:
        """The docstring's first line: one Chinese sentence (the catalogue's message id)."""
        return self.doc.split("\n", 1)[0].strip()

    def shown_title(self) -> str:
        """The title in the current language."""
        return _(self.title) if self.title else self.name

    def shown_summary(self) -> str:
        """The summary in the current language."""
        return _(self.summary) if self.summary else ""

    def label(self) -> str:
        """"SUM001 金额合计不符": the code and title, as an axis or column shows a rule."""
        return f"{self.code} {self.shown_title()}"


_RULES: dict[str, RuleSpec] = {}
_NAMES: dict[str, str] = {}


def rule(
    code: str,
    name: str,
    severity: Severity,
    category: str,
    params: dict[str, Any] | None = None,
    title: str = "",
) -> Callable[[CheckFn], CheckFn]:
    """Register ``fn`` as rule ``code`` / ``name``. Raises at import time on any clash or bad id."""

    def decorate(fn: CheckFn) -> CheckFn:
        if not _CODE.match(code):
            raise RuntimeError(f"rule code must be three capitals and three digits: {code!r}")
        if not _NAME.match(name):
            raise RuntimeError(f"rule name must be kebab-case: {name!r}")
        if not is_severity(severity):
            raise RuntimeError(f"rule {code}: unknown severity {severity!r}")
        if code in _RULES:
            raise RuntimeError(f"duplicate rule code: {code}")
        if name in _NAMES:
            raise RuntimeError(f"duplicate rule name: {name} (already {_NAMES[name]})")
        if not title:
            raise RuntimeError(f"rule {code}: a title (short Chinese name) is required")
        _RULES[code] = RuleSpec(code, name, severity, category, fn, dict(params or {}), title)
        _NAMES[name] = code
        return fn

    return decorate


def _load_all() -> None:
    for module in RULE_MODULES:
        importlib.import_module(f"jixiao.review.rules.{module}")


def all_rules() -> list[RuleSpec]:
    """Every registered rule, sorted by code."""
    _load_all()
    return sorted(_RULES.values(), key=lambda spec: spec.code)


def rule_label(code: str, name: str = "") -> str:
    """"CST001 成本超过项目金额": a rule as a column or chart shows it (``name`` if the code is unknown)."""
    spec = get_rule(code)
    return spec.label() if spec is not None else " ".join(p for p in (code, name) if p)


def get_rule(code_or_name: str) -> RuleSpec | None:
    _load_all()
    code = _NAMES.get(code_or_name, code_or_name.upper())
    return _RULES.get(code)
