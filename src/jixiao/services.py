"""The one API the shells (CLI, web) call. Each function is plain and returns model objects or
JSON-able dicts; CLI and API emit the same JSON because both go through here."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jixiao.model.document import Document
from jixiao.model.jsonify import document_to_dict
from jixiao.parse.registry import parse_source
from jixiao.readers.base import Source, UnreadableInput
from jixiao.readers.limits import max_input_bytes, too_large
from jixiao.readers.registry import read_bytes, read_path

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from jixiao.dataset.cluster import BatchSummary
    from jixiao.dataset.load import StoredFile
    from jixiao.dataset.report import Table as ReportTable
    from jixiao.review.config import ReviewConfig
    from jixiao.review.report import Report
    from jixiao.store.project_review import ProjectReview
    from jixiao.store.schema import ProjectRow


def parse_file(path: str | Path) -> Document:
    """Read and parse one file. Raises :class:`~jixiao.readers.UnreadableInput` when unreadable; a
    file with no recognisable table still gives a Document (its text in ``unparsed``). The shells
    call :func:`read_document`, which refuses that."""
    return parse_source(read_path(path))


def parse_bytes(data: bytes, filename: str = "") -> Document:
    """Read and parse ``data``; text no part of the document holds is kept in ``unparsed``
    (``parse.lost_text``)."""
    from jixiao.parse.lost_text import keep_lost_text

    source = read_bytes(data, filename)
    return keep_lost_text(parse_source(source), source)


def document_json(doc: Document) -> dict[str, Any]:
    return document_to_dict(doc)


# --- reading a file for the shells: jixiao's own exports as they are, anything else parsed ---------


class UnrecognisedDocument(UnreadableInput):
    """The file was read, but no performance-target table was recognised in it: not one project with
    at least one indicator. One line for the user, ``FILE: 未识别出绩效目标表（reason）`` (CLI exit 3);
    ``reason`` says what was found instead."""

    def __init__(self, path: str | Path, reason: str) -> None:
        super().__init__(f"{path}: 未识别出绩效目标表（{reason}）")
        self.path = str(path)
        self.reason = reason


def is_recognised(doc: Document) -> bool:
    """Whether ``doc`` holds at least one project with at least one indicator."""
    return any(p.indicators for p in doc.projects)


_LAYOUT_NAMES = {"list": "公开表", "grid": "项目绩效目标表", "selfeval": "绩效自评表"}
_MARKDOWN = re.compile(r"^\s{0,3}(?:#{1,6}\s|[-*+]\s|>\s|```|\|)", re.MULTILINE)
_DOMAIN_WORDS = ("绩效", "指标", "项目名称", "预算", "目标值", "自评")
_KIND_NAMES = {"target": "绩效目标表", "selfeval": "绩效自评表", "monitoring": "绩效监控表",
               "unit-overall": "整体支出绩效表", "other": "绩效评价材料"}
_PIPE_ROW = re.compile(r"^\s*\|.*\|\s*$", re.MULTILINE)


def unrecognised_reason(doc: Document, source: Source | None = None) -> str:
    """Why ``doc`` (parsed from ``source``, or loaded from jixiao JSON when None) holds no targets."""
    if doc.projects:
        return f"找到 {len(doc.projects)} 个项目，但没有一个项目有绩效指标"
    if source is None:
        return "jixiao 文档中没有含指标的项目"
    lost = f"；另有未能读取的内容：{source.losses[0]}" if source.losses else ""
    tables = list(source.tables())
    if any(cell.text.strip() for table in tables for row in table.rows for cell in row):
        if doc.layout in _LAYOUT_NAMES:
            return f"表格像{_LAYOUT_NAMES[doc.layout]}，但没有读出任何项目{lost}"
        return f"有表格，但没有找到指标表头或指标类别{lost}"
    text = "\n".join(cell.text for row in source.rows() for cell in row)
    if not text.strip():
        return ("表格是空的" if tables else "文件中没有文字") + lost
    if tables:
        return f"表格是空的，表外只有正文{lost}"
    if sum(word in text for word in _DOMAIN_WORDS) >= 2:
        found = _KIND_NAMES.get(doc.kind, "绩效")
        return f"有{found}的文字，但没有找到指标名称及其指标值{lost}"
    if _PIPE_ROW.search(text):
        return f"Markdown 竖线表格，jixiao 不读；请另存为制表符分隔文本、xlsx 或 HTML{lost}"
    if source.format == "text" and _MARKDOWN.search(text):
        return f"Markdown 文本，没有表格{lost}"
    return f"只有正文，没有表格{lost}"


def _own_export(p: Path, data: bytes) -> Document | None:
    """jixiao's own document JSON, flat JSON or CSV in ``data``; None when it is none of them.

    Raises :class:`UnrecognisedDocument` for JSON that is not jixiao's, :class:`UnreadableInput`
    for jixiao JSON or CSV that is malformed."""
    suffix = p.suffix.lower()
    looks_json = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] in (b"{", b"[")
    if suffix not in (".json", ".csv") and not looks_json:
        return None
    from jixiao.export.open_data import read_open_data  # here: a text table never loads jixiao.export

    try:
        doc = read_open_data(data)
    except json.JSONDecodeError as exc:
        if suffix == ".json":
            where = f"第 {exc.lineno} 行第 {exc.colno} 列"
            raise UnreadableInput(f"{p}: 不是有效的 JSON（{where}：{exc.msg}）") from exc
        return None  # text that merely starts with a bracket: for the readers
    except (ValueError, KeyError, TypeError, ArithmeticError) as exc:
        raise UnreadableInput(f"{p}: malformed jixiao {suffix[1:] or 'JSON'} ({exc!r})") from exc
    if doc is None and (looks_json or suffix == ".json"):
        try:
            json.loads(data.decode("utf-8-sig"))
        except (UnicodeDecodeError, ValueError):
            return None  # not JSON after all (e.g. GB18030 text): the readers decide
        raise UnrecognisedDocument(p, "文件为 JSON，但不是 jixiao 文档")
    return doc


def read_source(p: Path, data: bytes) -> Source:
    """Read ``data`` (the bytes of ``p``); plain-text tables skip loading the binary-format readers."""
    from jixiao.readers.text import read_text_file

    source = read_text_file(p, data) if data else None
    return source if source is not None else read_bytes(data, p.name)


def read_document(path: str | Path, *, recognised: bool = True) -> Document:
    """A document from a file, as ``jixiao parse``, ``check``, ``import`` and ``export`` read it:
    jixiao's own exports (document JSON, flat JSON or CSV open data) are loaded as they are, anything
    else is read and parsed.

    Raises :class:`UnreadableInput` when the file cannot be read or is bigger than
    :func:`~jixiao.readers.limits.max_input_bytes` (200 MiB, ``--max-input-mb``,
    ``JIXIAO_MAX_INPUT_MB``), and (unless ``recognised`` is
    False) :class:`UnrecognisedDocument` when it holds no project with an indicator — arbitrary JSON,
    Markdown, prose, a table of something else — so that nothing empty is stored or published.
    """
    return load_document(path, recognised=recognised)[0]


def load_document(path: str | Path, *, recognised: bool = True) -> tuple[Document, bool]:
    """:func:`read_document`, and whether the document was parsed here (False: one of jixiao's own
    exports, loaded as it is). A parsed document holds no float anywhere (amounts and values are
    Decimals, positions ints), so its JSON can skip the float check
    (``document_chunks(doc, floats=False)``)."""
    p = Path(path)
    doc, source = _load(p)
    if recognised and not is_recognised(doc):
        raise UnrecognisedDocument(p, unrecognised_reason(doc, source))
    return doc, source is not None


def _load(p: Path) -> tuple[Document, Source | None]:
    """The document in ``p`` and the source it was parsed from (None: one of jixiao's own exports)."""
    data = _input_bytes(p)
    doc = _own_export(p, data)
    if doc is not None:
        return doc, None
    source = read_source(p, data)
    return parse_source(source), source


def _input_bytes(p: Path) -> bytes:
    limit = max_input_bytes()
    try:
        if p.stat().st_size > limit:  # refused before reading (``--max-input-mb``)
            raise too_large(str(p), p.stat().st_size, limit)
        return p.read_bytes()
    except OSError as exc:
        raise UnreadableInput(f"{p}: cannot read file ({exc.strerror or exc})") from exc


def document_json_chunks(path: str | Path, *, jobs: int = 1) -> Iterator[bytes | memoryview]:
    """``jixiao parse``'s JSON of the document in ``path`` (``document_to_dict``, indented, as
    :func:`jixiao.model.jsonify.document_chunks` gives it), in pieces. A large list-layout table has
    its projects' cells read by ``jobs`` processes (:mod:`jixiao.parse.forked_json`; same bytes).
    Raises as :func:`read_document` does, before returning."""
    from jixiao.model.jsonify import document_chunks
    from jixiao.parse.forked_json import document_json as forked
    from jixiao.parse.list_fills import deferred

    p = Path(path)
    with deferred() as handed:  # a list-layout parse hands its projects' reading steps over
        doc, source = _load(p)
    steps = next((s for s in handed if s.doc is doc), None)
    if steps is None:
        if not is_recognised(doc):
            raise UnrecognisedDocument(p, unrecognised_reason(doc, source))
        return document_chunks(doc, floats=source is None)  # a document parsed here holds no float
    return forked(steps, jobs, lambda: UnrecognisedDocument(p, unrecognised_reason(doc, source)))


def select_unit(doc: Document, unit: str | None) -> Document:
    """The projects of ``unit`` (单位编码) and its sub-units; ``doc`` itself when ``unit`` is None."""
    from jixiao.export.selection import select_unit as cut

    return cut(doc, unit)


def review_findings(doc: Document) -> list[dict[str, Any]]:
    """The review engine's findings for ``doc`` as public JSON dicts (for the findings report)."""
    return [f.to_dict() for f in review_document(doc).findings]


def export_document(
    doc: Document,
    path_or_format: str | Path,
    layout: str | None = None,
    findings: Sequence[Mapping[str, Any]] | None = None,
    progress: bool = False,
) -> bytes:
    """Draw ``doc`` as xlsx/pdf/html/csv/json in ``layout`` (list, grid, findings, flat, document).

    ``path_or_format`` is a format name (``"pdf"``) or an output path (``"out.pdf"``, written).
    For the findings layout, ``findings=None`` runs the review engine. Returns the file's bytes.
    Raises :class:`jixiao.export.ExportError` for an unknown format or a layout it cannot draw.
    """
    from jixiao.export.registry import export_bytes, find_exporter

    spec = find_exporter(path_or_format)
    if findings is None:
        findings = review_findings(doc) if (layout or spec.layouts[0]) == "findings" else []
    data = export_bytes(doc, path_or_format, layout, findings, progress)
    target = Path(path_or_format)
    if isinstance(path_or_format, Path) or target.suffix:
        target.write_bytes(data)
    return data


def load_stored(
    db_url: str | None = None, *, document_id: int | None = None, unit: str | None = None,
    year: int | None = None,
) -> Document:
    """Stored documents as one Document to publish: one by id, or all of a year, cut to ``unit``.

    Raises :class:`UnreadableInput` when nothing stored matches.
    """
    from sqlalchemy import select

    from jixiao.export.selection import merge_documents, select_unit
    from jixiao.store.database import database_url, is_initialised, make_engine, session_factory
    from jixiao.store.repository import load_document
    from jixiao.store.schema import DocumentRow

    url = database_url(db_url)
    engine = make_engine(url)
    try:
        if not is_initialised(engine):
            where = engine.url.render_as_string()
            raise UnreadableInput(f"{where}: no jixiao database here (run jixiao db upgrade)")
        with session_factory(engine)() as session:
            query = select(DocumentRow.id).order_by(DocumentRow.id)
            if document_id is not None:
                query = query.where(DocumentRow.id == document_id)
            if year is not None:
                query = query.where(DocumentRow.year == year)
            docs = [d for i in session.scalars(query) if (d := load_document(session, i)) is not None]
    finally:
        engine.dispose()
    docs = [select_unit(d, unit) for d in docs]
    docs = [d for d in docs if d.projects or not unit]
    if not docs:
        wanted = ", ".join(f"{k} {v}" for k, v in (("document", document_id), ("unit", unit), ("year", year))
                           if v is not None)
        raise UnreadableInput(f"no stored document matches ({wanted or 'database is empty'})")
    return merge_documents(docs)


def review_document(doc: Document, config: ReviewConfig | None = None,
                    progress: Callable[[int, int], None] | None = None) -> Report:
    """Review a parsed document with every enabled rule; the CLI and the API both call this.

    ``progress(rules_done, rules_total)`` follows the review rule by rule (``jixiao check``'s progress).
    """
    from jixiao.review.engine import review

    return review(doc, config, progress)


def review_json(doc: Document, config: ReviewConfig | None = None) -> dict[str, Any]:
    """``{findings: […], summary: {…}}`` — the JSON of ``jixiao check --format json``."""
    return review_document(doc, config).to_dict()


# --- the store: import, re-review after an edit, validate-as-you-type (used by `jixiao import` and web) ---


@dataclass(frozen=True, slots=True)
class ImportOutcome:
    """One file given to :func:`import_file`: stored, already stored, or unreadable (``error``)."""

    path: str
    document_id: int | None = None
    created: bool = False
    projects: int = 0
    findings: int = 0
    error: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"path": self.path, "document_id": self.document_id, "created": self.created,
                "projects": self.projects, "findings": self.findings, "error": self.error}


