"""``jixiao report DATASET``: the headline tables a provincial reviewer asks for first, from the
ready DuckDB views, drawn as text, CSV, JSON or HTML (headings in the current language).

1. findings per 1,000 projects by region and rule (``rules_by_region``);
2. the most copied indicators: the same name, operator, value and unit in the most projects;
3. the units with the most errors (``unit_errors``).
"""

from __future__ import annotations

import csv
import html
import io
import json
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from jixiao.dataset.views import connect
from jixiao.i18n import N_, _, current_language


@dataclass(frozen=True, slots=True)
class Table:
    name: str
    title: str
    columns: list[str]  # stable identifiers (the JSON keys)
    headings: list[str]  # the same, for a reader
    rows: list[tuple[Any, ...]]

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "title": self.title, "columns": self.columns,
                "rows": [dict(zip(self.columns, [_json(v) for v in row], strict=True)) for row in self.rows]}


#: column identifier -> heading (catalogue ids)
HEADINGS = {
    "year": N_("年度"), "region": N_("地区"), "rule": N_("规则"), "name": N_("名称"),
    "findings": N_("问题数"), "projects": N_("项目数"), "per_1000_projects": N_("每千个项目问题数"),
    "indicator": N_("指标名称"), "operator": N_("符号"), "value": N_("指标值"), "unit": N_("计量单位"),
    "units": N_("单位数"), "documents": N_("文件数"), "unit_code": N_("单位编码"),
    "unit_name": N_("单位名称"), "errors": N_("错误数"), "projects_with_errors": N_("有错误的项目数"),
}

_QUERIES = (
    ("rules_by_region", N_("各地区各规则每千个项目的问题数"),
     "SELECT year, region, rule, name, findings, errors, projects, per_1000_projects FROM rules_by_region "
     "ORDER BY per_1000_projects DESC NULLS LAST, findings DESC, year, region, rule LIMIT ?"),
    ("copied_indicators", N_("被照抄最多的指标"),
     "SELECT name AS indicator, operator, value, unit, projects, units, documents FROM copied_indicators "
     "WHERE projects > 1 ORDER BY projects DESC, units DESC, indicator, operator, value, unit LIMIT ?"),
    ("unit_errors", N_("错误最多的单位"),
     "SELECT year, region, unit_code, unit_name, errors, projects_with_errors FROM unit_errors "
     "ORDER BY errors DESC, year, region, unit_code LIMIT ?"),
)


def headline_tables(dataset: str | Path, limit: int = 20) -> list[Table]:
    con = connect(dataset)
    try:
        tables = []
        for name, title, sql in _QUERIES:
            cursor = con.execute(sql, [limit])
            columns = [d[0] for d in cursor.description or []]
            tables.append(Table(name, _(title), columns, [_(HEADINGS.get(c, c)) for c in columns],
                                cursor.fetchall()))
        return tables
    finally:
        con.close()


def _json(value: Any) -> Any:
    return str(value) if isinstance(value, Decimal) else value


def _cell(value: Any) -> str:
    return "" if value is None else str(value)


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def render_text(tables: list[Table]) -> str:
    out: list[str] = []
    for table in tables:
        out.append(f"== {table.title} ==")
        if not table.rows:
            out += [_("（无）"), ""]
            continue
        grid = [table.headings] + [[_cell(v) for v in row] for row in table.rows]
        widths = [max(_width(r[i]) for r in grid) for i in range(len(table.headings))]
        for line in grid:
            out.append("  ".join(_pad(c, w) for c, w in zip(line, widths, strict=True)).rstrip())
        out.append("")
    return "\n".join(out)


def render_csv(tables: list[Table]) -> str:
    """Each table: a ``# title`` line, the heading row, its rows; a blank line between tables."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    for n, table in enumerate(tables):
        if n:
            buffer.write("\n")
        buffer.write(f"# {table.title}\n")
        writer.writerow(table.headings)
        writer.writerows([_cell(v) for v in row] for row in table.rows)
    return buffer.getvalue()


def render_json(tables: list[Table]) -> str:
    return json.dumps({"tables": [t.to_dict() for t in tables]}, ensure_ascii=False, indent=2) + "\n"


def render_html(tables: list[Table]) -> str:
    e = html.escape
    parts = [f'<!doctype html>\n<html lang="{current_language()}"><head><meta charset="utf-8">',
             f"<title>{e(_('数据集报告'))}</title>",
             "<style>body{font-family:sans-serif}table{border-collapse:collapse;margin-bottom:2em}"
             "td,th{border:1px solid #999;padding:2px 6px}</style></head><body>",
             f"<h1>{e(_('数据集报告'))}</h1>"]
    for table in tables:
        parts.append(f'<h2 id="{table.name}">{e(table.title)}</h2><table><thead><tr>')
        parts += [f"<th>{e(h)}</th>" for h in table.headings]
        parts.append("</tr></thead><tbody>")
        for row in table.rows:
            parts.append("<tr>" + "".join(f"<td>{e(_cell(v))}</td>" for v in row) + "</tr>")
        parts.append("</tbody></table>")
    parts.append("</body></html>\n")
    return "\n".join(parts)


RENDERERS = {"text": render_text, "csv": render_csv, "json": render_json, "html": render_html}
