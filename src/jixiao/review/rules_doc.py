"""Generate ``docs/rules.md`` from the registry (``python -m jixiao.review.rules_doc > docs/rules.md``).
A test regenerates it and fails when the file and the code drift apart."""

from __future__ import annotations

import json
import sys

from jixiao.i18n import use_language
from jixiao.review.registry import RuleSpec, all_rules

HEADER = """# 审核规则 Review rules

Generated from the rule registry by `python -m jixiao.review.rules_doc > docs/rules.md`; do not edit
by hand (a test fails when this file and the code disagree). Select or ignore rules by code, code
prefix or name (`--select TIM --ignore missing-operator`); override severities and parameters in a
TOML file (see `docs/review.md`).

Each rule has a Chinese title and summary (what `jixiao rules` and the reports show by default) and
their English translation from the message catalogue (`--lang en`, see `docs/i18n.md`); the rule's
name is a stable English identifier and its code never changes.

| 代码 code | 名称 title | name | severity | category | 摘要 summary |
| --- | --- | --- | --- | --- | --- |
"""


def _example(line: str) -> str:
    """``Fails: …`` / ``Passes: …`` docstring lines become list items."""
    for label in ("Fails:", "Passes:"):
        if line.startswith(label):
            return f"- **{label}**{line[len(label):]}"
    return line


def _english(spec: RuleSpec) -> tuple[str, str]:
    with use_language("en"):
        return spec.shown_title(), spec.shown_summary()


def _section(spec: RuleSpec) -> str:
    title, summary = _english(spec)
    body = spec.doc.split("\n", 1)[1].strip() if "\n" in spec.doc else ""
    body = "\n".join(_example(line) for line in body.splitlines())
    lines = [
        f'<a id="{spec.code.lower()}"></a>',
        f"## {spec.code} {spec.title} `{spec.name}`",
        "",
        f"**{spec.summary}**",
        "",
        f"*{title}:* {summary}",
        "",
        f"Default severity: `{spec.severity}`. Category: `{spec.category}`.",
        "",
        body,
        "",
    ]
    if spec.params:
        lines.append(f"Parameters (`[params.{spec.name}]`):")
        lines.append("")
        lines.extend(
            f"- `{k}` = `{json.dumps(v, ensure_ascii=False)}`" for k, v in sorted(spec.params.items())
        )
        lines.append("")
    return "\n".join(lines)


def render_markdown() -> str:
    specs = all_rules()
    table = "".join(
        f"| [{s.code}](#{s.code.lower()}) | {s.title} | `{s.name}` | {s.severity} | {s.category} "
        f"| {s.summary} |\n"
        for s in specs
    )
    return HEADER + table + "\n" + "\n".join(_section(s) for s in specs)


if __name__ == "__main__":
    sys.stdout.write(render_markdown())
