"""``jixiao audit verify``: check the audit log's hash chain."""

from __future__ import annotations

import click

from jixiao.cli.errors import EXIT_FINDINGS, EXIT_INPUT, fail
from jixiao.cli.store_options import db_option, opened
from jixiao.i18n import _


@click.group("audit")
def audit() -> None:
    """The append-only, hash-chained audit log (审计日志)."""


@audit.command("verify")
@db_option
def verify_cmd(db: str | None) -> None:
    """Recompute every row's sha256 and its link to the row before it.

    Exit 0 when the chain holds (prints the row count and the head hash: keep it elsewhere to
    notice a removed tail later), 1 naming the first broken row otherwise.
    """
    from sqlalchemy.exc import SQLAlchemyError

    from jixiao.store.audit_chain import verify
    from jixiao.store.database import session_factory

    with opened(db, migrate=False) as engine, session_factory(engine)() as session:
        try:
            verdict = verify(session)
        except SQLAlchemyError as exc:
            fail(_("无法读取审计日志（请运行 `jixiao db upgrade`）：{error}", error=str(exc).splitlines()[0]),
                 EXIT_INPUT)
    if verdict.ok:
        click.echo(_("审计日志完整：{rows} 行，末行 {head}", rows=verdict.rows, head=verdict.head))
        return
    broken = _("审计日志在第 {row} 行断开：{reason}", row=verdict.broken_id, reason=verdict.reason)
    click.echo(f"jixiao: {broken}", err=True)
    raise SystemExit(EXIT_FINDINGS)
