"""The exporter registry: lookup by name and extension, layouts per format, duplicate names."""

from __future__ import annotations

import pytest

from jixiao.export import ExportError, export_bytes, exporter, exporters, find_exporter
from jixiao.export.registry import ExportRequest
from jixiao.model import Document


def test_every_format_is_registered() -> None:
    assert {s.name for s in exporters()} == {"csv", "html", "json", "pdf", "xlsx"}


@pytest.mark.parametrize(("key", "name"), [("out.XLSX", "xlsx"), ("pdf", "pdf"), ("a/b/report.htm", "html"),
                                           ("x.csv", "csv"), ("json", "json")])
def test_find_exporter(key: str, name: str) -> None:
    assert find_exporter(key).name == name


def test_unknown_format_is_a_usage_error() -> None:
    with pytest.raises(ExportError, match="unknown export format 'docx'"):
        find_exporter("out.docx")


def test_layout_the_format_cannot_draw() -> None:
    with pytest.raises(ExportError, match="csv cannot draw the 'grid' layout"):
        export_bytes(Document(), "csv", "grid")


def test_duplicate_name_fails_at_import_time() -> None:
    exporters()

    def write(request: ExportRequest) -> bytes:
        return b""

    with pytest.raises(RuntimeError, match="duplicate exporter name: pdf"):
        exporter("pdf", ("pdf",), ("list",))(write)
    with pytest.raises(RuntimeError, match="unknown layouts"):
        exporter("other", ("x",), ("poster",))
