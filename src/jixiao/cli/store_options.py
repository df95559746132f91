"""The ``--db`` option and opening the store, shared by import / db / user / serve / demo."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

import click
from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from jixiao.cli.errors import EXIT_INPUT, fail

F = TypeVar("F", bound=Callable[..., Any])


def db_option(func: F) -> F:
    return click.option("--db", "db", metavar="URL", default=None,
                        help="Database URL (default $JIXIAO_DATABASE_URL, else sqlite:///jixiao.db); "
                             "PostgreSQL: postgresql+psycopg://user@host/dbname.")(func)


@contextmanager
def opened(db: str | None, *, migrate: bool = True) -> Iterator[Engine]:
    """An engine on the store, brought up to date first unless ``migrate`` is False."""
    from jixiao.store.database import database_url, make_engine, upgrade

    url = database_url(db)
    try:
        engine = make_engine(url)
        if migrate:
            upgrade(engine)
    except (SQLAlchemyError, ValueError) as exc:
        fail(f"cannot open database {url}: {str(exc).splitlines()[0]}", EXIT_INPUT)
    try:
        yield engine
    finally:
        engine.dispose()
