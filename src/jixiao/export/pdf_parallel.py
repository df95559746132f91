"""Lay a large PDF's parts out in worker processes, then number the pages in one pass.

A part's page numbers depend on how many pages the parts before it filled, which is only known once
they are laid out; so the parts are laid out in parallel *without* the 第 N 页 footer, joined in
order, and the footers are laid out afterwards by WeasyPrint as a document of empty pages with the
same ``@page`` rule (so the same font, size and position) and laid over the joined pages with pypdf.
Empty pages with only the ``@page`` rule cost WeasyPrint little (~10-20 ms each) against the
~0.05-0.1 s of a filled page. Each footer page becomes a form XObject drawn by one extra content
stream of its page (the pages' own, large content streams are not touched); pypdf's identical-object
compression then also keeps one copy of the body fonts that every part embeds, so the file is
smaller than the one-process export.

Workers are forked (the parent has imported WeasyPrint, so they start warm) and receive a part's
HTML, returning its PDF bytes; parts come back in order. Only a single-threaded process forks
(:func:`workers` answers 1 otherwise): the web server exports from a thread pool, and a fork taken
while another thread holds a pango or logging lock could hang the worker. ("spawn" would avoid that
but re-imports the caller's main module, which breaks scripts without a ``__main__`` guard.)
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

from jixiao.cores import available_cores
from jixiao.export.html_export import Page, render_page, stylesheet
from jixiao.fork_safety import other_threads

#: Hides the page-number footer of a part (it is laid over later).
NO_FOOTER = "@page { @bottom-center { content: none !important } }"
#: Pages without content that keep only the ``@page`` rule of style.css (its footer included).
_BLANK = ('<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><style>{css}</style></head>'
          "<body>{pages}</body></html>")
_BREAK = '<div style="break-after: page">&nbsp;</div>'


def workers() -> int:
    """Worker processes: the cores this process may use (``JIXIAO_PDF_JOBS`` overrides), at least 1;
    always 1 when this process runs other threads (see the module doc)."""
    if other_threads():
        return 1
    wanted = os.environ.get("JIXIAO_PDF_JOBS", "").strip()
    if wanted.isdigit() and int(wanted) > 0:
        return int(wanted)
    return available_cores()


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
        count = len(merged)
        out = io.BytesIO()
        merged.save(out)
    finally:
        merged.close()
    return _numbered(out.getvalue(), footers(count))


def _form(writer: Any, footer: Any) -> Any:
    """A footer page as a form XObject in ``writer`` (its font and other resources shared)."""
    from pypdf.generic import DecodedStreamObject, NameObject

    form = DecodedStreamObject()
    form.set_data(footer.get_contents().get_data())
    form[NameObject("/Type")] = NameObject("/XObject")
    form[NameObject("/Subtype")] = NameObject("/Form")
    form[NameObject("/BBox")] = footer.mediabox.clone(writer)
    form[NameObject("/Resources")] = footer["/Resources"].clone(writer)
    return writer._add_object(form)


def _stream(writer: Any, data: bytes) -> Any:
    from pypdf.generic import DecodedStreamObject

    stream = DecodedStreamObject()
    stream.set_data(data)
    return writer._add_object(stream)


def _numbered(data: bytes, numbers: bytes) -> bytes:
    """Page ``i`` of ``numbers`` drawn over page ``i`` of ``data``: its content becomes a form XObject
    that one more content stream draws after the page's own (wrapped in ``q``/``Q``). The big content
    streams are never parsed or rewritten, and the footers' font is stored once."""
    import pypdf
    from pypdf.generic import ArrayObject, DictionaryObject, NameObject

    writer = pypdf.PdfWriter(clone_from=io.BytesIO(data))
    reader = pypdf.PdfReader(io.BytesIO(numbers))
    push, draw = _stream(writer, b"q\n"), _stream(writer, b"\nQ\nq /JxPageNumber Do Q\n")
    for page, footer in zip(writer.pages, reader.pages, strict=True):
        shared: Any = page["/Resources"].get_object()  # the pages of a part share one dictionary
        resources = DictionaryObject(shared)
        present: Any = resources.get("/XObject", DictionaryObject())
        xobjects = DictionaryObject(present.get_object())
        xobjects[NameObject("/JxPageNumber")] = _form(writer, footer)
        resources[NameObject("/XObject")] = xobjects
        page[NameObject("/Resources")] = resources
        contents: Any = page.raw_get("/Contents")  # the reference: a stream must stay indirect
        streams = [*contents.get_object()] if isinstance(contents.get_object(), ArrayObject) else [contents]
        page[NameObject("/Contents")] = ArrayObject([push, *streams, draw])
    writer.compress_identical_objects(remove_duplicates=True, remove_unreferenced=True)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
