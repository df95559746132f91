"""Text -> Document through the stream recogniser; the form kind, title, year and partial mark."""

from __future__ import annotations

import re
from dataclasses import replace

from jixiao.model.document import Document, Indicator, Project, Unparsed, ValueKind
from jixiao.model.location import Location
from jixiao.parse.normalise import normalise_text
from jixiao.parse.stream.assemble import walk
from jixiao.parse.stream.prose import prose_indicators
from jixiao.parse.stream.records import confidence
from jixiao.parse.stream.state import Walk
from jixiao.parse.stream.tokens import tokenise
from jixiao.parse.stream.transposed import transposed_project
from jixiao.parse.stream.vocab import KIND_CUES, TARGET_TITLE_CUES, column_kind
from jixiao.parse.stream.wrapped import join_wrapped_cells
from jixiao.parse.title import parse_title
from jixiao.readers.base import Source

_META = re.compile(r"^# [a-z]+: .*$")
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
_YEAR_BRACKET = re.compile(r"[(（]\s*((?:19|20)\d{2})\s*年?度?\s*[)）]")
_SPACES = re.compile(r"\s+")


_FLAT_TITLE = re.compile(r"^.{0,30}?(?:绩效.{0,12}?表|自评表|评价指标)")
_TITLE_LINE = re.compile(r"(?:绩效|自评|评价|监控|目标).{0,20}(?:表|报告|指标)|(?:表|报告).{0,6}$")


def detect_kind(text: str) -> tuple[str, bool]:
    """The form kind from its vocabulary, and whether the table's own title said it (title lines
    first, then the cells: column labels such as 实际完成值 or 完成可能性)."""
    for line in text.split("\n")[:120]:
        t = _SPACES.sub("", line.strip().strip("|"))
        if len(t) > 60:  # a flattened preview: its title opens the line
            head = _FLAT_TITLE.match(t)
            t = head.group() if head else ""
        if not t or not _TITLE_LINE.search(t):
            continue
        for kind, cues in KIND_CUES:
            if any(cue in t for cue in cues):
                return kind, True
        if any(cue in t for cue in TARGET_TITLE_CUES):
            return "target", True
    cells = {c for c in re.split(r"[|\s,，。;；:：]+", text) if 2 <= len(c) <= 14}
    for kind, cues in KIND_CUES:
        if any(cue in cell for cue in cues for cell in cells):
            return kind, False
    return "target", False


def _title_and_year(lines: list[str]) -> tuple[str | None, int | None, str | None, str | None]:
    title = region = org = None
    year = None
    for line in lines[:80]:
        t = line.strip().strip("|").strip()
        if not t:
            continue
        if title is None and "绩效" in t and re.search(r"表|报告|目标", t) and len(t) <= 80:
            parsed = parse_title(t.split("|")[0].strip())
            if parsed is not None:
                title, region, year_found, org = parsed
                year = year or year_found
        if year is None:
            m = _YEAR_BRACKET.search(t)
            if m:
                year = int(m.group(1))
    if year is None:
        for line in lines[:40]:
            m = _YEAR.search(line)
            if m and not line.startswith("# "):
                year = int(m.group(1))
                break
    return title, year, region, org


def recognise_text(raw: str, source: str) -> Document:
    """Recognise every project, goal and indicator in ``raw``; never raises."""
    lines = raw.split("\n")
    meta = [i for i, ln in enumerate(lines[:12]) if _META.match(ln)]
    # metadata lines (a fixture's "# source:" header) are blanked, not removed: spans stay true
    body = "\n".join(" " * len(ln) if i in meta else ln for i, ln in enumerate(lines))
    norm = normalise_text(body)
    text = norm.text
    kind, by_title = detect_kind(text)
    title, year, region, org = _title_and_year(text.split("\n"))
    doc = Document(
        title=title,
        region=region,
        year=year,
        kind=kind,
        source=source,
        layout="stream",
        organisation=org,
    )
    doc.repairs.extend(norm.summary())
    toks = join_wrapped_cells(tokenise(text), text)
    w = walk(toks, source, year, kind, norm.raw_span, raw)
    rubric = (
        w.template is not None
        and "weight" in w.template
        and not {"value", "actual"} & set(w.template)
    )
    if rubric and not by_title and kind == "target":
        doc.kind = "other"  # a scoring rubric: items and their points, no target values
    if w.good == 0:
        columns = transposed_project(toks, source, year, norm.raw_span)
        if columns is not None:
            w.projects = [columns]
            w.records = w.good = len(columns.indicators)
    prose = prose_indicators(text, source, year, norm.raw_span)
    if prose is not None and (
        len(prose.indicators) > w.good
        or (w.template is None and len(prose.indicators) >= 0.7 * w.good)
    ):
        w.projects = [prose]
        w.records = w.good = len(prose.indicators)
    elif prose is not None:
        mend_from_prose(w.projects, prose.indicators)
    _finish(doc, w, raw)
    for i in meta:
        doc.unparsed.insert(
            0, Unparsed(lines[i], Location(source, line=i + 1), "页面元数据（文件头注释）")
        )
    return doc


