"""``jixiao score FILE``: recompute the published scores of a self-evaluation (项目支出绩效自评表).

Prints, per project, each row that has a published score: 指标, 公布得分, 重算得分, the difference and
the 算式 (working), then the total and the grade. Exit 0 when every recomputed row is within
``--tolerance`` (default 0.5 point) of the published score, 1 when one is not, 2 for a usage error
(unknown profile, malformed --band), 3 when the file cannot be read, or has neither a published
score nor an indicator that can be recomputed (a form published blank). A table without a 得分 column
(a prose self-evaluation, 025) lists every row with its recomputed score and exits 0: there is no
published score to contradict.
"""

from __future__ import annotations

import json
import sys
from decimal import Decimal, InvalidOperation
from typing import Any

import click

from jixiao.cli.errors import EXIT_FINDINGS, EXIT_INPUT, EXIT_OK, EXIT_USAGE, fail
from jixiao.readers.base import UnreadableInput
from jixiao.review.scoring.profiles import DEFAULT_PROFILE, PROFILES

_MARK = {"differs": "✗", "not-scored": "?", "match": " ", "unpublished": " "}


def render_text(result: dict[str, Any]) -> str:
    """The Chinese report of :func:`jixiao.services.score_document`'s result."""
    profile = result["profile"]
    lines = [f"评分配置 {profile['name']}：{profile['title']}"]
    any_published = result["summary"]["rows"] > 0
    for project in result["projects"]:
        lines.append(f"项目 {project['seq']} {project['name']}")
        lines.append("  指标 | 公布得分 | 重算得分 | 差 | 算式")
        # a table with no 得分 column at all (a prose report, a form published blank): every row
        shown = [r for r in project["rows"] if r["published"] is not None or not any_published]
        for row in shown:
            recomputed = row["recomputed"] if row["recomputed"] is not None else "—"
            diff = row["difference"]
            diff = "" if diff is None else diff if diff.startswith("-") or diff == "0.00" else f"+{diff}"
            cells = (row["name"], row["published"] or "—", recomputed, diff, row["working"])
            lines.append(f"{_MARK[row['status']]} " + " | ".join(cells))
        hidden = len(project["rows"]) - len(shown)
        if hidden:
            lines.append(f"  （另有 {hidden} 行没有公布得分，未列出；--format json 全部列出）")
        total = project["total"]
        published = total["published"] or "—"
        if total["published_grade"]:
            published += f"（{total['published_grade']}）"
        recomputed = total["recomputed"] + (f"（{total['grade']}）" if total["grade"] else "")
        lines.append(f"  总分 | {published} | {recomputed} |  | {total['working']}")
        lines += [f"  注：{note}" for note in project["notes"]]
    s = result["summary"]
    if not any_published:
        rows = [r for p in result["projects"] for r in p["rows"]]
        done = sum(r["recomputed"] is not None for r in rows)
        lines.append(f"结果：表中没有公布得分，{len(rows)} 行中 {done} 行已重算，{len(rows) - done} 行未重算")
        return "\n".join(lines) + "\n"
    lines.append(
        f"结果：{s['rows']} 行有公布得分，{s['match']} 行相符，{s['differs']} 行相差超过 "
        f"{result['tolerance']} 分，{s['not_scored']} 行未重算"
    )
    return "\n".join(lines) + "\n"


def _bands(items: tuple[str, ...]) -> dict[str, str]:
    bands: dict[str, str] = {}
    for item in items:
        name, sep, band = item.rpartition("=")
        if not sep or not name.strip() or not band.strip():
            fail(f"--band {item!r}: expected 指标名称=达成|部分达成|未达成[:NN%]", EXIT_USAGE)
        bands[name.strip()] = band.strip()
    return bands


@click.command()
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--profile", type=click.Choice(list(PROFILES)), default=DEFAULT_PROFILE, show_default=True,
              help="Scoring profile (docs/performance-year.md).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="Output format.")
@click.option("--tolerance", default="0.5", show_default=True,
              help="Exit 1 when a recomputed row differs from the published score by more than this.")
@click.option("--band", multiple=True, metavar="NAME=BAND",
              help="A reviewer's band for a qualitative indicator: "
                   "[项目序号/]名称=达成|部分达成|未达成[:NN%] (repeatable).")
def score(file: str, profile: str, fmt: str, tolerance: str, band: tuple[str, ...]) -> None:
    """Recompute the published scores of the self-evaluation FILE and show the working.

    FILE is any readable table, or a document JSON written by `jixiao parse`.
    """
    from jixiao.services import read_document, score_document

    try:
        limit = Decimal(tolerance)
    except InvalidOperation:
        fail(f"--tolerance {tolerance!r}: expected a number of points", EXIT_USAGE)
    if not limit.is_finite() or limit < 0:
        fail(f"--tolerance {tolerance!r}: expected a number of points ≥ 0", EXIT_USAGE)
    bands = _bands(band)
    try:
        doc = read_document(file)  # refuses a file with no recognisable table (UnrecognisedDocument)
    except UnreadableInput as exc:
        fail(str(exc), EXIT_INPUT)
    result = score_document(doc, profile, bands, limit)
    recomputed = any(r["recomputed"] is not None and r["kind"] == "indicator"
                     for p in result["projects"] for r in p["rows"])
    if result["summary"]["rows"] == 0 and not recomputed:
        fail(f"{file}：没有公布得分的自评行（项目支出绩效自评表的“得分”列），无可重算", EXIT_INPUT)
    if fmt == "json":
        click.echo(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        click.echo(render_text(result), nl=False)
    sys.exit(EXIT_FINDINGS if result["summary"]["differs"] else EXIT_OK)
