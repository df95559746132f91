"""``jixiao check FILE``: parse a document, review it, print the findings (text, json or html).

Exit 0 when no finding reaches ``--fail-on`` (default error), 1 when one does, 2 for a usage or
configuration error, 3 when the input cannot be read or holds no recognisable performance-target
table (``jixiao: FILE: 未识别出绩效目标表（reason）``).
"""

from __future__ import annotations

import os
import sys
from typing import Any

import click

from jixiao.cli.errors import EXIT_FINDINGS, EXIT_INPUT, EXIT_OK, EXIT_USAGE, fail
from jixiao.cli.input_limit import max_input_option
from jixiao.readers.base import UnreadableInput
from jixiao.review.config import ConfigError, ReviewConfig, apply, load_toml


def build_config(
    config_file: str | None,
    preset: str | None,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    framework: str | None,
    year: int | None,
    severity: tuple[str, ...] = (),
    param: tuple[str, ...] = (),
) -> ReviewConfig:
    """Preset, then the TOML file, then the flags (later wins). Raises ConfigError."""
    config = ReviewConfig()
    if preset:
        config = apply(config, {"preset": preset}, "--preset")
    if config_file:
        config = load_toml(config_file, config)
    flags: dict[str, Any] = {}
    if select:
        flags["select"] = [s for item in select for s in item.split(",") if s.strip()]
    if ignore:
        flags["ignore"] = [s for item in ignore for s in item.split(",") if s.strip()]
    if framework:
        flags["framework"] = framework
    if year is not None:
        flags["year"] = year
    if severity:
        flags["severity"] = dict(_pair(item, "--severity RULE=error|warning|info") for item in severity)
    if param:
        params: dict[str, dict[str, Any]] = {}
        for item in param:
            key, value = _pair(item, "--param RULE.NAME=VALUE")
            rule, _, name = key.partition(".")
            if not rule or not name:
                raise ConfigError(f"--param {item!r}: expected RULE.NAME=VALUE")
            params.setdefault(rule, {})[name] = _value(value)
        flags["params"] = params
    return apply(config, flags, "command line")


def _pair(item: str, form: str) -> tuple[str, str]:
    key, sep, value = item.partition("=")
    if not sep or not key.strip():
        raise ConfigError(f"{item!r}: expected {form}")
    return key.strip(), value.strip()


def _value(text: str) -> Any:
    """A --param value as TOML would read it (number, boolean, list, string)."""
    import tomllib

    try:
        return tomllib.loads(f"v = {text}")["v"]
    except tomllib.TOMLDecodeError:
        return text


@click.command()
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["text", "json", "html"]), default="text",
              show_default=True, help="Output format.")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info", "never"]), default="error",
              show_default=True, help="Exit 1 when a finding is at or above this severity.")
@click.option("--config", "config_file", type=click.Path(dir_okay=False),
              help="TOML file: select, ignore, severity, params, framework, year, preset.")
@click.option("--preset", type=click.Choice(["default", "strict"]), help="Start from a preset.")
@click.option("--select", multiple=True, help="Only these rules (code, code prefix or name; repeatable).")
@click.option("--ignore", multiple=True, help="Skip these rules (code, code prefix or name; repeatable).")
@click.option("--framework", type=click.Choice(["auto", "MOF2015", "MOF2021"], case_sensitive=False),
              help="Indicator framework profile (default: guessed from the document).")
@click.option("--year", type=int, help="Budget year (default: the year in the document's title).")
@click.option("--severity", multiple=True, metavar="RULE=LEVEL",
              help="Override a rule's severity (code, prefix or name; repeatable).")
@click.option("--param", multiple=True, metavar="RULE.NAME=VALUE",
              help="Set a rule parameter, e.g. deadline-outside-budget-year.max_years_after=0.")
@click.option("--color/--no-color", default=None,
              help="Colour the text report (default: when a terminal and NO_COLOR is unset).")
@max_input_option
def check(
    file: str,
    fmt: str,
    fail_on: str,
    config_file: str | None,
    preset: str | None,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    framework: str | None,
    year: int | None,
    severity: tuple[str, ...],
    param: tuple[str, ...],
    color: bool | None,
) -> None:
    """Review FILE against the rules (see `jixiao rules`) and explain every finding.

    FILE is any readable table, or a document JSON written by `jixiao parse`.
    """
    from jixiao.cli import fast_exit, gc_tuning
    from jixiao.services import read_document, review_document

    gc_tuning.for_batch()
    fast_exit.request()  # the program ends without freeing the document and the report object by object
    try:
        config = build_config(config_file, preset, select, ignore, framework, year, severity, param)
    except ConfigError as exc:
        fail(str(exc), EXIT_USAGE)
    try:
        doc = read_document(file)  # refuses a file with no recognisable table (UnrecognisedDocument)
    except UnreadableInput as exc:
        fail(str(exc), EXIT_INPUT)
    from jixiao.cli.progress import ReviewProgress

    progress = ReviewProgress(len(doc.projects))
    try:
        report = review_document(doc, config, progress)
    except ConfigError as exc:
        fail(str(exc), EXIT_USAGE)
    finally:
        progress.close()
    if fmt == "json":
        from jixiao.cli.json_out import write_report

        write_report(report)
    elif fmt == "html":
        from jixiao.review.render_html import render_html

        click.echo(render_html(report, doc), nl=False)
    else:
        from jixiao.review.render_text import render_text

        use_color = (sys.stdout.isatty() and not os.environ.get("NO_COLOR")) if color is None else color
        click.echo(render_text(report, doc, color=use_color), nl=False, color=use_color)
    sys.exit(EXIT_FINDINGS if report.fails(fail_on) else EXIT_OK)
