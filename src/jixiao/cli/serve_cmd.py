"""``jixiao serve``: run the web application (uvicorn) on the store."""

from __future__ import annotations

import os
from typing import Any

import click

from jixiao.cli.errors import EXIT_INPUT, fail
from jixiao.cli.store_options import db_option
from jixiao.i18n import N_, _

NO_TABLES = N_("{url} 中没有 jixiao 的数据表：请先运行 `jixiao db upgrade --db {url}`")
SECRET_WARNING = """\
jixiao: WARNING 警告 ──────────────────────────────────────────────────────────────
jixiao: JIXIAO_SECRET_KEY 未设置：会话密钥是临时随机生成的，重启后所有用户都会被登出，
jixiao: 多个 worker 之间也不共享。请设置一个长随机值，例如：
jixiao:   export JIXIAO_SECRET_KEY=$(python -c 'import secrets; print(secrets.token_urlsafe(48))')
jixiao: JIXIAO_SECRET_KEY is not set: sessions are signed with a throwaway key (all users are
jixiao: logged out on restart). Set it to a long random value in production.
jixiao: ──────────────────────────────────────────────────────────────────────────────"""


def proxy_options(forwarded_allow_ips: str | None) -> dict[str, Any]:
    """uvicorn's proxy settings: none trusted unless addresses are given (uvicorn's own default
    trusts 127.0.0.1, which would let anything on the host pick its client address)."""
    return {"proxy_headers": bool(forwarded_allow_ips), "forwarded_allow_ips": forwarded_allow_ips}


def run_server(database_url: str, host: str, port: int, workers: int = 1, log_level: str = "info", *,
               secure_cookies: bool = False, forwarded_allow_ips: str | None = None,
               anonymous_findings: str | None = None) -> None:
    """Serve ``create_app`` for ``database_url`` until interrupted.

    Proxy headers (``X-Forwarded-For``/``-Proto``) are believed only from ``forwarded_allow_ips``;
    without it the client address is the socket's peer (the login limiter keys on it).
    """
    import uvicorn

    os.environ["JIXIAO_DATABASE_URL"] = database_url  # read by the factory in each worker
    if secure_cookies:
        os.environ["JIXIAO_SECURE_COOKIES"] = "1"
    if anonymous_findings:
        os.environ["JIXIAO_ANONYMOUS_FINDINGS"] = anonymous_findings  # read by Settings in each worker
    proxy = proxy_options(forwarded_allow_ips)
    if workers > 1:
        import secrets
        import tempfile
        from pathlib import Path

        from jixiao.web.shared_replies import SHARED_REPLIES_ENV

        os.environ.setdefault("JIXIAO_SECRET_KEY", secrets.token_urlsafe(32))  # one key for all workers
        # the workers share visitors' replies in a private (0700) directory, removed at exit
        with tempfile.TemporaryDirectory(prefix="jixiao-replies-") as shared:
            if os.environ.get(SHARED_REPLIES_ENV, "").strip() != "off":  # web.shared_replies
                os.environ[SHARED_REPLIES_ENV] = str(Path(shared) / "replies.db")
            uvicorn.run("jixiao.web.app:create_app", factory=True, host=host, port=port, workers=workers,
                        log_level=log_level, server_header=False, **proxy)
        return
    from jixiao.web.app import create_app
    from jixiao.web.settings import Settings

    uvicorn.run(create_app(Settings(database_url=database_url)), host=host, port=port, log_level=log_level,
                server_header=False, **proxy)


@click.command("serve")
@db_option
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Worker processes (set JIXIAO_SECRET_KEY so they share sessions).")
@click.option("--log-level", default="info", show_default=True,
              type=click.Choice(["critical", "error", "warning", "info", "debug"]))
@click.option("--secure-cookies", is_flag=True, envvar="JIXIAO_SECURE_COOKIES",
              help="Session cookie over HTTPS only, plus HSTS (behind TLS). Also $JIXIAO_SECURE_COOKIES=1.")
@click.option("--forwarded-allow-ips", default=None, metavar="IPS",
              help="Trust X-Forwarded-For/-Proto only from these proxy addresses (comma-separated, "
                   "'*' for any). Default: trust no proxy headers.")
@click.option("--anonymous-findings", type=click.Choice(["unmanaged", "all", "none"]), default="unmanaged",
              show_default=True, envvar="JIXIAO_ANONYMOUS_FINDINGS",
              help="Review findings anonymous visitors see: only on projects never handled in the workflow "
                   "(unmanaged), on every published project (all), or none. Also $JIXIAO_ANONYMOUS_FINDINGS.")
def serve(db: str | None, host: str, port: int, workers: int, log_level: str, secure_cookies: bool,
          forwarded_allow_ips: str | None, anonymous_findings: str) -> None:
    """Serve the web application and the JSON API (/api/v1, docs at /docs).

    The database must be up to date (``jixiao db upgrade``). Set JIXIAO_SECRET_KEY to keep sessions
    valid across restarts.
    """
    from sqlalchemy.engine import make_url

    from jixiao.store.database import current_revision, database_url, make_engine, missing_sqlite_file

    url = database_url(db)
    shown = make_url(url).render_as_string(hide_password=True)  # never print a password
    if missing_sqlite_file(url) is not None:  # refuse before connecting would leave an empty file
        fail(_(NO_TABLES, url=shown), EXIT_INPUT)
    engine = make_engine(url)
    try:
        revision = current_revision(engine)
    finally:
        engine.dispose()
    if revision is None:
        fail(_(NO_TABLES, url=shown), EXIT_INPUT)
    if not os.environ.get("JIXIAO_SECRET_KEY"):
        click.echo(SECRET_WARNING, err=True)
    click.echo("jixiao: " + _("正在服务 {url}：http://{host}:{port}/（接口文档 http://{host}:{port}/docs）",
                              url=shown, host=host, port=port), err=True)
    run_server(url, host, port, workers, log_level, secure_cookies=secure_cookies,
               forwarded_allow_ips=forwarded_allow_ips, anonymous_findings=anonymous_findings)
