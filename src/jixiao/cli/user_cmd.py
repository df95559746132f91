"""``jixiao user add|list|set|passwd|disable|enable``: accounts for the web application.

Every change goes through ``store.users`` (the web's user administration calls the same functions)
and is audit-logged as made by ``cli``.
"""

from __future__ import annotations

import json
import os

import click

from jixiao.cli.errors import EXIT_USAGE, fail
from jixiao.cli.store_options import db_option, opened
from jixiao.i18n import _

_CREATE_UNIT = click.option(
    "--create-unit", is_flag=True,
    help="Accept a --unit code no stored document names yet (its documents imported later).")
_CREATE_REGION = click.option("--create-region", is_flag=True,
                              help="Accept a --region no stored document belongs to yet.")


@click.group("user")
def user() -> None:
    """Manage web users: unit (edits its unit's drafts), reviewer (approves in a region), admin."""


@user.command("add")
@click.argument("username")
@click.option("--role", type=click.Choice(["unit", "reviewer", "admin"]), required=True)
@click.option("--unit", "unit_code", default=None, help="Unit code (单位编码) a unit user edits.")
@click.option("--region", default=None, help="Region a reviewer reviews (as in the documents, e.g. 门源县).")
@_CREATE_UNIT
@_CREATE_REGION
@click.option("--password", default=None,
              help="Password (default: $JIXIAO_PASSWORD, else asked for). At least 8 characters.")
@db_option
def add(username: str, role: str, unit_code: str | None, create_unit: bool, create_region: bool,
        region: str | None, password: str | None, db: str | None) -> None:
    """Create the account USERNAME (password stored as an argon2 hash).

    USERNAME: 2–32 letters, digits, CJK characters or _ . @ -. A unit user's --unit and a user's
    --region must be named by a stored document, unless --create-unit / --create-region is given.
    """
    from jixiao.store.database import session_factory
    from jixiao.store.users import UserError, add_user

    with opened(db) as engine, session_factory(engine)() as session:
        password = password or os.environ.get("JIXIAO_PASSWORD") or click.prompt(
            "Password", hide_input=True, confirmation_prompt=True)
        try:
            row = add_user(session, username, password, role, unit_code=unit_code, region=region, by="cli",
                           create_unit=create_unit, create_region=create_region)
        except UserError as exc:
            fail(str(exc), EXIT_USAGE)
        session.commit()
        click.echo(_("已创建用户 {user}（{role}）", user=row.username, role=row.role))


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
                   + ("\t" + _("已停用") if r["disabled"] else ""))


@user.command("set")
@click.argument("username")
@click.option("--role", type=click.Choice(["unit", "reviewer", "admin"]), default=None, help="New role.")
@click.option("--unit", "unit_code", default=None, help="New unit code ('' clears it).")
@click.option("--region", default=None, help="New region ('' clears it).")
@_CREATE_UNIT
@_CREATE_REGION
@db_option
def set_(username: str, role: str | None, unit_code: str | None, region: str | None, create_unit: bool,
         create_region: bool, db: str | None) -> None:
    """Change USERNAME's role, unit code or region; every session of the account ends."""
    from jixiao.store.database import session_factory
    from jixiao.store.users import UserError, update_user

    with opened(db) as engine, session_factory(engine)() as session:
        try:
            row = update_user(session, username, role=role, unit_code=unit_code, region=region,
                              create_unit=create_unit, create_region=create_region, by="cli")
        except UserError as exc:
            fail(str(exc), EXIT_USAGE)
        session.commit()
        click.echo(_("已修改用户 {user}：{role} {unit} {region}", user=row.username, role=row.role,
                     unit=row.unit_code or "", region=row.region or "").strip())


@user.command("passwd")
@click.argument("username")
@click.option("--password", default=None,
              help="New password (default: $JIXIAO_PASSWORD, else asked for). At least 8 characters.")
@db_option
def passwd(username: str, password: str | None, db: str | None) -> None:
    """Set (reset) USERNAME's password; every session of the account ends."""
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
    click.echo(_("已重置用户 {user} 的密码，其所有会话已结束", user=username))


def _set_disabled(username: str, disabled: bool, db: str | None) -> None:
    from jixiao.store.database import session_factory
    from jixiao.store.users import UserError, set_disabled

    with opened(db) as engine, session_factory(engine)() as session:
        try:
            set_disabled(session, username, disabled, by="cli")
        except UserError as exc:
            fail(str(exc), EXIT_USAGE)
        session.commit()
    click.echo(_("已停用用户 {user}，其所有会话已结束", user=username) if disabled
               else _("已启用用户 {user}", user=username))


@user.command("disable")
@click.argument("username")
@click.option("--enable", is_flag=True, help="Enable the account again instead (same as `user enable`).")
@db_option
def disable(username: str, enable: bool, db: str | None) -> None:
    """Disable USERNAME: every session ends at once and logins are refused."""
    _set_disabled(username, not enable, db)


@user.command("enable")
@click.argument("username")
@db_option
def enable(username: str, db: str | None) -> None:
    """Enable the disabled account USERNAME again."""
    _set_disabled(username, False, db)
