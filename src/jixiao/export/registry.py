"""The exporter registry: an explicit list, a decorator, an import-time error on a duplicate name.

An exporter turns a :class:`~jixiao.model.Document` (and, for the findings report, the review
findings) into the bytes of one file format. Each exporter states the layouts it can draw:
``list`` (the disclosure list table), ``grid`` (one 项目支出绩效目标表 per project), ``findings``
(a reviewer's report), ``flat`` (one row per indicator, open data), ``document`` (the full
document JSON), ``selfeval`` (one 项目支出绩效自评表 per project) and ``monitoring`` (one
项目支出绩效目标执行监控表 per project).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jixiao.model.document import Document

LAYOUTS = ("list", "grid", "findings", "flat", "document", "selfeval", "monitoring")


class ExportError(ValueError):
    """A usage error: unknown format, or a layout the format cannot draw. One line, for the user."""


@dataclass(frozen=True, slots=True)
class ExportRequest:
    """Everything an exporter needs. ``findings`` are finding dicts (the public JSON contract)."""

    doc: Document
    layout: str
    findings: Sequence[Mapping[str, Any]] = ()
    progress: bool = False  # draw a tqdm progress bar on stderr
    options: Mapping[str, Any] = field(default_factory=dict)


WriteFn = Callable[[ExportRequest], bytes]


@dataclass(frozen=True, slots=True)
class ExporterSpec:
    name: str
    extensions: tuple[str, ...]
    layouts: tuple[str, ...]  # the first is the default
    write: WriteFn


_EXPORTERS: dict[str, ExporterSpec] = {}

#: Modules that register exporters, imported on first use so ``jixiao parse`` never pays for them.
EXPORTER_MODULES = ("json_export", "csv_export", "xlsx_export", "html_export", "pdf_export")


def exporter(
    name: str, extensions: tuple[str, ...], layouts: tuple[str, ...]
) -> Callable[[WriteFn], WriteFn]:
    unknown = set(layouts) - set(LAYOUTS)
    if unknown or not layouts:
        raise RuntimeError(f"exporter {name}: unknown layouts {sorted(unknown)}")

    def decorate(fn: WriteFn) -> WriteFn:
        if name in _EXPORTERS:
            raise RuntimeError(f"duplicate exporter name: {name}")
        _EXPORTERS[name] = ExporterSpec(name, extensions, layouts, fn)
        return fn

    return decorate


def exporters() -> list[ExporterSpec]:
    for module in EXPORTER_MODULES:
        importlib.import_module(f"jixiao.export.{module}")
    return sorted(_EXPORTERS.values(), key=lambda s: s.name)


def find_exporter(format_or_path: str | Path) -> ExporterSpec:
    """The exporter for a format name (``pdf``) or for a file name's extension (``out.pdf``)."""
    text = str(format_or_path)
    key = (Path(text).suffix.lstrip(".") or text).lower()
    for spec in exporters():
        if key == spec.name or key in spec.extensions:
            return spec
    names = ", ".join(s.name for s in exporters())
    raise ExportError(f"unknown export format {key!r} (known: {names})")


def export_bytes(
    doc: Document,
    format_or_path: str | Path,
    layout: str | None = None,
    findings: Sequence[Mapping[str, Any]] = (),
    progress: bool = False,
) -> bytes:
    """Draw ``doc`` in ``layout`` (default: the format's first layout) and return the file's bytes."""
    spec = find_exporter(format_or_path)
    chosen = layout or spec.layouts[0]
    if chosen not in spec.layouts:
        raise ExportError(
            f"{spec.name} cannot draw the {chosen!r} layout (it can: {', '.join(spec.layouts)})"
        )
    return spec.write(ExportRequest(doc, chosen, tuple(findings), progress))
