"""JSON: the full document (``document`` layout, the contract of ``jixiao parse --format json``,
described by the published schema ``export/schema/document.schema.json``), flat open data
(``flat``: one object per indicator) or the findings (``findings``: the finding JSON contract)."""

from __future__ import annotations

import json
from importlib.resources import files
from typing import Any

from jixiao.export.open_data import flat_rows
from jixiao.export.registry import ExportRequest, exporter
from jixiao.model.jsonify import document_to_dict

SCHEMA_RESOURCE = "schema/document.schema.json"


def document_schema() -> dict[str, Any]:
    """The published JSON Schema of the document JSON."""
    data: dict[str, Any] = json.loads(files("jixiao.export").joinpath(SCHEMA_RESOURCE).read_text("utf-8"))
    return data


@exporter("json", ("json",), ("document", "flat", "findings"))
def write_json(request: ExportRequest) -> bytes:
    payload: Any
    if request.layout == "flat":
        payload = list(flat_rows(request.doc))
    elif request.layout == "findings":
        payload = [dict(f) for f in request.findings]
    else:
        payload = document_to_dict(request.doc)
    return (json.dumps(payload, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
