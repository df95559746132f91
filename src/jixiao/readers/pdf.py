"""PDF reader (pdfplumber) for PDFs with a text layer: ruled tables and the text around them.

A table continued on the next page (nothing but a page number between the two parts, same number
of columns) is joined into one Table, dropping the header rows the new page repeats; a row cut by the
page break is glued back (see :mod:`jixiao.readers.pdf_pages`). A PDF with no text at all (a scan)
or one that needs a password raises :class:`UnreadableInput`: jixiao does no OCR.
"""

from __future__ import annotations

import contextlib
import io
import logging
from typing import Any

from jixiao.model.location import Location
from jixiao.readers.base import Cell, Paragraph, Source, UnreadableInput
from jixiao.readers.limits import MAX_PAGES, check_size, why
from jixiao.readers.pdf_pages import PageTable, join_pages
from jixiao.readers.pdf_text import CharIndex, group_lines, line_text, outside, row_texts
from jixiao.readers.registry import reader
from jixiao.readers.sniff import describe, is_pdf

# pdfminer logs every font quirk (missing FontBBox …) as a warning; they are not the user's business.
logging.getLogger("pdfminer").setLevel(logging.ERROR)


def _spans(bbox: tuple[float, float, float, float], xs: list[float], tops: list[float]) -> tuple[int, int]:
    colspan = sum(1 for x in xs if bbox[0] - 0.5 <= x < bbox[2] - 0.5)
    rowspan = sum(1 for t in tops if bbox[1] - 0.5 <= t < bbox[3] - 0.5)
    return max(rowspan, 1), max(colspan, 1)


def _table(found: Any, index: CharIndex, name: str, page_no: int) -> list[list[Cell]]:
    rows = found.rows
    xs = sorted({c[0] for row in rows for c in row.cells if c is not None})
    tops = sorted({c[1] for row in rows for c in row.cells if c is not None})
    out: list[list[Cell]] = []
    for r, row in enumerate(rows):
        texts = row_texts(index, row.cells)
        cells: list[Cell] = []
        for c, (bbox, text) in enumerate(zip(row.cells, texts, strict=True)):
            loc = Location(source=name, page=page_no, row=r + 1, column=c + 1)
            if bbox is None or text is None:
                cells.append(Cell("", loc, 0, 0))
            else:
                rowspan, colspan = _spans(bbox, xs, tops)
                cells.append(Cell(text, loc, rowspan, colspan))
        out.append(cells)
    return out


def _find_tables(page: Any) -> list[Any]:
    """pdfplumber's tables. When a row is cut by the page break its closing border is missing and the
    table's vertical rules run past the last complete row, so a horizontal line is added where the
    vertical rules end (and where they start); it coincides with the border when there is one."""
    verticals = [e for e in page.edges if e["orientation"] == "v" and e["bottom"] - e["top"] > 2]
    if not verticals:
        return list(page.find_tables())
    lowest = max(e["bottom"] for e in verticals)
    highest = min(e["top"] for e in verticals)
    return list(page.find_tables({"explicit_horizontal_lines": [highest, lowest]}))


def _page(page: Any, name: str, page_no: int) -> tuple[list[Paragraph | PageTable], int]:
    found = _find_tables(page)
    chars = page.chars
    index = CharIndex(chars)
    items: list[tuple[float, Paragraph | PageTable]] = []
    for t in found:
        items.append((t.bbox[1], PageTable(_table(t, index, name, page_no), page_no, t.bbox, page.height)))
    for line in group_lines(outside(chars, [t.bbox for t in found])):
        text = line_text(line)
        if text:
            loc = Location(source=name, page=page_no, row=round(line[0]["top"]))
            items.append((line[0]["top"], Paragraph(Cell(text, loc))))
    items.sort(key=lambda item: item[0])
    return [item for _, item in items], len(chars)


def _open(data: bytes, name: str) -> Any:
    # Imported on use: ~100 ms that reading other formats need not pay.
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    try:
        return pdfplumber.open(io.BytesIO(data))
    except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
        raise UnreadableInput(f"{name}: password-protected PDF; jixiao cannot open it") from exc
    except Exception as exc:  # pdfminer raises PDFSyntaxError, PSEOF, PdfminerException, …
        cause = exc.__cause__ or exc.__context__ or exc
        if isinstance(cause, PDFPasswordIncorrect | PDFEncryptionError) or "password" in str(exc).lower():
            raise UnreadableInput(f"{name}: password-protected PDF; jixiao cannot open it") from exc
        raise UnreadableInput(f"{name}: damaged PDF ({why(exc)})") from exc


@reader("pdf", ("pdf",), is_pdf, priority=10)
def read_pdf(data: bytes, name: str) -> Source:
    check_size(data, name)
    if not is_pdf(data[:1024]):
        what = describe(data[:64]) or "not a PDF"
        raise UnreadableInput(f"{name}: named .pdf but is {what}; jixiao reads PDFs with a text layer")
    source = Source(name=name, format="pdf")
    items: list[Paragraph | PageTable] = []
    total_chars = 0
    pdf = _open(data, name)
    try:
        pages = pdf.pages
        if len(pages) > MAX_PAGES:
            source.losses.append(f"stopped after {MAX_PAGES} of {len(pages)} pages")
        for page_no, page in enumerate(pages[:MAX_PAGES], start=1):
            page_items, n_chars = _page(page, name, page_no)
            if n_chars == 0:
                source.losses.append(f"page {page_no}: no text layer (a scanned image?)")
            total_chars += n_chars
            items.extend(page_items)
            page.close()
    except UnreadableInput:
        raise
    except Exception as exc:
        raise UnreadableInput(f"{name}: damaged PDF ({why(exc)})") from exc
    finally:
        with contextlib.suppress(Exception):  # closing a damaged document may raise again
            pdf.close()
    if total_chars == 0:
        raise UnreadableInput(f"{name}: PDF has no text layer (a scanned image?); OCR is not supported")
    source.blocks = join_pages(items)
    return source
