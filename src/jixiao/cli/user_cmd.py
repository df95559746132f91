"""``jixiao user add|list``: accounts for the web application."""

from __future__ import annotations

import json
import os

import click

from jixiao.cli.errors import EXIT_USAGE, fail
from jixiao.cli.store_options import db_option, opened
from jixiao.i18n import _


@click.group("user")
def user() -> None:
    """Manage web users: unit (edits its unit's drafts), reviewer (approves in a region), admin."""


@user.command("add")
@click.argument("username")
@click.option("--role", type=click.Choice(["unit", "reviewer", "admin"]), required=True)
@click.option("--unit", "unit_code", default=None, help="Unit code (单位编码) a unit user edits.")
@click.option("--region", default=None, help="Region a reviewer reviews (as in the documents, e.g. 门源县).")
@click.option("--create-unit", is_flag=True,
              help="Accept a --unit code no stored document names yet (its documents imported later).")
@click.option("--password", default=None,
              help="Password (default: $JIXIAO_PASSWORD, else asked for). At least 8 characters.")
@db_option
def add(username: str, role: str, unit_code: str | None, create_unit: bool, region: str | None,
        password: str | None, db: str | None) -> None:
    """Create the account USERNAME (password stored as an argon2 hash).

    A unit user's --unit must be a unit code of a stored document, unless --create-unit is given.
    """
    from jixiao.store.database import session_factory
    from jixiao.store.users import UserError, add_user, unit_known

    with opened(db) as engine, session_factory(engine)() as session:
        if role == "unit" and unit_code and unit_code.strip() and not create_unit \
                and not unit_known(session, unit_code):
            fail(_("单位编码 {code} 不在库中（没有已导入的文件列出该单位）；如确需新建，请加 --create-unit",
                   code=unit_code.strip()), EXIT_USAGE)
        password = password or os.environ.get("JIXIAO_PASSWORD") or click.prompt(
            "Password", hide_input=True, confirmation_prompt=True)
        try:
            row = add_user(session, username, password, role, unit_code=unit_code, region=region, by="cli")
        except UserError as exc:
            fail(str(exc), EXIT_USAGE)
        session.commit()
        click.echo(f"created {row.role} user {row.username}")


@user.command("list")
@db_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def list_(db: str | None, fmt: str) -> None:
    """List accounts."""
    from jixiao.store.database import session_factory
    from jixiao.store.users import list_users, user_dict

    with opened(db) as engine, session_factory(engine)() as session:
        rows = [user_dict(u) for u in list_users(session)]
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    for r in rows:
        click.echo(f"{r['username']}\t{r['role']}\t{r['unit'] or ''}\t{r['region'] or ''}"
                   + ("\tdisabled" if r["disabled"] else ""))


@user.command("passwd")
@click.argument("username")
@click.option("--password", default=None,
              help="New password (default: $JIXIAO_PASSWORD, else asked for). At least 8 characters.")
@db_option
def passwd(username: str, password: str | None, db: str | None) -> None:
    """Set USERNAME's password; every session of the account ends."""
    from jixiao.store.database import session_factory
    from jixiao.store.users import UserError, change_password

    password = password or os.environ.get("JIXIAO_PASSWORD") or click.prompt(
        "New password", hide_input=True, confirmation_prompt=True)
    with opened(db) as engine, session_factory(engine)() as session:
        try:
            change_password(session, username, password, by="cli")
        except UserError as exc:
            fail(str(exc), EXIT_USAGE)
        session.commit()
    click.echo(f"password changed for {username}; its sessions have ended")


@user.command("disable")
@click.argument("username")
@click.option("--enable", is_flag=True, help="Enable the account again instead.")
@db_option
def disable(username: str, enable: bool, db: str | None) -> None:
    """Disable USERNAME: every session ends at once and logins are refused (--enable undoes it)."""
    from jixiao.store.database import session_factory
    from jixiao.store.users import UserError, set_disabled

    with opened(db) as engine, session_factory(engine)() as session:
        try:
            set_disabled(session, username, not enable, by="cli")
        except UserError as exc:
            fail(str(exc), EXIT_USAGE)
        session.commit()
    click.echo(f"{username} {'enabled' if enable else 'disabled; its sessions have ended'}")
