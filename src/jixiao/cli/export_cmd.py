"""``jixiao export``: publish a document in the official layouts as xlsx, PDF, HTML, CSV or JSON."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from jixiao import services
from jixiao.cli.errors import EXIT_USAGE, fail
from jixiao.export.registry import LAYOUTS, ExportError, exporters
from jixiao.i18n import _
from jixiao.model.document import Document
from jixiao.readers.base import UnreadableInput


def _findings(path: Path) -> list[dict[str, Any]]:
    """Findings from ``jixiao check --format json`` output: a list, or an object with "findings"."""
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise UnreadableInput(f"{path}: not a readable findings JSON ({exc})") from exc
    items = data.get("findings") if isinstance(data, dict) else data
    if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
        raise UnreadableInput(f"{path}: expected a JSON list of findings or {{\"findings\": [...]}}")
    return items


def _source(file: Path | None, db: str | None, document: int | None, unit: str | None,
            year: int | None) -> Document:
    if file is not None:
        if db is not None or document is not None or year is not None:
            fail("give either FILE or --db/--document/--year, not both", EXIT_USAGE)
        return services.select_unit(services.read_document(file), unit)
    if db is None and document is None and year is None and unit is None:
        fail("give a FILE to export, or --db/--document/--year/--unit to export stored documents", EXIT_USAGE)
    return services.load_stored(db, document_id=document, unit=unit, year=year)


@click.command()
@click.argument("file", required=False, type=click.Path(path_type=Path, dir_okay=False))
@click.option("-o", "--output", required=True, type=click.Path(path_type=Path, dir_okay=False),
              help="Output file; its extension picks the format unless --to is given.")
@click.option("--to", "fmt", type=click.Choice(["xlsx", "pdf", "html", "csv", "json"]),
              help="Output format (default: from the output file's extension).")
@click.option("--layout", type=click.Choice(LAYOUTS),
              help="list (公开表), grid (项目支出绩效目标表 per project), findings (审核意见), "
                   "flat (one row per indicator: csv/json), document (full JSON), selfeval "
                   "(项目支出绩效自评表 per project), monitoring (项目支出绩效目标执行监控表 per project). "
                   "Default: the format's first.")
@click.option("--findings", "findings_file", type=click.Path(path_type=Path, dir_okay=False, exists=True),
              help="Findings JSON (from `jixiao check --format json`) for --layout findings; "
                   "without it the document is reviewed now.")
@click.option("--db", help="Export from the store at this database URL (default: $JIXIAO_DATABASE_URL, "
                           "else sqlite:///jixiao.db) instead of a FILE.")
@click.option("--document", type=int, help="With --db: the stored document's id.")
@click.option("--unit", help="Only this unit (单位编码) and its sub-units.")
@click.option("--year", type=int, help="With --db: every stored document of this budget year.")
@click.option("--progress/--no-progress", default=None,
              help="Progress bar on stderr (default: when stderr is a terminal).")
def export(file: Path | None, output: Path, fmt: str | None, layout: str | None, findings_file: Path | None,
           db: str | None, document: int | None, unit: str | None, year: int | None,
           progress: bool | None) -> None:
    """Publish FILE (any readable document, or jixiao document JSON) or stored documents (--db).

    \b
    Formats and layouts:
      xlsx, html, pdf   list | grid | findings | selfeval | monitoring
      csv               flat | findings
      json              document | flat | findings
    """
    formats = {s.name: s for s in exporters()}
    spec = formats[fmt] if fmt else next(
        (s for s in formats.values() if output.suffix.lower().lstrip(".") in s.extensions), None)
    if spec is None:
        fail(f"cannot tell the format of {output.name}: use --to ({', '.join(formats)})", EXIT_USAGE)
    try:
        doc = _source(file, db, document, unit, year)
        findings = _findings(findings_file) if findings_file else None
        data = services.export_document(doc, spec.name, layout, findings,
                                        progress=sys.stderr.isatty() if progress is None else progress)
    except UnreadableInput as exc:
        fail(str(exc))
    except ExportError as exc:
        fail(str(exc), EXIT_USAGE)
    try:
        output.write_bytes(data)
    except OSError as exc:
        fail(f"{output}: cannot write ({exc.strerror or exc})")
    chosen = layout or spec.layouts[0]
    click.echo("jixiao: " + _("已写出 {output}（{fmt}，{layout} 版式，{projects} 个项目，{size} 字节）",
                              output=output, fmt=spec.name, layout=chosen, projects=len(doc.projects),
                              size=f"{len(data):,}"), err=True)
