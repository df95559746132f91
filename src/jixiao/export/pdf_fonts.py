"""The Noto CJK faces the WeasyPrint PDF uses, made embeddable by reportlab for one document.

style.css sets the body in Noto Serif CJK SC and the headings and header cells in Noto Sans CJK SC;
fontconfig finds them as faces of OpenType collections (``NotoSerifCJK-Regular.ttc`` …) with CFF
(PostScript) outlines, which reportlab cannot embed. So, per document, each face is subset with
fontTools to the characters the document uses (a few hundred glyphs instead of 65,535) and its cubic
outlines are converted to TrueType quadratics (``cu2qu``, within 1 font unit of 1,000 per em: the
same shapes at print resolution); the widths, vertical metrics and glyphs are the face's own.
reportlab then embeds (and subsets again) the TrueType font. When a character of a document is not
in the faces :func:`register` answers None and the caller keeps WeasyPrint, whose fontconfig
fallback finds another font for it.
"""

from __future__ import annotations

import io
import itertools
import subprocess
from dataclasses import dataclass
from functools import cache
from typing import Any

#: fontconfig patterns of the faces style.css names (h1 and th are bold: font-weight bold on th).
FACES = {
    "serif": "Noto Serif CJK SC",
    "serif-bold": "Noto Serif CJK SC:bold",
    "sans-bold": "Noto Sans CJK SC:bold",
}


_REGISTERED = itertools.count(1)  # numbers the documents' faces (names unique in the process)


class FontMissing(RuntimeError):
    """A face of style.css is not installed (``scripts/setup-system`` installs fonts-noto-cjk)."""


@dataclass(frozen=True, slots=True)
class Face:
    """A face registered with reportlab for one document: ``name`` for ``setFont``; ``ascent`` and
    ``descent`` (per em, both positive) place the baseline in a line box as pango does."""

    name: str
    ascent: float
    descent: float

    def baseline(self, size: float, line_height: float) -> float:
        """Distance from the top of a line box of ``line_height`` to the baseline (CSS half-leading)."""
        return (line_height - (self.ascent + self.descent) * size) / 2 + self.ascent * size


@cache
def face_file(face: str) -> tuple[str, int]:
    """The collection file and face index fontconfig matches for ``face`` (one of :data:`FACES`)."""
    try:
        found = subprocess.run(["fc-match", "-f", "%{file}|%{index}|%{family}", FACES[face]],
                               capture_output=True, text=True, timeout=30, check=True).stdout
    except (OSError, subprocess.SubprocessError) as error:
        raise FontMissing(f"fc-match failed: {error}") from error
    path, index, family = found.split("|", 2)
    if "CJK" not in family:
        raise FontMissing(f"font {FACES[face]!r} is not installed (fontconfig offers {family!r})")
    return path, int(index or 0)


def _truetype(font: Any) -> None:
    """Replace the CFF outlines of ``font`` by TrueType ones (the fontTools otf2ttf recipe)."""
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import newTable

    order = font.getGlyphOrder()
    glyphs = font.getGlyphSet()
    glyf = newTable("glyf")
    glyf.glyphOrder, glyf.glyphs = order, {}
    for name in order:
        pen = TTGlyphPen(glyphs)
        glyphs[name].draw(Cu2QuPen(pen, 1.0, reverse_direction=True))
        glyf[name] = pen.glyph()
    font["glyf"], font["loca"] = glyf, newTable("loca")
    maxp = font["maxp"]
    maxp.tableVersion = 0x00010000
    for field in ("maxZones", "maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs",
                  "maxStackElements", "maxSizeOfInstructions", "maxComponentElements"):
        setattr(maxp, field, 1 if field == "maxZones" else 0)
    post = font["post"]
    post.formatType, post.extraNames, post.mapping = 2.0, [], {}
    for table in ("CFF ", "VORG"):
        if table in font:
            del font[table]
    font["head"].glyphDataFormat = 0
    font.sfntVersion = "\0\1\0\0"


def _subset_truetype(face: str, text: str, tag: str = "") -> tuple[bytes, float, float] | None:
    """``face`` subset to ``text`` with TrueType outlines, or None when a character of ``text`` is
    not in it; its PostScript name gets ``tag`` appended (reportlab shares one font object among
    all fonts of the same PostScript name)."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    path, index = face_file(face)
    options = subset.Options()
    options.layout_features, options.hinting, options.desubroutinize = [], False, True
    options.name_IDs, options.notdef_outline = ["*"], True
    out = io.BytesIO()
    with TTFont(path, fontNumber=index, lazy=True) as font:
        subsetter = subset.Subsetter(options)
        subsetter.populate(text=text + " ")
        subsetter.subset(font)
        if {u for u in subsetter.unicodes_missing if not chr(u).isspace()}:
            return None
        _truetype(font)
        for record in font["name"].names:
            if record.nameID == 6:
                record.string = f"{record.toUnicode()}{tag}"
        hhea, upm = font["hhea"], font["head"].unitsPerEm
        font.save(out)
    return out.getvalue(), hhea.ascent / upm, -hhea.descent / upm


def register(text: str) -> dict[str, Face] | None:
    """The three faces subset to ``text``, registered with reportlab under names of their own (so
    documents exported at once in threads never share one); :func:`unregister` drops them. None when
    a character of ``text`` has no glyph in a face."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    number = next(_REGISTERED)
    faces: dict[str, Face] = {}
    for face in FACES:
        made = _subset_truetype(face, text, f"-jx{number}")
        if made is None:
            unregister(faces)
            return None
        data, ascent, descent = made
        name = f"jx-{face}-{number}"
        pdfmetrics.registerFont(TTFont(name, io.BytesIO(data)))
        faces[face] = Face(name, ascent, descent)
    return faces


def unregister(faces: dict[str, Face]) -> None:
    """Forget a document's faces once its PDF is written (reportlab keeps a process-wide registry)."""
    from reportlab.pdfbase import pdfmetrics

    for face in faces.values():
        pdfmetrics.getFont(face.name).unregister()
