"""Generate ``docs/rules.md`` from the registry (``python -m jixiao.review.rules_doc > docs/rules.md``).
A test regenerates it and fails when the file and the code drift apart."""

from __future__ import annotations

import json
import sys

from jixiao.review.registry import RuleSpec, all_rules

HEADER = """# Review rules

Generated from the rule registry by `python -m jixiao.review.rules_doc > docs/rules.md`; do not edit
by hand (a test fails when this file and the code disagree). Select or ignore rules by code, code
prefix or name (`--select TIM --ignore missing-operator`); override severities and parameters in a
TOML file (see `docs/review.md`).

| code | name | severity | category | summary |
| --- | --- | --- | --- | --- |
"""


def _example(line: str) -> str:
    """``Fails: …`` / ``Passes: …`` docstring lines become list items."""
    for label in ("Fails:", "Passes:"):
        if line.startswith(label):
            return f"- **{label}**{line[len(label):]}"
    return line


def _section(spec: RuleSpec) -> str:
    body = spec.doc.split("\n", 1)[1].strip() if "\n" in spec.doc else ""
    body = "\n".join(_example(line) for line in body.splitlines())
    lines = [
        f'<a id="{spec.code.lower()}"></a>',
        f"## {spec.code} `{spec.name}`",
        "",
        f"**{spec.summary}**",
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
        f"| [{s.code}](#{s.code.lower()}) | `{s.name}` | {s.severity} | {s.category} | {s.summary} |\n"
        for s in specs
    )
    return HEADER + table + "\n" + "\n".join(_section(s) for s in specs)


if __name__ == "__main__":
    sys.stdout.write(render_markdown())
