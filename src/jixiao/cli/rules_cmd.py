"""``jixiao rules``: list the review rules (code, name, severity, summary) or print their docs."""

from __future__ import annotations

import json

import click


@click.command()
@click.option("--format", "fmt", type=click.Choice(["text", "json", "markdown"]), default="text",
              show_default=True, help="markdown prints docs/rules.md.")
def rules(fmt: str) -> None:
    """List every review rule with its code, name, default severity and summary."""
    from jixiao.i18n import DEFAULT_LANGUAGE, current_language
    from jixiao.review.registry import all_rules

    specs = all_rules()
    if fmt == "markdown":
        from jixiao.review.rules_doc import render_markdown

        click.echo(render_markdown(), nl=False)
    elif fmt == "json":
        data = [
            {"code": s.code, "name": s.name, "severity": s.severity, "category": s.category,
             "title": s.shown_title(), "summary": s.shown_summary(), "params": s.params,
             "docs": f"docs/rules.md#{s.code.lower()}"}
            for s in specs
        ]
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        width = max(len(s.name) for s in specs)
        for s in specs:  # Chinese leads with the short title; English has the name for it
            title = f"{s.shown_title()}  " if current_language() == DEFAULT_LANGUAGE else ""
            click.echo(f"{s.code}  {s.name:<{width}}  {s.severity:<7}  {title}{s.shown_summary()}")
