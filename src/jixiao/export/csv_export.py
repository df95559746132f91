"""CSV open data: one row per indicator (see :mod:`jixiao.export.open_data`), or one row per finding.

UTF-8 with a byte-order mark, so that spreadsheet programs open the Chinese text correctly; the
header row uses the column names of :data:`jixiao.export.open_data.COLUMNS`.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping
from typing import Any

from jixiao.export.open_data import COLUMNS, flat_rows
from jixiao.export.registry import ExportRequest, exporter

FINDING_COLUMNS = ("rule", "name", "severity", "message", "project", "indicator", "evidence",
                   "expected", "location")


def _finding_cells(finding: Mapping[str, Any]) -> dict[str, str]:
    out: dict[str, str] = {}
    for key in FINDING_COLUMNS:
        value = finding.get(key)
        if isinstance(value, dict | list):
            out[key] = json.dumps(value, ensure_ascii=False, sort_keys=True)
        else:
            out[key] = "" if value is None else str(value)
    return out


@exporter("csv", ("csv",), ("flat", "findings"))
def write_csv(request: ExportRequest) -> bytes:
    buffer = io.StringIO(newline="")
    if request.layout == "findings":
        writer = csv.DictWriter(buffer, fieldnames=FINDING_COLUMNS, lineterminator="\r\n")
        writer.writeheader()
        writer.writerows(_finding_cells(f) for f in request.findings)
    else:
        writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\r\n")
        writer.writeheader()
        writer.writerows(flat_rows(request.doc))
    return buffer.getvalue().encode("utf-8-sig")
