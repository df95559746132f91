"""Content sniffing: what a file is from its first bytes, whatever its name says.

Each ``is_*`` function takes the head of a file (the registry passes the first 64 KiB) and answers
for one format. :func:`describe` names formats jixiao does not read (images, archives, …) so that an
error can say "this is a PNG image", not "unrecognised".
"""

from __future__ import annotations

import io
import zipfile

_PDF = b"%PDF-"
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP = b"PK\x03\x04"

#: Magic numbers of formats we recognise but cannot read, for clear error messages.
_FOREIGN: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"BM", "a BMP image"),
    (b"Rar!", "a RAR archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7z archive"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"{\\rtf", "an RTF document"),
)


def _zip_names(head: bytes) -> list[str]:
    """Member names readable from the local file headers in ``head`` (no central directory needed)."""
    names: list[str] = []
    pos = 0
    while len(names) < 64:
        pos = head.find(_ZIP, pos)
        if pos < 0 or pos + 30 > len(head):
            break
        name_len = int.from_bytes(head[pos + 26 : pos + 28], "little")
        names.append(head[pos + 30 : pos + 30 + name_len].decode("utf-8", "replace"))
        pos += 30 + name_len
    if not names:
        try:
            with zipfile.ZipFile(io.BytesIO(head)) as zf:
                names = zf.namelist()
        except Exception:  # sniffing never raises, whatever the bytes (BadZipFile, NotImplementedError, …)
            pass
    return names


def is_pdf(head: bytes) -> bool:
    # The spec allows junk before the header within the first 1024 bytes.
    return _PDF in head[:1024]


def is_ole2(head: bytes) -> bool:
    """A Compound File (legacy .xls/.doc); the xls reader checks for a Workbook stream."""
    return head.startswith(_OLE2)


def is_zip(head: bytes) -> bool:
    return head.startswith(_ZIP)


def is_xlsx(head: bytes) -> bool:
    return is_zip(head) and any(n.startswith("xl/") for n in _zip_names(head))


def is_docx(head: bytes) -> bool:
    return is_zip(head) and any(n.startswith("word/") for n in _zip_names(head))


def is_spreadsheetml(head: bytes) -> bool:
    """Excel 2003 XML ("XML Spreadsheet"): a ``<Workbook>`` in the office spreadsheet namespace."""
    return b"urn:schemas-microsoft-com:office:spreadsheet" in head[:8192] and b"<Workbook" in head[:8192]


def is_html(head: bytes) -> bool:
    if is_spreadsheetml(head):
        return False
    sample = head[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if sample.startswith((b"<!doctype html", b"<html")):
        return True
    return b"<table" in head[:65536].lower() and b"</t" in head.lower()


def describe(head: bytes) -> str | None:
    """A short name for a format jixiao cannot read ("a PNG image"), or None when unknown."""
    for magic, name in _FOREIGN:
        if head.startswith(magic):
            return name
    if is_spreadsheetml(head):
        return "an Excel 2003 XML workbook: save it as .xlsx"
    if is_zip(head):
        return "a zip archive that is neither .xlsx nor .docx"
    if is_ole2(head) and "WordDocument".encode("utf-16-le") in head:
        return "a legacy Word .doc file: save it as .docx"
    if is_ole2(head):
        return "an Office compound file that is not a workbook"
    return None
