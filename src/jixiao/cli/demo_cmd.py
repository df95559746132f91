"""``jixiao demo``: a newcomer's one command: database, example documents, users, server."""

from __future__ import annotations

from pathlib import Path

import click

from jixiao.cli.serve_cmd import run_server
from jixiao.i18n import _

#: (username, role, unit code, region); all share DEMO_PASSWORD.
DEMO_USERS = (
    ("admin", "admin", None, None),
    ("reviewer", "reviewer", None, "门源县"),
    ("unit", "unit", "003006", "门源县"),
)
DEMO_PASSWORD = "jixiao-demo"
#: how many of the example's projects start out published; the rest stay draft to try the workflow.
PUBLISHED = 3


def build_demo(database: Path) -> list[str]:
    """Create (or reuse) the demo database; returns the lines to print."""
    from sqlalchemy import select

    from jixiao import services
    from jixiao.store.access import Viewer
    from jixiao.store.database import make_engine, session_factory, upgrade
    from jixiao.store.schema import ProjectRow
    from jixiao.store.users import add_user, get_user
    from jixiao.store.workflow import transition

    examples = Path(services.__file__).parent / "examples"
    engine = make_engine(f"sqlite:///{database}")
    upgrade(engine)
    lines = []
    with session_factory(engine)() as session:
        for path in services.import_files([examples]):
            outcome = services.import_file(session, path, username="demo")
            if outcome.error:
                lines.append(_("跳过 {name}：{error}", name=path.name, error=outcome.error))
                continue
            lines.append(_("示例 {name}：文件编号 {id}，{projects} 个项目", name=path.name,
                           id=outcome.document_id, projects=outcome.projects))
            if outcome.created:
                rows = session.scalars(select(ProjectRow).where(ProjectRow.document_id == outcome.document_id)
                                       .order_by(ProjectRow.position)).all()
                for row in rows[:PUBLISHED]:
                    unit = Viewer("unit", "unit", row.unit_code, row.region)
                    reviewer = Viewer("reviewer", "reviewer", None, row.region)
                    # the examples keep their 错误 findings: confirmed with a reason, as a person would
                    transition(session, unit, row, "submit", "示例：按原文提交", confirm=True)
                    transition(session, reviewer, row, "approve", "示例：已审核", confirm=True)
        for name, role, unit_code, region in DEMO_USERS:
            if get_user(session, name) is None:
                add_user(session, name, DEMO_PASSWORD, role, unit_code=unit_code, region=region, by="demo")
        session.commit()
    engine.dispose()
    return lines


@click.command("demo")
@click.option("--path", "database", type=click.Path(dir_okay=False, path_type=Path),
              default=Path("jixiao-demo.db"), show_default=True,
              help="SQLite file for the demo (created if missing, reused otherwise).")
@click.option("--port", default=8000, show_default=True, type=int)
@click.option("--no-serve", is_flag=True, help="Only build the database, don't start the server.")
def demo(database: Path, port: int, no_serve: bool) -> None:
    """Create a SQLite database with the bundled examples and demo users, then serve it on 127.0.0.1."""
    for line in build_demo(database):
        click.echo(line)
    click.echo(_("登录用户（密码均为 {password}）：", password=DEMO_PASSWORD))
    for name, role, unit_code, region in DEMO_USERS:
        scope = " ".join(x for x in (unit_code, region) if x)
        click.echo(f"  {name:<9} {role:<9} {scope}")
    if no_serve:
        return
    click.echo(_("打开 http://127.0.0.1:{port}/（接口文档 http://127.0.0.1:{port}/docs；按 Ctrl-C 停止）",
                 port=port))
    run_server(f"sqlite:///{database.resolve()}", "127.0.0.1", port, log_level="warning")