def import_files(paths: Iterable[str | Path]) -> list[Path]:
    """The files named, directories expanded recursively (sorted, hidden files skipped)."""
    out: list[Path] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            out += sorted(p for p in path.rglob("*") if p.is_file()
                          and not any(part.startswith(".") for part in p.relative_to(path).parts))
        else:
            out.append(path)
    return out


def import_file(session: Session, path: str | Path, *, status: str = "draft",
                username: str = "system",
                prepare: Callable[[Document], Document] | None = None) -> ImportOutcome:
    """Parse, review and store one file; a file whose bytes are already stored is not stored again.

    Unreadable input does not raise: it comes back as an outcome with ``error`` set, and so does a
    file in which no performance-target table was recognised (:class:`UnrecognisedDocument`).
    ``prepare`` sees a new document before it is reviewed and stored: it may return it changed, or
    refuse it by raising :class:`UnreadableInput` (the web's unit-user uploads).
    """
    from sqlalchemy.exc import IntegrityError, SQLAlchemyError

    from jixiao.store.repository import find_by_sha256, save_document, sha256_file

    try:
        sha = sha256_file(path)
    except OSError as exc:
        return ImportOutcome(str(path), error=f"{path}: {exc.strerror or exc}")
    if find_by_sha256(session, sha) is None:
        try:
            doc = read_document(path)
            doc = prepare(doc) if prepare is not None else doc
        except UnreadableInput as exc:  # unrecognised too: an empty document is never stored
            return ImportOutcome(str(path), error=str(exc))
        findings = [f.to_dict() for f in review_document(doc).findings]
    else:
        doc, findings = Document(), []
    try:
        result = save_document(session, doc, sha, findings, status=status, username=username)
        session.flush()
    except SQLAlchemyError as exc:  # e.g. text PostgreSQL cannot hold (NUL characters)
        session.rollback()
        stored = find_by_sha256(session, sha) if isinstance(exc, IntegrityError) else None
        if stored is not None:  # another import stored the same bytes in the meantime: already stored
            return ImportOutcome(str(path), stored.id, False, len(stored.projects), 0)
        reason = str(getattr(exc, "orig", None) or exc).splitlines()[0]
        return ImportOutcome(str(path), error=f"{path}: could not be stored: {reason}")
    return ImportOutcome(str(path), result.document_id, result.created, result.projects, result.findings)


