"""Publishing: the official disclosure layouts as xlsx, PDF, HTML, CSV and JSON.

``export_bytes(doc, "out.pdf", layout="grid")`` draws a Document; exporters register themselves
with :func:`exporter` (see :mod:`jixiao.export.registry`).
"""

from jixiao.export.registry import (
    LAYOUTS,
    ExportError,
    ExporterSpec,
    ExportRequest,
    export_bytes,
    exporter,
    exporters,
    find_exporter,
)

__all__ = [
    "LAYOUTS",
    "ExportError",
    "ExportRequest",
    "ExporterSpec",
    "export_bytes",
    "exporter",
    "exporters",
    "find_exporter",
]
