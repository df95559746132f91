"""DuckDB (embedded, no server) over a dataset's Parquet files: one view per table and the ready
analytical views ``jixiao sql`` and ``jixiao report`` query.

Amounts stay exact: the views cast the decimal strings to ``DECIMAL(38, 6)``, never to float.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb

from jixiao.dataset.schema import SCHEMAS, TABLES, to_table


class DatasetError(Exception):
    """A query DuckDB refuses, or no dataset at all (one line for the user)."""


class NotADataset(DatasetError):
    """The folder holds no dataset written by ``jixiao batch``."""


def check_dataset(root: Path) -> None:
    if not (root / "_manifest").is_dir():
        raise NotADataset(f"{root}: not a jixiao dataset (no _manifest; write one with jixiao batch)")


#: the ready views over the tables, by name (their SQL, in dependency order)
READY_VIEWS: dict[str, str] = {
    "project_amounts": """
        SELECT p.*, TRY_CAST(p.amount AS DECIMAL(38, 6)) AS amount_value FROM projects p""",
    "rules_by_region": """
        WITH counted AS (
            SELECT year, region, COUNT(*) AS projects FROM projects GROUP BY ALL),
        found AS (
            SELECT year, region, rule, name, COUNT(*) AS findings,
                   COUNT(*) FILTER (WHERE severity = 'error') AS errors,
                   COUNT(DISTINCT sha256 || '/' || COALESCE(project, '')) AS projects_with
            FROM findings GROUP BY ALL)
        SELECT f.year, f.region, f.rule, f.name, f.findings, f.errors, f.projects_with,
               COALESCE(c.projects, 0) AS projects,
               CASE WHEN COALESCE(c.projects, 0) = 0 THEN NULL
                    ELSE CAST(ROUND(f.findings * 1000.0 / c.projects, 1) AS DECIMAL(18, 1)) END
                   AS per_1000_projects
        FROM found f LEFT JOIN counted c
          ON f.year IS NOT DISTINCT FROM c.year AND f.region IS NOT DISTINCT FROM c.region""",
    "indicator_mix": """
        SELECT level1, level2, COUNT(*) AS indicators,
               COUNT(DISTINCT sha256 || '/' || project_index) AS projects,
               CAST(ROUND(COUNT(*) * 100.0 / SUM(COUNT(*)) OVER (), 2) AS DECIMAL(9, 2)) AS percent
        FROM indicators GROUP BY ALL""",
    "amounts_by_unit": """
        SELECT p.year, p.region, p.unit AS unit_code, MIN(u.name) AS unit_name, COUNT(*) AS projects,
               SUM(p.amount_value) AS amount
        FROM project_amounts p LEFT JOIN units u ON u.sha256 = p.sha256 AND u.code = p.unit
        GROUP BY ALL""",
    "copied_indicators": """
        SELECT name, operator, value, unit, COUNT(DISTINCT sha256 || '/' || project_index) AS projects,
               COUNT(DISTINCT sha256 || '/' || COALESCE(unit_code, '')) AS units,
               COUNT(DISTINCT sha256) AS documents
        FROM indicators GROUP BY ALL""",
    "unit_errors": """
        SELECT f.year, f.region, f.unit_code, MIN(u.name) AS unit_name, COUNT(*) AS errors,
               COUNT(DISTINCT f.sha256 || '/' || COALESCE(f.project, '')) AS projects_with_errors
        FROM findings f LEFT JOIN units u ON u.sha256 = f.sha256 AND u.code = f.unit_code
        WHERE f.severity = 'error' GROUP BY ALL""",
}


def _glob(root: Path, table: str) -> str | None:
    folder = root / table
    if not folder.is_dir() or next(folder.rglob("*.parquet"), None) is None:
        return None
    return str(folder / "**" / "*.parquet").replace("'", "''")


def connect(dataset: str | Path) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB with every table and ready view of ``dataset`` defined.

    Raises :class:`NotADataset` when ``dataset`` is no jixiao dataset."""
    root = Path(dataset)
    check_dataset(root)
    con = duckdb.connect(":memory:")
    for table in TABLES:
        glob = _glob(root, table)
        if glob is None:  # no part yet: an empty table with the right columns
            con.register(f"_empty_{table}", to_table(table, []))
            con.execute(f"CREATE VIEW {table} AS SELECT * FROM _empty_{table}")
        else:
            columns = ", ".join(f'"{name}"' for name in SCHEMAS[table].names)
            con.execute(f"CREATE VIEW {table} AS SELECT {columns} FROM read_parquet('{glob}', "
                        "hive_partitioning = false, union_by_name = true)")
    for name, sql in READY_VIEWS.items():
        con.execute(f"CREATE VIEW {name} AS {sql}")
    return con


def query(dataset: str | Path, sql: str) -> tuple[list[str], list[tuple[Any, ...]]]:
    """Run ``sql`` over the dataset's views: (column names, rows).

    Raises :class:`DatasetError` for a query DuckDB refuses."""
    con = connect(dataset)
    try:
        cursor = con.execute(sql)
        if cursor.description is None:
            return [], []
        return [d[0] for d in cursor.description], cursor.fetchall()
    except duckdb.Error as exc:
        raise DatasetError(" ".join(str(exc).split())) from exc
    finally:
        con.close()