def review_stored_project(session: Session, project: ProjectRow,
                          budget: float | None = None) -> ProjectReview:
    """Review the project as stored now (only this project: see ``store.project_review``) and
    replace its stored findings; past ``budget`` seconds the review is cut short (``complete``
    False) and the stored findings are left as they were."""
    from jixiao.store.project_review import project_document, review_in_budget
    from jixiao.store.repository import replace_project_findings

    session.flush()
    result = review_in_budget(project_document(session, project), project.seq, budget)
    if result.complete:
        replace_project_findings(session, project, result.findings)
    return result


def validate_indicator(project: ProjectRow, indicator_id: int | None, fields: Mapping[str, str],
                       budget: float | None = None) -> dict[str, Any]:
    """Validate an indicator being typed into the editor: field errors, then the review findings the
    project would get with this indicator in place (same rules, same messages as ``jixiao check``).
    Only the project is reviewed, within ``budget`` seconds (``review_complete`` False past it)."""
    from sqlalchemy.orm import object_session

    from jixiao.store.editing import indicator_from_fields
    from jixiao.store.project_review import project_document, review_in_budget

    parsed = indicator_from_fields(*(fields.get(k, "") for k in ("name", "operator", "value", "unit",
                                                                   "level1", "level2")))
    if parsed.indicator is None:
        return {"ok": False, "errors": parsed.errors, "findings": [], "review_complete": True,
                "review_note": None}
    session = object_session(project)
    assert session is not None
    doc = project_document(session, project, (indicator_id, parsed.indicator))
    result = review_in_budget(doc, project.seq, budget)
    findings = [f for f in result.findings if f.get("indicator") == parsed.indicator.name]
    return {"ok": True, "errors": {}, "findings": findings, "raw": parsed.indicator.raw, **result.to_dict()}


