"""``jixiao parse FILE|DIR [--format json|text]``: read and parse published tables, print the model.

FILE: the document as JSON (or a readable tree) on stdout; jixiao's own document JSON is read back
as it is. DIR: every file under it, one JSON line per document (with its ``path`` relative to DIR),
a progress bar on stderr, failures summarised at the end (exit 3 if any failed). A file in which no
performance-target table is recognised (no project with an indicator) is a failure, never an empty
document: ``jixiao: FILE: 未识别出绩效目标表（reason）``, exit 3.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from jixiao.cli import fast_exit, gc_tuning
from jixiao.cli.errors import EXIT_INPUT, fail
from jixiao.cli.input_limit import max_input_option
from jixiao.cli.json_out import write_chunks
from jixiao.cores import available_cores
from jixiao.i18n import _
from jixiao.model.document import Document
from jixiao.model.jsonify import document_to_dict, value_to_json
from jixiao.readers.base import UnreadableInput
from jixiao.services import document_json_chunks, read_document


def _dump(data: dict[str, Any], indent: int | None) -> str:
    return json.dumps(data, ensure_ascii=False, indent=indent)


def render_text(doc: Document) -> str:
    """A readable tree: document (cut-off point and repairs when there are any), units, projects
    (with the recogniser's confidence when it gave one) with goals and indicators by level, unparsed."""
    lines = [doc.title or doc.source or "(untitled)"]
    facts = [f"{k} {v}" for k, v in (("region", doc.region), ("year", doc.year), ("total", doc.total),
                                      ("layout", doc.layout)) if v is not None]
    lines.append("  " + " · ".join(facts) if facts else "  (no title facts)")
    if doc.partial:
        lines.append(f"  部分文件（在{doc.partial}处中断）")
    repairs = len(doc.repairs) + sum(len(i.repairs) for p in doc.projects for i in p.indicators)
    if repairs:
        shown = f"：{'；'.join(doc.repairs)}" if doc.repairs else ""
        lines.append(f"  文字修正 {repairs} 处{shown}")
    for unit in doc.units:
        depth = 2 if unit.parent else 1
        lines.append(f"{'  ' * depth}unit {unit.code} {unit.name} {unit.amount or ''}".rstrip())
    for p in doc.projects:
        lines.append(f"  project {p.seq} {p.name} · {p.amount if p.amount is not None else '?'}"
                     f"{f' · unit {p.unit_code}' if p.unit_code else ''}"
                     f"{f' · 置信度 {p.confidence}' if p.confidence is not None else ''}")
        for goal in p.goals:
            lines.append(f"    goal: {goal.text}")
        heading: tuple[str | None, str | None] | None = None
        for ind in p.indicators:
            if (ind.level1, ind.level2) != heading:
                heading = (ind.level1, ind.level2)
                lines.append(f"    {ind.level1 or '-'} / {ind.level2 or '-'}")
            value = value_to_json(ind.value)
            op = "" if ind.operator == "定性" else ind.operator
            fixed = f"  （修正：{'；'.join(ind.repairs)}）" if ind.repairs else ""
            lines.append(f"      {ind.name}: {op}{value}{ind.unit or ''}{fixed}")
        for item in p.unparsed:
            lines.append(f"    unparsed ({item.reason}): {item.text}")
    for item in doc.unparsed:
        where = item.location.describe() if item.location else ""
        lines.append(f"  unparsed {where} ({item.reason}): {item.text}")
    return "\n".join(lines)


def parse_path(path: Path) -> Document:
    """One file as a document (:func:`jixiao.services.read_document`): jixiao document JSON is read
    back as it is, anything else parsed. Raises UnreadableInput, and UnrecognisedDocument when no
    performance-target table was recognised."""
    return read_document(path)


def _files(directory: Path) -> list[Path]:
    return sorted(p for p in directory.rglob("*") if p.is_file() and not p.name.startswith("."))


def _failure_line(path: Path, directory: Path, message: str) -> str:
    """``message`` about ``path`` named by its path relative to ``directory`` (messages name a file by
    the path given or by its bare name)."""
    message, where = " ".join(message.split()), str(path.relative_to(directory))
    for prefix in (str(path), path.name):
        if message.startswith(prefix + ":"):
            return where + message.removeprefix(prefix)
    return f"{where}: {message}"


def _parse_dir(directory: Path) -> None:
    from tqdm import tqdm  # only the directory mode pays for it

    failures: list[str] = []
    files = _files(directory)
    for path in tqdm(files, desc="parse", unit="file", file=sys.stderr, disable=None):
        try:
            doc = parse_path(path)
        except UnreadableInput as exc:
            failures.append(_failure_line(path, directory, str(exc)))
            continue
        click.echo(_dump({**document_to_dict(doc), "path": str(path.relative_to(directory))}, None))
    if failures:
        for line in failures:
            click.echo(f"jixiao: {line}", err=True)
        click.echo("jixiao: " + _("{failed}/{total} 个文件无法读取或未识别出绩效目标表", failed=len(failures),
                                  total=len(files)), err=True)
        sys.exit(EXIT_INPUT)


@click.command("parse")
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["json", "text"]), default="json", show_default=True,
              help="json: the document model; text: a readable tree. A directory always gives JSON lines.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help="Processes reading one large table's projects (default: the machine's cores; "
                   "JSON of a FILE only; the output is the same for any number).")
@max_input_option
def parse(path: Path, fmt: str, jobs: int | None) -> None:
    """Parse a published table (FILE) or every file under DIR; print the document model."""
    gc_tuning.for_batch()
    fast_exit.request()  # the jixiao program ends once the output is written, leaving the document to the OS
    if path.is_dir():
        _parse_dir(path)
        return
    try:
        if fmt == "json":
            chunks = document_json_chunks(path, jobs=jobs or available_cores())
        else:
            doc = read_document(path)
    except UnreadableInput as exc:
        fail(str(exc))
    if fmt == "json":
        write_chunks(chunks)
    else:
        click.echo(render_text(doc))
