"""``jixiao year``: the performance year of stored projects from the command line (issue 10), through
the same service functions as the web: a project's year with the checks MON001–MON004, the
traffic-light board, and the monitoring round or self-evaluation written as a file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click
from sqlalchemy.orm import Session

from jixiao import services
from jixiao.cli.errors import EXIT_INPUT, EXIT_USAGE, fail
from jixiao.cli.store_options import db_option, opened
from jixiao.i18n import _
from jixiao.store.access import Viewer
from jixiao.store.repository import get_project_row
from jixiao.store.year_store import YearError
from jixiao.year import board as year_board
from jixiao.year import service
from jixiao.year.year_checks import LIGHT_NAMES

#: the command line acts as an operator: it sees every project, like an admin
OPERATOR = Viewer("cli", "admin")


def _json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


@click.group()
def year() -> None:
    """The performance year (监控, 调整, 自评) of stored projects."""


@year.command()
@click.argument("project_id", type=int)
@db_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def show(project_id: int, db: str | None, fmt: str) -> None:
    """A project's year: light, lock, rounds, adjustments, self-evaluation and the checks MON001–MON004.

    Exit 1 when a check finds an error."""
    with opened(db, migrate=False) as engine, Session(engine) as session:
        project = get_project_row(session, project_id)
        if project is None:
            fail(f"项目 {project_id} 不存在", EXIT_INPUT)
        data = service.project_year(session, project)
    if fmt == "json":
        _json(data)
    else:
        se = data["self_evaluation"]
        click.echo(f"{project.name}（{project.year or ''}）{_(LIGHT_NAMES[data['light']])} · "
                   f"{'已锁定' if data['locked'] else '未锁定'}")
        for r in data["rounds"]:
            click.echo(f"  监控 {r['as_of']}：执行数 {r['executed']} / 全年预算数 {r['budget_full']}，"
                       f"指标风险 {_(LIGHT_NAMES[r['target_risk']])}")
        for a in data["adjustments"]:
            click.echo(f"  调整 {a['indicator']}：{a['old_target']} → {a['new_target']}（{a['status']}）")
        if se:
            click.echo(f"  自评 {se['status']}：总分 {se['total'] or '—'}（{se['grade'] or '—'}）")
        for f in data["findings"]:
            click.echo(f"  {f['rule']} {f['severity']} {f['message']}")
    raise SystemExit(1 if any(f["severity"] == "error" for f in data["findings"]) else 0)


@year.command()
@db_option
@click.option("--unit", help="Only this unit (单位编码).")
@click.option("--sort", type=click.Choice(year_board.SORTS), default="light", show_default=True)
@click.option("--year", "budget_year", type=int, help="Only this budget year.")
@click.option("--limit", type=click.IntRange(1, 100_000), default=500, show_default=True)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def board(db: str | None, unit: str | None, sort: str, budget_year: int | None, limit: int, fmt: str) -> None:
    """The traffic-light board of every approved project (red / yellow / green / 未监控)."""
    with opened(db, migrate=False) as engine, Session(engine) as session:
        data = year_board.board(session, OPERATOR, sort=sort, unit=unit, year=budget_year, limit=limit)
    if fmt == "json":
        _json(data)
        return
    counts = data["counts"]
    click.echo(f"红灯 {counts['red']} · 黄灯 {counts['yellow']} · 绿灯 {counts['green']} · "
               f"未监控 {counts['none']} · 目标变更未批 {data['unapproved_projects']}")
    for p in data["projects"]:
        notes = [f"落后 {p['lag']} 个百分点"] if p["lag"] is not None else []
        if p["unapproved_changes"]:
            notes.append(f"目标变更未批 {p['unapproved_changes']} 项")
        click.echo(f"{_(LIGHT_NAMES[p['light']])}  {p['id']:>6}  {p['unit'] or '':<10} {p['name']}  "
                   + "；".join(notes))


@year.command()
@click.argument("project_id", type=int)
@click.option("--kind", type=click.Choice(["selfeval", "monitoring"]), required=True,
              help="selfeval: the self-evaluation (自评表); monitoring: the latest round (监控表).")
@click.option("-o", "--output", required=True, type=click.Path(path_type=Path, dir_okay=False),
              help="Output file; its extension picks the format (json, csv, xlsx, pdf, html).")
@db_option
def document(project_id: int, kind: str, output: Path, db: str | None) -> None:
    """Write a project's monitoring round or self-evaluation as a file (services.year_document)."""
    from jixiao.export.registry import ExportError

    with opened(db, migrate=False) as engine, Session(engine) as session:
        try:
            doc = services.year_document(session, project_id, kind)
        except YearError as exc:
            fail(exc.message, EXIT_INPUT)
    try:
        services.export_document(doc, output)
    except ExportError as exc:
        fail(str(exc), EXIT_USAGE)
    click.echo(f"{output}", err=True)
