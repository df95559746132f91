"""``jixiao import FILE|DIR …``: parse, review and store documents (idempotent by sha256);
``jixiao import --from DATASET/``: store the documents and findings of a ``jixiao batch`` dataset."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import TYPE_CHECKING

import click

from jixiao.cli.errors import EXIT_INPUT, EXIT_OK, EXIT_USAGE, fail
from jixiao.cli.store_options import db_option, opened

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from jixiao.services import ImportOutcome


@click.command("import")
@click.argument("paths", nargs=-1, type=click.Path(exists=True))
@click.option("--from", "dataset", type=click.Path(exists=True, file_okay=False),
              help="Store a Parquet dataset written by `jixiao batch` (already parsed and reviewed).")
@db_option
@click.option("--status", type=click.Choice(["draft", "approved"]), default="draft", show_default=True,
              help="Workflow state of the imported projects: draft (to be reviewed) or approved (published).")
@click.option("--user", "username", default="import", show_default=True,
              help="Name recorded in the audit log.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def import_(paths: tuple[str, ...], dataset: str | None, db: str | None, status: str, username: str,
            fmt: str) -> None:
    """Store documents: each FILE, or every file under each DIR.

    A file whose bytes were imported before is not stored again. Unreadable files, and files in
    which no performance-target table is recognised, are reported and skipped (never stored as an
    empty document); the exit code is then 3. jixiao's own document JSON is stored as it is.
    With --from, the documents of a dataset are stored as importing their files would store them,
    and the files the batch could not read are reported the same way.
    """
    from jixiao.store.database import session_factory

    if bool(paths) == bool(dataset):
        fail("give FILE|DIR arguments or --from DATASET (one of them)", EXIT_USAGE)
    outcomes = []
    with opened(db) as engine, session_factory(engine)() as session:
        for path, outcome in _outcomes(session, paths, dataset, status, username):
            session.commit()
            outcomes.append(outcome)
            if fmt == "text":
                if outcome.error:
                    click.echo(f"jixiao: {outcome.error}", err=True)
                else:
                    state = "stored" if outcome.created else "already stored"
                    click.echo(f"{path}: {state} as document {outcome.document_id} "
                               f"({outcome.projects} projects, {outcome.findings} findings)")
    if fmt == "json":
        click.echo(json.dumps([o.to_dict() for o in outcomes], ensure_ascii=False, indent=2))
    raise SystemExit(EXIT_INPUT if any(o.error for o in outcomes) else EXIT_OK)


def _outcomes(session: Session, paths: tuple[str, ...], dataset: str | None, status: str,
              username: str) -> Iterator[tuple[str, ImportOutcome]]:
    """(path, outcome) of each file stored: from the files, or from the dataset (one at a time)."""
    from jixiao import services
    from jixiao.dataset.views import NotADataset

    if dataset is None:
        for path in services.import_files(paths):
            yield str(path), services.import_file(session, path, status=status, username=username)
        return
    try:
        for stored in services.dataset_files(dataset):
            yield stored.path, services.import_stored_file(session, stored, status=status, username=username)
    except NotADataset as exc:
        fail(str(exc), EXIT_INPUT)
