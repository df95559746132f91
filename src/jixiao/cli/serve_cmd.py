"""``jixiao serve``: run the web application (uvicorn) on the store."""

from __future__ import annotations

import click

from jixiao.cli.errors import EXIT_INPUT, fail
from jixiao.cli.store_options import db_option


def run_server(database_url: str, host: str, port: int, workers: int = 1, log_level: str = "info") -> None:
    """Serve ``create_app`` for ``database_url`` until interrupted."""
    import os

    import uvicorn

    os.environ["JIXIAO_DATABASE_URL"] = database_url  # read by the factory in each worker
    if workers > 1:
        import secrets

        os.environ.setdefault("JIXIAO_SECRET_KEY", secrets.token_urlsafe(32))  # one key for all workers
        uvicorn.run("jixiao.web.app:create_app", factory=True, host=host, port=port, workers=workers,
                    log_level=log_level)
        return
    from jixiao.web.app import create_app
    from jixiao.web.settings import Settings

    uvicorn.run(create_app(Settings(database_url=database_url)), host=host, port=port, log_level=log_level)


@click.command("serve")
@db_option
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Worker processes (set JIXIAO_SECRET_KEY so they share sessions).")
@click.option("--log-level", default="info", show_default=True,
              type=click.Choice(["critical", "error", "warning", "info", "debug"]))
def serve(db: str | None, host: str, port: int, workers: int, log_level: str) -> None:
    """Serve the web application and the JSON API (/api/v1, docs at /docs).

    The database must be up to date (``jixiao db upgrade``). Set JIXIAO_SECRET_KEY to keep sessions
    valid across restarts.
    """
    from jixiao.store.database import current_revision, database_url, make_engine

    url = database_url(db)
    engine = make_engine(url)
    try:
        revision = current_revision(engine)
    finally:
        engine.dispose()
    if revision is None:
        fail(f"{url} has no jixiao tables: run `jixiao db upgrade --db {url}` first", EXIT_INPUT)
    click.echo(f"jixiao serving {url} on http://{host}:{port}/ (API docs http://{host}:{port}/docs)",
               err=True)
    run_server(url, host, port, workers, log_level)