# --- self-evaluation scoring (issue 10) ---------------------------------------------------------


def score_document(
    doc: Document,
    profile: str | None = None,
    bands: Mapping[str, str] | None = None,
    tolerance: Decimal | str | None = None,
) -> dict[str, Any]:
    """Recompute every self-evaluation row of ``doc`` under a scoring profile (default czy2020-10):
    published vs recomputed score with the working, each project's total and grade. JSON-able; the
    output of ``jixiao score --format json``. ``bands``: indicator name (or "项目序号/指标名称")
    -> a reviewer's band for qualitative rows ("达成", "部分达成:70%"). Raises
    :class:`jixiao.review.scoring.ProfileError` for an unknown profile."""
    from jixiao.review.scoring import DEFAULT_TOLERANCE, get_profile
    from jixiao.review.scoring import score_document as score

    limit = DEFAULT_TOLERANCE if tolerance is None else Decimal(str(tolerance))
    return score(doc, get_profile(profile), bands, limit)


def scoring_profiles() -> list[dict[str, Any]]:
    """Every scoring profile with its source (for ``jixiao score --list-profiles`` and the web)."""
    from jixiao.review.scoring import PROFILES

    return [p.to_dict() for p in PROFILES.values()]


# --- corpus scale (issue 11): batch into a Parquet dataset, import from it, query it -------------


