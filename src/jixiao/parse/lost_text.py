"""A safety net under the layouts: source text that no part of the parsed document holds is kept
in ``unparsed``, so nothing read from a file silently disappears.

The recognisers place text in fields, headings, raws and ``unparsed``; on adversarial input (a
cell like ``'; DROP TABLE projects; --`` read as a cut-off row) the stream recogniser dropped the
middle of a cell. After parsing, every cell is checked character by character against the
characters the document holds (compared as written and NFKC-folded, so full-width digits and
compatibility forms count); a cell with a character found nowhere is appended to
``doc.unparsed`` whole, with its location and the reason "未能识别的文字（原样保留）".
Only stream-read documents are checked: table layouts consume header rows as structure.
Whitespace, controls, format characters (bidi, zero-width, BOM) and surrogates do not count:
readers drop or rewrite them on purpose.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Iterator

from jixiao.model.document import Document, Unparsed
from jixiao.readers.base import Source

REASON = "未能识别的文字（原样保留）"
_SKIPPED = frozenset(("Cc", "Cf", "Cs", "Zs", "Zl", "Zp"))


def _texts(doc: Document) -> Iterator[str]:
    yield from (doc.title or "", doc.organisation or "", doc.region or "", str(doc.total or ""),
                str(doc.year or ""), doc.partial or "")
    yield from doc.repairs
    yield from (u.text for u in doc.unparsed)
    for unit in doc.units:
        yield from (unit.code, unit.name, str(unit.amount or ""), unit.parent or "")
    for project in doc.projects:
        yield from (project.seq, project.name, str(project.amount or ""), project.unit_code or "",
                    project.department or "", project.implementer or "")
        yield from (f"{k}{v}" for k, v in project.funds.items())
        yield from (f"{k}{v}" for k, v in project.extra.items())
        yield from (u.text for u in project.unparsed)
        yield from (g.text for g in project.goals)
        for ind in project.indicators:
            yield from (ind.raw, ind.name, ind.level1 or "", ind.level2 or "", ind.unit or "",
                        str(ind.value if ind.value is not None else ""), ind.note or "", ind.actual or "",
                        ind.nature or "", ind.deviation or "", str(ind.weight or ""), str(ind.score or ""))
            yield from ind.repairs
            yield from (f"{k}{v}" for k, v in ind.extra.items())


def _chars(texts: Iterable[str]) -> set[str]:
    held: set[str] = set()
    for text in texts:
        held.update(text)
    held.update(unicodedata.normalize("NFKC", "".join(sorted(held))))
    return held


def _counts(char: str) -> bool:
    return not char.isspace() and unicodedata.category(char) not in _SKIPPED


def keep_lost_text(doc: Document, source: Source) -> Document:
    """Append to ``doc.unparsed`` every cell of ``source`` holding a character the document lacks.

    Only for documents read by the stream recogniser (or by none): the table layouts consume their
    header rows as structure, and their own property tests show they keep every other cell."""
    if doc.layout not in (None, "stream"):
        return doc
    held = _chars(_texts(doc))
    for row in source.rows():
        for cell in row:
            missing = [c for c in cell.text if c not in held and _counts(c)]
            if missing and any(unicodedata.normalize("NFKC", c) not in held for c in missing):
                doc.unparsed.append(Unparsed(cell.text, cell.location, REASON))
                held.update(cell.text)
    return doc
