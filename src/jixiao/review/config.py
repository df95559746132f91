"""Review configuration: which rules run, at what severity, with which parameters and profile.

Built from a preset, then a TOML file, then CLI flags (later wins). Selectors match a rule by code
("TIM001"), code prefix ("TIM", "VAL00") or name ("deadline-outside-budget-year").
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from jixiao.model.taxonomy import Framework
from jixiao.review.finding import Severity, is_severity
from jixiao.review.registry import RuleSpec, all_rules


class ConfigError(ValueError):
    """A configuration file or flag is invalid (the CLI exits with code 2)."""


#: Presets: "strict" raises heuristic warnings to errors and tightens thresholds.
PRESETS: dict[str, dict[str, Any]] = {
    "default": {},
    "strict": {
        "severity": {
            "goal-indicator-cost-conflict": "error",
            "goal-commitment-without-indicator": "error",
            "indicator-unrelated-to-project": "error",
            "vague-target-value": "error",
            "unit-name-mismatch": "error",
            "percent-out-of-range": "error",
            "conflicting-duplicate-indicator": "error",
            "missing-operator": "warning",
            "near-duplicate-project": "warning",
        },
        "params": {
            "deadline-outside-budget-year": {"max_years_after": 0},
            "near-duplicate-project": {"threshold": "0.6"},
        },
    },
}


@dataclass(frozen=True, slots=True)
class ReviewConfig:
    select: tuple[str, ...] = ()  # empty = every rule
    ignore: tuple[str, ...] = ()
    severity: dict[str, Severity] = field(default_factory=dict)  # selector -> severity
    params: dict[str, dict[str, Any]] = field(default_factory=dict)  # selector -> {param: value}
    framework: Framework | None = None  # None = guess from the document
    year: int | None = None  # None = Document.year
    max_findings_per_rule: int = 100  # per project (and for document-level findings)
    preset: str = "default"

    def matches(self, selector: str, spec: RuleSpec) -> bool:
        sel = selector.strip()
        return sel == spec.name or (bool(sel) and spec.code.startswith(sel.upper()))

    def enabled(self, spec: RuleSpec) -> bool:
        if self.select and not any(self.matches(s, spec) for s in self.select):
            return False
        return not any(self.matches(s, spec) for s in self.ignore)

    def severity_for(self, spec: RuleSpec) -> Severity | None:
        """The override for ``spec``, if any (the most specific selector wins: name/code over prefix)."""
        hits = [(len(sel), sev) for sel, sev in self.severity.items() if self.matches(sel, spec)]
        return max(hits)[1] if hits else None

    def params_for(self, spec: RuleSpec) -> dict[str, Any]:
        merged = dict(spec.params)
        for sel, values in sorted(self.params.items(), key=lambda kv: len(kv[0])):
            if self.matches(sel, spec):
                merged.update(values)
        return merged


def _strings(value: Any, key: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [v for v in value.split(",") if v.strip()]
    if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{key} must be a list of rule codes, prefixes or names")
    return tuple(v.strip() for v in value)


def _check_selectors(selectors: list[str] | tuple[str, ...], key: str) -> None:
    specs = all_rules()
    probe = ReviewConfig()
    for sel in selectors:
        if not any(probe.matches(sel, spec) for spec in specs):
            raise ConfigError(f"{key}: {sel!r} matches no rule (see `jixiao rules`)")


def _check_param_names(table: dict[str, dict[str, Any]], key: str) -> None:
    probe = ReviewConfig()
    for sel, values in table.items():
        known = {name for spec in all_rules() if probe.matches(sel, spec) for name in spec.params}
        unknown = sorted(set(values) - known)
        if unknown:
            choices = ", ".join(sorted(known)) or "none"
            raise ConfigError(f"{key}: {sel} has no parameter {', '.join(unknown)} (it has: {choices})")


def apply(config: ReviewConfig, data: dict[str, Any], origin: str = "config") -> ReviewConfig:
    """Return ``config`` updated with the keys of ``data`` (a parsed TOML table or CLI values)."""
    known = {"preset", "select", "ignore", "severity", "params", "framework", "year", "max_findings_per_rule"}
    unknown = sorted(set(data) - known)
    if unknown:
        raise ConfigError(f"{origin}: unknown key(s): {', '.join(unknown)}")
    out = config
    if "preset" in data:
        name = str(data["preset"])
        if name not in PRESETS:
            raise ConfigError(f"{origin}: unknown preset {name!r} (choose from {', '.join(PRESETS)})")
        out = apply(replace(out, preset=name), PRESETS[name], f"preset {name}")
    for key in ("select", "ignore"):
        if key in data:
            values = _strings(data[key], f"{origin}: {key}")
            _check_selectors(values, f"{origin}: {key}")
            out = replace(out, select=values) if key == "select" else replace(out, ignore=values)
    if "severity" in data:
        table = data["severity"]
        if not isinstance(table, dict):
            raise ConfigError(f"{origin}: severity must be a table of selector = severity")
        for sel, sev in table.items():
            if not isinstance(sev, str) or not is_severity(sev):
                raise ConfigError(f"{origin}: severity for {sel!r} must be error, warning or info")
        _check_selectors(list(table), f"{origin}: severity")
        out = replace(out, severity={**out.severity, **table})
    if "params" in data:
        table = data["params"]
        if not isinstance(table, dict) or not all(isinstance(v, dict) for v in table.values()):
            raise ConfigError(f"{origin}: params must be tables, e.g. [params.deadline-outside-budget-year]")
        _check_selectors(list(table), f"{origin}: params")
        _check_param_names(table, f"{origin}: params")
        merged = {k: dict(v) for k, v in out.params.items()}
        for sel, values in table.items():
            merged.setdefault(sel, {}).update(values)
        out = replace(out, params=merged)
    if "framework" in data:
        out = replace(out, framework=parse_framework(data["framework"], origin))
    if "year" in data:
        year = data["year"]
        if year is not None and (not isinstance(year, int) or not 1900 <= year <= 2200):
            raise ConfigError(f"{origin}: year must be a four-digit year")
        out = replace(out, year=year)
    if "max_findings_per_rule" in data:
        cap = data["max_findings_per_rule"]
        if not isinstance(cap, int) or cap < 1:
            raise ConfigError(f"{origin}: max_findings_per_rule must be a positive integer")
        out = replace(out, max_findings_per_rule=cap)
    return out


def parse_framework(value: Any, origin: str = "config") -> Framework | None:
    text = str(value).strip().upper()
    if text in {"", "AUTO"}:
        return None
    aliases = {"2015": "MOF2015", "OLD": "MOF2015", "OLDER": "MOF2015", "2021": "MOF2021", "NEW": "MOF2021"}
    text = aliases.get(text, text)
    try:
        return Framework(text)
    except ValueError:
        raise ConfigError(f"{origin}: framework must be auto, MOF2015 or MOF2021, not {value!r}") from None


def load_toml(path: str | Path, base: ReviewConfig | None = None) -> ReviewConfig:
    """Read a TOML config file. Keys may sit at the top level or under ``[review]``."""
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read config {path}: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    table = data.get("review", data)
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: [review] must be a table")
    return apply(base or ReviewConfig(), table, str(path))


def preset(name: str) -> ReviewConfig:
    return apply(ReviewConfig(), {"preset": name}, "preset")