def batch_dataset(paths: Iterable[str | Path], out: str | Path, *, workers: int | None = None,
                  scheduler: str | None = None, progress: Callable[[int, int], None] | None = None,
                  announce: Callable[[str], None] | None = None) -> BatchSummary:
    """Parse and review every file (as :func:`read_document` and :func:`review_document` do for
    ``jixiao check``) into the Parquet dataset ``out``, on a local Dask cluster of ``workers``
    processes (default the core count; 0: in this process) or on the cluster at ``scheduler``.
    Files already in the dataset are skipped; ``announce(link)`` gets the dashboard's address."""
    from jixiao.dataset.cluster import run_batch

    return run_batch(import_files(paths), Path(out), workers=workers, scheduler=scheduler,
                     progress=progress, announce=announce)


def dataset_files(dataset: str | Path) -> Iterator[StoredFile]:
    """Every file of a dataset: its document rebuilt with its findings, or its recorded failure.
    Raises :class:`jixiao.dataset.views.DatasetError` when ``dataset`` is no dataset."""
    from jixiao.dataset.load import read_dataset

    return read_dataset(dataset)


def import_stored_file(session: Session, stored: StoredFile, *, status: str = "draft",
                       username: str = "system") -> ImportOutcome:
    """Store one file of a dataset as :func:`import_file` stores the file itself (same document,
    same findings, same sha256, so importing either way gives the same store)."""
    from sqlalchemy.exc import SQLAlchemyError

    from jixiao.store.repository import save_document

    if stored.document is None:
        return ImportOutcome(stored.path, error=stored.error)
    try:
        result = save_document(session, stored.document, stored.sha256, stored.findings,
                               status=status, username=username)
        session.flush()
    except SQLAlchemyError as exc:
        session.rollback()
        reason = str(getattr(exc, "orig", None) or exc).splitlines()[0]
        return ImportOutcome(stored.path, error=f"{stored.path}: could not be stored: {reason}")
    return ImportOutcome(stored.path, result.document_id, result.created, result.projects, result.findings)


def dataset_query(dataset: str | Path, sql: str) -> tuple[list[str], list[tuple[Any, ...]]]:
    """Run ``sql`` with DuckDB over the dataset's views (``jixiao sql``): (columns, rows)."""
    from jixiao.dataset.views import query

    return query(dataset, sql)


def dataset_report(dataset: str | Path, limit: int = 20) -> list[ReportTable]:
    """The headline tables of ``jixiao report`` (findings per 1,000 projects by region and rule, the
    most copied indicators, the units with the most errors), ``limit`` rows each."""
    from jixiao.dataset.report import headline_tables

    return headline_tables(dataset, limit)


# --- the performance year (issue 10) -------------------------------------------------------------


def year_document(session: Session, project_id: int, kind: str) -> Document:
    """The stored project's latest monitoring round (``kind`` "monitoring") or its self-evaluation
    ("selfeval") as a Document in the shape the readers give the official table (kind, funds block,
    实际完成值/分值/得分/偏差原因 on each indicator, the 总分 line), ready for :func:`export_document`.
    Raises :class:`jixiao.store.year_store.YearError` (404) when there is none, or for an unknown
    project or kind."""
    from jixiao.store.repository import get_project_row
    from jixiao.store.year_store import YearError
    from jixiao.year.service import year_document as build

    project = get_project_row(session, project_id)
    if project is None:
        raise YearError(f"项目 {project_id} 不存在", 404)
    return build(session, project, kind)
