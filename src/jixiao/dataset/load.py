"""A dataset read back: each document rebuilt from its rows with its findings (for
``jixiao import --from``), one document at a time so memory holds one document, not the corpus."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

from jixiao.dataset.job import part_path
from jixiao.dataset.schema import unflat, with_goal_details
from jixiao.dataset.views import check_dataset
from jixiao.model.document import Document
from jixiao.model.jsonify import document_from_dict

_KEYS = ("sha256", "year", "region")


@dataclass(frozen=True, slots=True)
class StoredFile:
    """One file of the dataset: its document and findings, or the failure recorded for it."""

    sha256: str
    path: str
    document: Document | None = None
    findings: tuple[dict[str, Any], ...] = ()
    error: str | None = None


def _rows(root: Path, table: str, doc: dict[str, Any], order: tuple[str, ...]) -> list[dict[str, Any]]:
    path = part_path(root, table, doc["sha256"], doc["year"], doc["region"])
    if not path.exists():
        return []
    rows = pq.read_table(path).to_pylist()
    return sorted(rows, key=lambda r: tuple(r[k] for k in order))


def _present(data: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if v is not None}


def read_file(root: Path, doc_row: dict[str, Any]) -> StoredFile:
    """The document of one ``documents`` row, rebuilt equal to the one the batch parsed."""
    units = [_present(unflat("units", r, (*_KEYS, "unit_index")))
             for r in _rows(root, "units", doc_row, ("unit_index",))]
    indicators: dict[int, list[dict[str, Any]]] = {}
    for row in _rows(root, "indicators", doc_row, ("project_index", "indicator_index")):
        skip = (*_KEYS, "project_index", "indicator_index", "project_seq", "unit_code")
        indicators.setdefault(row["project_index"], []).append(_present(unflat("indicators", row, skip)))
    projects: list[dict[str, Any]] = []
    details: list[str | None] = []
    for row in _rows(root, "projects", doc_row, ("project_index",)):
        details.append(row["goal_details"])
        project = _present(unflat("projects", row, (*_KEYS, "project_index", "goal_details")))
        project["indicators"] = indicators.get(row["project_index"], [])
        projects.append(project)
    drop = ("sha256", "path", "project_count", "indicator_count", "finding_count")
    data = _present(unflat("documents", doc_row, drop)) | {"units": units, "projects": projects}
    findings = tuple(unflat("findings", r, (*_KEYS, "finding_index", "unit_code"))
                     for r in _rows(root, "findings", doc_row, ("finding_index",)))
    document = document_from_dict(data)
    for rebuilt, text in zip(document.projects, details, strict=True):
        rebuilt.goals = with_goal_details(rebuilt.goals, text)
    return StoredFile(doc_row["sha256"], doc_row["path"], document, findings)


def _table(root: Path, table: str) -> list[dict[str, Any]]:
    folder = root / table
    files = sorted(folder.rglob("*.parquet")) if folder.is_dir() else []
    return [row for f in files for row in pq.read_table(f).to_pylist()]


def read_dataset(dataset: str | Path) -> Iterator[StoredFile]:
    """Every file of the dataset in path order: documents rebuilt, failures as they were recorded.

    Raises :class:`~jixiao.dataset.views.NotADataset` when ``dataset`` is no jixiao dataset."""
    root = Path(dataset)
    check_dataset(root)
    entries: list[tuple[str, str, dict[str, Any] | None, str | None]] = []
    entries += [(r["path"], r["sha256"], r, None) for r in _table(root, "documents")]
    entries += [(r["path"], r["sha256"], None, r["error"]) for r in _table(root, "failures")]
    for path, sha, row, error in sorted(entries, key=lambda e: (e[0], e[1])):
        yield read_file(root, row) if row is not None else StoredFile(sha, path, error=error)
