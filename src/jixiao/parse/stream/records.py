"""The cells gathered since the last category, aligned to the template, become indicators; what
fits no column stays verbatim in ``unparsed`` with the reason."""

from __future__ import annotations

import re
from decimal import Decimal

from jixiao.model.document import Project, Unparsed
from jixiao.model.location import Location
from jixiao.model.taxonomy import canonical_level2, default_level1_for
from jixiao.parse.stream.align import Cell, Record, align
from jixiao.parse.stream.build import build_indicator
from jixiao.parse.stream.celltypes import name_plausibility, shape
from jixiao.parse.stream.segment import prepare_cells
from jixiao.parse.stream.state import Walk
from jixiao.parse.stream.template import default_template
from jixiao.parse.stream.tokens import Tok


def flush(w: Walk) -> None:
    """Align the cells gathered since the last category to the template; add the indicators."""
    seg = w.segment
    w.segment = []
    if not any(not t.empty for t in seg):
        return
    template = w.template or default_template(w.kind)
    cells = prepare_cells(seg, template)
    rows = _rows_reliable(cells)
    records, leftover = align(
        [Cell(t.text, t.empty, rows and _row_start(cells, k)) for k, t in enumerate(cells)],
        template,
    )
    project = w.project(cells[0])
    records = _numbered_headings(w, records, cells, template)
    for rec in records:
        for c, ks in rec.cells.items():  # a rubric's category cells: carried forward
            text = " ".join(cells[k].text for k in ks if not cells[k].empty)
            kind = "level1" if c == -1 else "level2" if c == -2 else template[c]
            if kind == "level1" and text:
                w.levels = (text, None)
            elif kind == "level2" and text:
                w.levels = (w.levels[0], text)
        rec.cells = {
            c: ks
            for c, ks in rec.cells.items()
            if c >= 0 and template[c] not in ("level1", "level2")
        }
        if 0 not in rec.cells and "name" not in {template[c] for c in rec.cells}:
            continue
        fields = {
            template[c]: " ".join(cells[k].text for k in ks if not cells[k].empty)
            for c, ks in rec.cells.items()
        }
        first = (
            cells[rec.cells[0][0]]
            if 0 in rec.cells
            else cells[min(k for ks in rec.cells.values() for k in ks)]
        )
        if fields.get("name") and name_plausibility(fields["name"]) < 0:
            text = raw_of(w, [cells[k] for ks in rec.cells.values() for k in ks])
            project.unparsed.append(
                Unparsed(text or fields["name"], w.loc(first), "不像指标名称的文字")
            )
            continue
        if not fields.get("name"):
            project.unparsed.append(
                Unparsed(" ".join(fields.values()), w.loc(first), "指标值没有对应的指标名称")
            )
            continue
        levels = fill_levels(w.levels)
        notes = {template[c]: cells[ks[0]].note for c, ks in rec.cells.items() if cells[ks[0]].note}
        if any(k.startswith("region:") for k in template):
            _regional(w, project, fields, levels, w.loc(first), notes)
            w.records += 1
            w.good += 1
            continue
        ind = build_indicator(
            fields, levels, w.year, w.loc(first), has_weight="weight" in template, template=template
        )
        ind.repairs = (*ind.repairs, *dict.fromkeys(notes.values()))
        ind.raw = raw_of(w, [cells[k] for ks in rec.cells.values() for k in ks]) or ind.raw
        w.records += 1
        if shape(fields.get("value") or fields.get("grade_you") or "") in (
            "value",
            "number",
            "word",
        ):
            w.good += 1
        project.indicators.append(ind)
    for k in leftover:
        project.unparsed.append(Unparsed(cells[k].text, w.loc(cells[k]), "未能归入任何指标列"))

