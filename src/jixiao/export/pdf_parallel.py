"""Lay a large PDF's parts out in worker processes, then number the pages in one pass.

A part's page numbers depend on how many pages the parts before it filled, which is only known once
they are laid out; so the parts are laid out in parallel *without* the 第 N 页 footer, joined in
order, and the footers are laid out afterwards by WeasyPrint as a document of empty pages with the
same ``@page`` rule (so the same font, size and position) and laid over the joined pages with pdfium.
Empty pages with only the ``@page`` rule cost WeasyPrint little (~10-20 ms each) against the
~0.05-0.1 s of a filled page. Each overlay brings its own copy of the footer font's subset, so the
joined file is passed through pypdf's identical-object compression (which also drops the copies of
the body fonts that every part embeds: the file is smaller than the one-process export).

Workers are forked (the parent has imported WeasyPrint, so they start warm) and receive a part's
HTML, returning its PDF bytes; parts come back in order, so memory holds at most a few parts.
"""

from __future__ import annotations

import io
import multiprocessing
import os
import sys
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from typing import Any

from tqdm import tqdm

from jixiao.export.html_export import Page, render_page, stylesheet

#: Hides the page-number footer of a part (it is laid over later).
NO_FOOTER = "@page { @bottom-center { content: none !important } }"
#: Pages without content that keep only the ``@page`` rule of style.css (its footer included).
_BLANK = ('<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><style>{css}</style></head>'
          "<body>{pages}</body></html>")
_BREAK = '<div style="break-after: page">&nbsp;</div>'


def workers() -> int:
    """Worker processes: the cores this process may use (``JIXIAO_PDF_JOBS`` overrides), at least 1."""
    wanted = os.environ.get("JIXIAO_PDF_JOBS", "").strip()
    if wanted.isdigit() and int(wanted) > 0:
        return int(wanted)
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)


def _weasyprint() -> Any:
    from jixiao.export.pdf_export import _weasyprint as load

    return load()


def _part_without_footer(html: str) -> bytes:
    wp = _weasyprint()
    data: bytes = wp.HTML(string=html, base_url=".").write_pdf(stylesheets=[wp.CSS(string=NO_FOOTER)])
    return data


def page_rule() -> str:
    """The ``@page`` rule of style.css alone (the footer's only style: the page context inherits from
    the root element, which style.css leaves alone); the rest would only slow the empty pages."""
    css = stylesheet()
    start = css.index("@page {")
    depth, i = 0, css.index("{", start)
    while True:
        depth += {"{": 1, "}": -1}.get(css[i], 0)
        if depth == 0:
            return css[start:i + 1]
        i += 1


def footers(count: int) -> bytes:
    """``count`` empty pages numbered 第 1 页 … 第 count 页 exactly as style.css numbers pages."""
    wp = _weasyprint()
    html = _BLANK.format(css=page_rule(), pages=_BREAK * (count - 1) + "&nbsp;")
    data: bytes = wp.HTML(string=html, base_url=".").write_pdf()
    return data


def render_parallel(pages: Iterable[Page], total: int, progress: bool, jobs: int) -> bytes:
    """The parts laid out by ``jobs`` processes, joined, numbered (see module doc)."""
    import pypdfium2  # type: ignore[import-untyped]

    _weasyprint()  # imported before the fork: the workers start with it
    sys.stdout.flush()
    sys.stderr.flush()
    merged = pypdfium2.PdfDocument.new()
    try:
        with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork")) as pool:
            parts = pool.map(_part_without_footer, (render_page(page) for page in pages))
            bar = tqdm(parts, total=total, desc="pdf", unit="part", file=sys.stderr,
                       disable=not progress, leave=True)
            for data in bar:
                source = pypdfium2.PdfDocument(data)
                try:
                    merged.import_pages(source)
                finally:
                    source.close()
        _number(merged)
        out = io.BytesIO()
        merged.save(out)
    finally:
        merged.close()
    return _deduplicated(out.getvalue())


def _deduplicated(data: bytes) -> bytes:
    """``data`` with identical objects stored once: each laid-over footer brought its own copy of the
    footer's font subset (and each part its own body fonts); pypdf keeps one of each."""
    import pypdf

    writer = pypdf.PdfWriter(clone_from=io.BytesIO(data))
    writer.compress_identical_objects(remove_duplicates=True, remove_unreferenced=True)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _number(merged: Any) -> None:
    """Lay page ``i`` of a footer-only document over page ``i`` of ``merged``."""
    import pypdfium2

    numbers = pypdfium2.PdfDocument(footers(len(merged)))
    try:
        for i in range(len(merged)):
            overlay = numbers.page_as_xobject(i, merged).as_pageobject()
            page = merged[i]
            page.insert_obj(overlay)
            page.gen_content()
            page.close()
    finally:
        numbers.close()
