"""``jixiao sql DATASET "SELECT …"``: DuckDB over a dataset's Parquet files (tables and ready views).

Exit 0 with the rows on stdout, 2 for a query DuckDB refuses, 3 when DATASET is no dataset.
"""

from __future__ import annotations

import csv
import json
import sys
from decimal import Decimal
from typing import Any

import click

from jixiao.cli.errors import EXIT_INPUT, EXIT_USAGE, fail


def _json(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (int, float, str, bool, list, dict)) or value is None:
        return value
    return str(value)


@click.command()
@click.argument("dataset", type=click.Path(file_okay=False))
@click.argument("query")
@click.option("--format", "fmt", type=click.Choice(["text", "csv", "json"]), default="text",
              show_default=True)
def sql(dataset: str, query: str, fmt: str) -> None:
    """Run QUERY over DATASET (written by `jixiao batch`) with DuckDB.

    Tables: documents, units, projects, indicators, findings, failures. Ready views: project_amounts,
    rules_by_region, indicator_mix, amounts_by_unit, copied_indicators, unit_errors (see docs/batch.md).
    """
    from jixiao import services
    from jixiao.dataset.views import DatasetError, NotADataset

    try:
        columns, rows = services.dataset_query(dataset, query)
    except NotADataset as exc:
        fail(str(exc), EXIT_INPUT)
    except DatasetError as exc:
        fail(str(exc), EXIT_USAGE)
    if fmt == "json":
        out = [{c: _json(v) for c, v in zip(columns, row, strict=True)} for row in rows]
        click.echo(json.dumps(out, ensure_ascii=False, indent=2))
    elif fmt == "csv":
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows(["" if v is None else v for v in row] for row in rows)
    else:
        from jixiao.dataset.report import Table, render_text

        click.echo(render_text([Table("sql", query, columns, columns, rows)]).split("\n", 1)[1], nl=False)