def _regional(
    w: Walk,
    base: Project,
    fields: dict[str, str],
    levels: tuple[str | None, str | None],
    loc: Location,
    notes: dict[str, str],
) -> None:
    """One indicator per region column, each in the region's own project (项目名称(地区))."""
    for key, value in fields.items():
        if not key.startswith("region:"):
            continue
        region = key.split(":", 1)[1]
        name = f"{base.name}({region})"
        project = next((p for p in w.projects if p.name == name), None)
        if project is None:
            project = Project(
                seq=str(len(w.projects) + 1),
                name=name,
                amount=None,
                department=base.department,
                implementer=base.implementer,
                location=loc,
            )
            project.extra["地区"] = region
            w.projects.append(project)
        one = {k: v for k, v in fields.items() if not k.startswith("region:")}
        one["value"] = value
        ind = build_indicator(one, levels, w.year, loc)
        if notes.get(key):
            ind.repairs = (*ind.repairs, notes[key])
        project.indicators.append(ind)

def raw_of(w: Walk, toks: list[Tok]) -> str:
    """The record as the document wrote it: the raw text from its first cell to its last."""
    spans = [(t.start, t.end) for t in toks if not t.empty]
    if not spans or not w.raw_text:
        return ""
    a, b = w.raw_span(min(s for s, _ in spans), max(e for _, e in spans))
    return w.raw_text[a:b]

def _rows_reliable(cells: list[Tok]) -> bool:
    """Rows are a hint only where most rows hold several cells (not one cell per line)."""
    per_row: dict[int, int] = {}
    for t in cells:
        if not t.empty:
            per_row[t.row] = per_row.get(t.row, 0) + 1
    return bool(per_row) and sum(1 for n in per_row.values() if n >= 2) >= len(per_row) / 2

def _row_start(cells: list[Tok], k: int) -> bool:
    return k == 0 or cells[k - 1].row != cells[k].row

def fill_levels(levels: tuple[str | None, str | None]) -> tuple[str | None, str | None]:
    l1, l2 = levels
    if l1 is None and l2 is not None:
        canon = canonical_level2(l2)
        parent = default_level1_for(canon) if canon else None
        if parent is not None:
            l1 = f"{parent}指标"
    return l1, l2

_NUMBERED = re.compile(r"^(\d+(?:\.\d+)*)[.、\s]?(?=\D)")

def _numbered_headings(
    w: Walk, records: list[Record], cells: list[Tok], template: list[str]
) -> list[Record]:
    """Rubric items numbered 1 / 1.1 / 1.1.1: an item with deeper items under it is a heading (level 1
    or 2), not an indicator; the numbering is dropped from the names."""
    name_col = template.index("name")
    numbers: list[str | None] = []
    for rec in records:
        ks = rec.cells.get(name_col, [])
        m = _NUMBERED.match(cells[ks[0]].text) if ks else None
        numbers.append(m.group(1) if m else None)
    if sum(1 for n in numbers if n and "." in n) < 2:
        return records
    out: list[Record] = []
    for i, rec in enumerate(records):
        number = numbers[i]
        ks = rec.cells.get(name_col, [])
        if number is None or not ks:
            out.append(rec)
            continue
        tok = cells[ks[0]]
        m = _NUMBERED.match(tok.text)
        assert m is not None
        cut = m.end()
        cells[ks[0]] = Tok(
            tok.text[cut:].strip(), tok.start + cut, tok.end, tok.line, tok.row, note=tok.note
        )
        deeper = any(n is not None and n.startswith(number + ".") for n in numbers[i + 1 :])
        if deeper:  # a heading: kept as a level cell, in order
            level = "level1" if number.count(".") == 0 else "level2"
            rec.cells = {-1 if level == "level1" else -2: ks}
        out.append(rec)
    return out

def confidence(w: Walk) -> Decimal:
    if not w.records:
        return Decimal(0)
    share = Decimal(w.good) / Decimal(w.records)
    if w.template is None:
        share *= Decimal("0.8")
    return share.quantize(Decimal("0.01"))
