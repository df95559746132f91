"""PDF through HTML + CSS: the HTML exporter's templates laid out by WeasyPrint; the list layout
typeset by reportlab on the same page instead (:mod:`jixiao.export.pdf_list`, ~40× less CPU),
unless a character has no glyph in the Noto CJK faces.

Fonts are embedded (subset Noto CJK as installed by ``scripts/setup-system``), the table header row
repeats on every page (``thead { display: table-header-group }``) and pages are A4 landscape with a
第 N 页 footer. Large documents are laid out in parts of :data:`PART_SIZE` projects, each part's page
numbers continuing the last, and the parts joined with pdfium: memory stays bounded by one part and
the progress bar moves part by part. With more than one core the parts are laid out in worker
processes and the page numbers laid over afterwards (:mod:`jixiao.export.pdf_parallel`). The
findings report is laid out in one piece so that its links to the project forms keep working.
"""

from __future__ import annotations

import io
import logging
import math
import sys
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from tqdm import tqdm

from jixiao.export.eval_sections import eval_form
from jixiao.export.html_export import EVAL_LAYOUTS, Page, forms_for, full_page, render_page
from jixiao.export.pdf_list import write_list_pdf
from jixiao.export.pdf_parallel import render_parallel, workers
from jixiao.export.registry import ExportRequest, exporter
from jixiao.export.sections import ListRow, document_title, list_rows

PART_SIZE = 100  # projects laid out at a time (bounds memory; larger parts are not faster)


def _weasyprint() -> Any:
    """Import WeasyPrint on first use (it is slow to import) and quieten its font-subsetting logs."""
    import weasyprint  # type: ignore[import-untyped]

    for name in ("weasyprint", "fontTools"):
        logging.getLogger(name).setLevel(logging.ERROR)
    return weasyprint


def render_pdf(html: str, first_page: int = 1) -> bytes:
    """Lay one HTML page out as PDF bytes, numbering its pages from ``first_page``."""
    wp = _weasyprint()
    extra = [wp.CSS(string=f"@page :first {{ counter-reset: page {first_page} }}")] if first_page > 1 else []
    data: bytes = wp.HTML(string=html, base_url=".").write_pdf(stylesheets=extra)
    return data


def _chunks(items: Sequence[Any], size: int) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def _list_parts(request: ExportRequest) -> list[Page]:
    title = document_title(request.doc)
    rows: list[ListRow] = list(list_rows(request.doc))
    return [Page("list", title, rows=part, show_title=i == 0)
            for i, part in enumerate(_chunks(rows, PART_SIZE))]


def _grid_parts(request: ExportRequest) -> Iterator[Page]:
    """Grid (or 自评表/监控表) pages a part at a time, so only one part's forms exist at once."""
    title = document_title(request.doc)
    for part in _chunks(request.doc.projects, PART_SIZE):
        if request.layout in EVAL_LAYOUTS:
            yield Page(request.layout, title, evals=[eval_form(request.doc, p, request.layout) for p in part])
        else:
            yield Page("grid", title, forms=forms_for(request, part))


def _render_parts(pages: Iterable[Page], total: int, progress: bool) -> bytes:
    """Lay the parts out one by one, numbering pages on, and append each to one pdfium document."""
    import pypdfium2  # type: ignore[import-untyped]

    merged = pypdfium2.PdfDocument.new()
    try:
        bar = tqdm(pages, total=total, desc="pdf", unit="part", file=sys.stderr, disable=not progress,
                   leave=True)
        for page in bar:
            source = pypdfium2.PdfDocument(render_pdf(render_page(page), len(merged) + 1))
            try:
                merged.import_pages(source)
            finally:
                source.close()
        out = io.BytesIO()
        merged.save(out)
        return out.getvalue()
    finally:
        merged.close()


@exporter("pdf", ("pdf",), ("list", "grid", "findings", "selfeval", "monitoring"))
def write_pdf(request: ExportRequest) -> bytes:
    doc = request.doc
    if request.layout == "list":
        typeset = write_list_pdf(list(list_rows(doc)), document_title(doc), request.progress)
        if typeset is not None:
            return typeset
    parts = math.ceil(len(doc.projects) / PART_SIZE)
    if request.layout == "findings" or parts <= 1:
        return render_pdf(render_page(full_page(request)))
    if request.layout == "list":
        pages: Iterable[Page] = _list_parts(request)
        parts = math.ceil((1 + len(doc.units) + len(doc.projects)) / PART_SIZE)
    else:
        pages = _grid_parts(request)
    jobs = workers()
    if jobs > 1:
        return render_parallel(pages, parts, request.progress, min(jobs, parts))
    return _render_parts(pages, parts, request.progress)
