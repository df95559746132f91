"""``jixiao db upgrade|current``: database migrations."""

from __future__ import annotations

import click

from jixiao.cli.store_options import db_option, opened
from jixiao.i18n import _


@click.group("db")
def db() -> None:
    """Create or migrate the database (SQLite file by default, PostgreSQL by URL)."""


@db.command("upgrade")
@db_option
@click.option("--revision", default="head", show_default=True, help="Target revision.")
def upgrade_cmd(db: str | None, revision: str) -> None:
    """Apply migrations up to REVISION (creates the database on first use)."""
    from jixiao.store.database import current_revision, upgrade

    with opened(db, migrate=False) as engine:
        upgrade(engine, revision)
        click.echo(_("数据库已是修订版本 {revision}：{url}", revision=current_revision(engine),
                     url=engine.url.render_as_string()))


@db.command("current")
@db_option
def current_cmd(db: str | None) -> None:
    """Print the database's migration revision ("none" when not created yet)."""
    from jixiao.store.database import current_revision

    with opened(db, migrate=False) as engine:
        click.echo(current_revision(engine) or "none")