#: the reason kept on a report sentence that repeats a row the table already gave
REPEATED = "正文句子重复表中已读出的指标"


def mend_from_prose(projects: list[Project], prose: list[Indicator]) -> None:
    """A row the table walk read without a value, or with a header word for one ("…到位时间 |
    绩效目标值", 011: the report's prose "…到位时间绩效目标值是2023年12月前,实际完成值为…" cut at the
    label), takes the value the sentence reader found for the same name; its levels stay. When the
    table itself gave that name a value, the row is the sentence repeating it: it is kept in
    ``unparsed`` (so the indicator is not counted twice)."""
    by_name: dict[str, Indicator] = {}
    for ind in prose:
        by_name.setdefault(ind.name.strip(), ind)
    for project in projects:
        read = {i.name.strip() for i in project.indicators if i.value_kind is not ValueKind.TEXT}
        for n, ind in reversed(list(enumerate(project.indicators))):
            text = str(ind.value or "").strip()
            if ind.value_kind is not ValueKind.TEXT or (text and column_kind(text) is None):
                continue
            found = by_name.get(ind.name.strip())
            if found is None or found.value_kind is ValueKind.TEXT:
                continue
            if ind.name.strip() in read:  # the sentence repeats a row the table gave: one indicator
                del project.indicators[n]
                project.unparsed.append(Unparsed(ind.raw, ind.location, REPEATED))
                continue
            project.indicators[n] = replace(
                found,
                level1=ind.level1,
                level2=ind.level2,
                repairs=(*found.repairs, "目标值取自报告正文中同名指标的句子(表中此行未读出指标值)"),
            )


def _finish(doc: Document, w: Walk, raw: str) -> None:
    with_rows = [p for p in w.projects if p.indicators]
    doc.projects = with_rows or [p for p in w.projects if p.name]
    score = confidence(w)
    for n, project in enumerate(doc.projects, 1):
        project.seq = str(n)
        project.confidence = score
        if not project.name and doc.title:
            project.name = doc.title
    kept = [u for u in w.unparsed if not (doc.title and u.text.strip() == doc.title)]
    doc.unparsed.extend(merge_runs(kept, raw))
    for project in doc.projects:
        project.unparsed = merge_runs(project.unparsed, raw)
    if w.in_body or (doc.projects and not w.ended_cleanly and w.last_body_tok is not None):
        last = w.last_body_tok
        if last is not None and not _looks_complete(doc):
            doc.partial = f"第 {last.line} 行「{last.text[:20]}」之后中断"
    if doc.projects and doc.organisation is None:
        doc.organisation = doc.projects[0].implementer or doc.projects[0].department
    amounts = [p.amount for p in doc.projects if p.amount is not None]
    if amounts and len(amounts) == len(doc.projects):
        doc.total = sum(amounts, start=amounts[0] * 0)


def merge_runs(items: list[Unparsed], raw: str) -> list[Unparsed]:
    """Leftovers next to each other (only separators between them) with the same reason become one
    item, its text the raw source from the first to the last (page furniture reads as written)."""
    out: list[Unparsed] = []
    for item in items:
        prev = out[-1] if out else None
        loc, ploc = item.location, prev.location if prev else None
        if (
            prev is not None
            and ploc is not None
            and loc is not None
            and prev.reason == item.reason
            and ploc.span is not None
            and loc.span is not None
            and ploc.line is not None
            and loc.line is not None
            and 0 <= loc.line - ploc.line <= 1
            and loc.span[0] >= ploc.span[1]
            and not raw[ploc.span[1] : loc.span[0]].strip(" \t\r\n|")
        ):
            start, end = ploc.span[0], loc.span[1]
            out[-1] = Unparsed(
                raw[start:end], Location(loc.source, line=ploc.line, span=(start, end)), item.reason
            )
            continue
        out.append(item)
    return out


def _looks_complete(doc: Document) -> bool:
    """The last project reaches its 满意度 indicators with a value."""
    if not doc.projects or not doc.projects[-1].indicators:
        return False
    last = doc.projects[-1].indicators[-1]
    return "满意" in (last.level1 or "") + (last.level2 or "") and last.value not in (None, "")


def recognise_source(source: Source) -> Document:
    """A read Source through the stream recogniser: its decoded text, or, for tables read from
    spreadsheets, Word and PDF, the rows written out as pipe rows."""
    if source.text is not None:
        return recognise_text(source.text, source.name)
    lines = [" | ".join(c.text.replace("\n", " ") for c in row) for row in source.rows()]
    return recognise_text("\n".join(lines), source.name)
