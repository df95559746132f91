"""``jixiao import FILE|DIR …``: parse, review and store documents (idempotent by sha256);
``jixiao import --from DATASET/``: store the documents and findings of a ``jixiao batch`` dataset.

Parse and review run in ``--jobs`` worker processes and rows are written in bulk, a batch of whole
documents per transaction (``jixiao.importing``): an interrupted import leaves no half-stored
document, and running it again skips the files already stored.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import closing
from typing import TYPE_CHECKING

import click

from jixiao.cli.errors import EXIT_INPUT, EXIT_OK, EXIT_USAGE, fail
from jixiao.cli.store_options import db_option, opened

if TYPE_CHECKING:
    from jixiao.importing import Item
    from jixiao.services import ImportOutcome

#: exit code after Ctrl-C (128 + SIGINT): what was stored stays stored, the rest is not
EXIT_INTERRUPTED = 130


@click.command("import")
@click.argument("paths", nargs=-1, type=click.Path(exists=True))
@click.option("--from", "dataset", type=click.Path(exists=True, file_okay=False),
              help="Store a Parquet dataset written by `jixiao batch` (already parsed and reviewed).")
@db_option
@click.option("--status", type=click.Choice(["draft", "approved"]), default="draft", show_default=True,
              help="Workflow state of the imported projects: draft (to be reviewed) or approved (published).")
@click.option("--user", "username", default="import", show_default=True,
              help="Name recorded in the audit log.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help="Worker processes that parse and review (default: the number of usable cores).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def import_(paths: tuple[str, ...], dataset: str | None, db: str | None, status: str, username: str,
            jobs: int | None, fmt: str) -> None:
    """Store documents: each FILE, or every file under each DIR.

    A file whose bytes were imported before is not stored again, so an interrupted import is
    simply run again. Unreadable files, and files in which no performance-target table is
    recognised, are reported and skipped (never stored as an empty document); the exit code is
    then 3. jixiao's own document JSON is stored as it is. With --from, the documents of a dataset
    are stored as importing their files would store them, and the files the batch could not read
    are reported the same way. Progress goes to stderr; Ctrl-C stops at once, the batch being
    written is not stored (exit code 130).
    """
    from jixiao import services
    from jixiao.cli.import_progress import ImportProgress
    from jixiao.i18n import _
    from jixiao.importing import import_paths, interrupted, store_documents
    from jixiao.store.database import session_factory

    if bool(paths) == bool(dataset):
        fail(_("请给出 FILE|DIR 参数或 --from DATASET（二者选一）"), EXIT_USAGE)
    files = services.import_files(paths) if dataset is None else []
    outcomes = []
    progress = ImportProgress(len(files))
    try:
        with opened(db) as engine, session_factory(engine)() as session:
            stream = (import_paths(session, files, jobs=jobs, status=status, username=username,
                                   on_outcome=progress) if dataset is None
                      else (o for o in store_documents(session, _dataset_items(dataset), status=status,
                                                       username=username)))
            try:
                with closing(stream):
                    for outcome in stream:
                        outcomes.append(outcome)
                        _echo(outcome, fmt)
            except BaseException as exc:
                if interrupted(exc):  # a statement may be half sent: drop the connection, no rollback
                    session.invalidate()
                    raise KeyboardInterrupt from None
                raise
    except KeyboardInterrupt:
        progress.close()
        stored = sum(1 for o in outcomes if o.created)
        click.echo("jixiao: " + _("导入已中断：已存入 {done} 个文件；再次运行同一命令即可继续",
                                  done=stored), err=True)
        raise SystemExit(EXIT_INTERRUPTED) from None
    progress.close()
    if fmt == "json":
        click.echo(json.dumps([o.to_dict() for o in outcomes], ensure_ascii=False, indent=2))
    raise SystemExit(EXIT_INPUT if any(o.error for o in outcomes) else EXIT_OK)


def _dataset_items(dataset: str) -> Iterator[Item]:
    """Each file of a ``jixiao batch`` dataset as an item for the bulk store: its document and
    findings, or the failure the batch recorded (reported like an unreadable file)."""
    from jixiao import services
    from jixiao.dataset.views import NotADataset
    from jixiao.importing import ImportItem
    from jixiao.services import ImportOutcome

    try:
        for stored in services.dataset_files(dataset):
            if stored.document is None:
                yield ImportOutcome(stored.path, error=stored.error)
            else:
                yield ImportItem(stored.document, list(stored.findings), stored.sha256, stored.path)
    except NotADataset as exc:
        fail(str(exc), EXIT_INPUT)


def _echo(outcome: ImportOutcome, fmt: str) -> None:
    from jixiao.i18n import _

    if fmt != "text":
        return
    if outcome.error:
        click.echo(f"jixiao: {outcome.error}", err=True)
        return
    fields = {"path": outcome.path, "id": outcome.document_id, "projects": outcome.projects,
              "findings": outcome.findings}
    if outcome.created:
        click.echo(_("{path}：已存入，文件编号 {id}（{projects} 个项目，{findings} 个问题）", **fields))
    else:
        click.echo(_("{path}：已存储过，文件编号 {id}（{projects} 个项目，{findings} 个问题）", **fields))
