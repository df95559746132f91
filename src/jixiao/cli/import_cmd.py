"""``jixiao import FILE|DIR …``: parse, review and store documents (idempotent by sha256)."""

from __future__ import annotations

import json

import click

from jixiao.cli.errors import EXIT_INPUT, EXIT_OK
from jixiao.cli.store_options import db_option, opened


@click.command("import")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@db_option
@click.option("--status", type=click.Choice(["draft", "approved"]), default="draft", show_default=True,
              help="Workflow state of the imported projects: draft (to be reviewed) or approved (published).")
@click.option("--user", "username", default="import", show_default=True,
              help="Name recorded in the audit log.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def import_(paths: tuple[str, ...], db: str | None, status: str, username: str, fmt: str) -> None:
    """Store documents: each FILE, or every file under each DIR.

    A file whose bytes were imported before is not stored again. Unreadable files, and files in
    which no performance-target table is recognised, are reported and skipped (never stored as an
    empty document); the exit code is then 3. jixiao's own document JSON is stored as it is.
    """
    from jixiao import services
    from jixiao.store.database import session_factory

    outcomes = []
    with opened(db) as engine, session_factory(engine)() as session:
        for path in services.import_files(paths):
            outcome = services.import_file(session, path, status=status, username=username)
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
