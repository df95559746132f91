"""One file of a batch: read it as ``jixiao check`` does (``services.read_document``), review it
(``services.review_document``), and write its rows as Parquet parts of the dataset.

Parts are named by the file's sha256 (``projects/year=2023/region=门源县/<sha256>.parquet``), each
written to a hidden temporary file and renamed into place, so a killed batch leaves no half-written
part, and a rerun that redoes a file replaces its parts instead of adding to them. A file is done
when its manifest entry (``_manifest/<sha256>.json``) exists; that is written last. A file that
cannot be read or holds no recognisable table is a row of ``failures``, never lost.
"""

from __future__ import annotations

import hashlib
import json
import os
import traceback
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

from jixiao.dataset.schema import PARTITIONED, document_rows, goal_details, to_table

MANIFEST = "_manifest"
NULL_PARTITION = "__HIVE_DEFAULT_PARTITION__"
_ESCAPE = set('/\\=%:*?"<>|#')


@dataclass(frozen=True, slots=True)
class FileResult:
    """What one file gave: its counts, or the failure recorded for it."""

    sha256: str
    path: str
    projects: int = 0
    indicators: int = 0
    findings: int = 0
    failure: str | None = None  # "unreadable" | "unrecognised" | "error"
    error: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


#: longest partition value kept whole (a directory name holds 255 bytes; a CJK character takes 3)
MAX_PARTITION = 60


def partition_value(value: object) -> str:
    """A year or region as a directory name: hive style, special characters %-escaped, a value too
    long for a file name cut and told apart by a hash (the rows hold the whole value)."""
    if value is None or value == "":
        return NULL_PARTITION
    text = str(value)
    if len(text) > MAX_PARTITION:
        text = text[:MAX_PARTITION] + "~" + hashlib.sha256(text.encode()).hexdigest()[:12]
    out = "".join(f"%{ord(c):02X}" if c in _ESCAPE or ord(c) < 32 else c for c in text)
    return "%2E" + out[1:] if out.startswith(".") else out


def part_path(root: Path, table: str, sha256: str, year: object = None, region: object = None) -> Path:
    if table not in PARTITIONED:
        return root / table / f"{sha256}.parquet"
    return (root / table / f"year={partition_value(year)}" / f"region={partition_value(region)}"
            / f"{sha256}.parquet")


def write_atomic(path: Path, data: bytes | None = None, table: Any = None) -> None:
    """Write ``data`` (bytes) or ``table`` (Parquet) to ``path`` through a hidden temporary file."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    for attempt in range(3):  # a rerun starting meanwhile may clear temporary files: write again
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            if table is not None:
                pq.write_table(table, tmp, compression="zstd")
            else:
                tmp.write_bytes(data or b"")
            os.replace(tmp, path)
            return
        except FileNotFoundError:
            if attempt == 2:
                raise
        finally:
            tmp.unlink(missing_ok=True)


def path_key(path: str) -> str:
    """The key of a file that could not even be hashed (its path's sha256)."""
    return hashlib.sha256(("path:" + path).encode()).hexdigest()


def process_file(path: str, sha256: str, root: str) -> FileResult:
    """Parse, review and write one file into the dataset at ``root`` (runs on a Dask worker)."""
    from jixiao.readers.base import UnreadableInput
    from jixiao.services import UnrecognisedDocument, document_json, read_document, review_document

    out = Path(root)
    try:
        doc = read_document(path)
        findings = [f.to_dict() for f in review_document(doc).findings]
        rows = document_rows(document_json(doc), findings, sha256, path,
                             [goal_details(p) for p in doc.projects])
    except UnrecognisedDocument as exc:
        return write_failure(out, FileResult(sha256, path, failure="unrecognised", error=str(exc)))
    except UnreadableInput as exc:
        return write_failure(out, FileResult(sha256, path, failure="unreadable", error=str(exc)))
    except Exception as exc:  # a crash on one file must not lose it: recorded, the batch goes on
        detail = "".join(traceback.format_exception_only(exc)).strip()
        return write_failure(out, FileResult(sha256, path, failure="error", error=f"{path}: {detail}"))
    for table, table_rows in rows.items():
        if table_rows or table == "documents":
            target = part_path(out, table, sha256, doc.year, doc.region)
            write_atomic(target, table=to_table(table, table_rows))
    result = FileResult(sha256, path, len(rows["projects"]), len(rows["indicators"]), len(findings))
    mark_done(out, result)
    return result


def write_failure(root: Path, result: FileResult) -> FileResult:
    row = {"sha256": result.sha256, "path": result.path, "kind": result.failure, "error": result.error}
    write_atomic(part_path(root, "failures", result.sha256), table=to_table("failures", [row]))
    mark_done(root, result)
    return result


def mark_done(root: Path, result: FileResult) -> None:
    text = json.dumps(result.to_dict(), ensure_ascii=False, sort_keys=True)
    write_atomic(root / MANIFEST / f"{result.sha256}.json", text.encode())


def done_keys(root: Path) -> set[str]:
    """The sha256 of every file the dataset already holds (rows or failure)."""
    folder = root / MANIFEST
    return {p.stem for p in folder.glob("*.json")} if folder.is_dir() else set()


def remove_leftovers(root: Path) -> int:
    """Delete temporary files a killed batch left behind; how many."""
    count = 0
    if root.is_dir():
        for tmp in root.rglob(".*.tmp"):
            tmp.unlink(missing_ok=True)
            count += 1
    return count
