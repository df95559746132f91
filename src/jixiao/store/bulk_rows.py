"""A document's database rows as plain values, ready for a bulk insert (``store.bulk``).

:func:`prepare_rows` turns what :func:`jixiao.store.repository.save_document` would store — a
:class:`Document`, its review findings and the sha256 of its bytes — into plain tuples: JSON
columns already serialised exactly as SQLAlchemy's ``JSON`` type serialises them, decimals as
their text, and the jieba-segmented search words of every project. It touches no database, so
``jixiao import`` runs it in its worker processes and the storing process only inserts.

Links between rows are positions, not database ids: a project's id is its position in the
document, an indicator's its index among all the document's indicators (in project order); a goal
or an indicator names its project's position, a finding its project's and its indicator's index
(resolved as ``repository.add_findings`` does: the last project with the finding's ``project`` seq,
the first of its indicators with the finding's ``indicator`` name). ``store.bulk`` adds the
batch's first ids to these when it inserts, so the storing process rebuilds no row (issue 11).

The rows of the tables with many rows per project (indicators, goals, findings) are built straight
from the model's fields rather than through the ``store.mapping`` dicts: the same values (a test
compares both on every fixture), without a dict and a JSON encoder call per cell.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from typing import TYPE_CHECKING, Any, NamedTuple

from jixiao.model.document import Document, Goal, Indicator, ValueKind
from jixiao.model.jsonify import value_to_json
from jixiao.model.location import Location
from jixiao.store import search
from jixiao.store.mapping import (
    document_values,
    goal_values,
    project_values,
    unit_values,
)

if TYPE_CHECKING:
    from jixiao.review.finding import Finding

#: the columns each bulk-inserted table gets, in tuple order (ids and links are added first)
UNIT_COLUMNS = ("id", "document_id", "position", "code", "name", "amount", "parent", "location")
PROJECT_COLUMNS = ("id", "document_id", "position", "seq", "name", "amount", "unit_code", "unit_name",
                   "region", "year", "department", "implementer", "funds", "extra", "location",
                   "unparsed", "confidence", "status")
GOAL_COLUMNS = ("id", "project_id", "position", "text", "label", "commitments", "location")
INDICATOR_COLUMNS = ("id", "project_id", "position", "level1", "level2", "name", "operator", "value",
                     "value_kind", "unit", "raw", "location", "nature", "weight", "note", "actual",
                     "score", "deviation", "repairs", "extra")
#: an indicator without any of the optional columns (every text-layout one) has rows this long: the
#: columns after ``location`` are left to their defaults (NULL, ``[]``, ``{}``), which costs SQLite
#: half the time of binding them; ``version`` (0 on import) is always left to its default
PLAIN_INDICATOR_COLUMNS = INDICATOR_COLUMNS.index("location") + 1
FINDING_COLUMNS = ("id", "document_id", "project_id", "indicator_id", "rule", "name", "severity",
                   "message", "project", "indicator", "location", "evidence", "expected", "context",
                   "docs")


class ImportItem(NamedTuple):
    """One document to store: the model, its findings (the review engine's public JSON), the
    sha256 of its source bytes, and the name it is reported under (a path, a dataset row's file)."""

    document: Document
    findings: list[dict[str, Any]]
    sha256: str
    source: str


@dataclass(slots=True)
class PreparedDocument:
    """The rows of one document. ``units``/``projects`` hold every column after the id/link ones
    (a project's first, its position, is its id within the document); ``goals`` start with their
    project's position, ``indicators`` with their index in the document and their project's
    position, ``findings`` with their project's position and their indicator's index (or None);
    ``words`` are (project position, search words). Columns left to their defaults are not in
    the rows (``version``; and see :data:`PLAIN_INDICATOR_COLUMNS`)."""

    source: str
    sha256: str
    document: dict[str, Any]
    units: list[tuple[Any, ...]] = field(default_factory=list)
    projects: list[tuple[Any, ...]] = field(default_factory=list)
    goals: list[tuple[Any, ...]] = field(default_factory=list)
    indicators: list[tuple[Any, ...]] = field(default_factory=list)
    findings: list[tuple[Any, ...]] = field(default_factory=list)
    words: list[tuple[int, str]] = field(default_factory=list)
    #: whether the indicator rows stop at ``PLAIN_INDICATOR_COLUMNS`` (every indicator is plain)
    plain_indicators: bool = False
    audit: dict[str, Any] = field(default_factory=dict)


def dumps(value: Any) -> str:
    """A JSON column's stored text, as SQLAlchemy's ``JSON`` type writes it (``None`` is ``null``)."""
    if value is None:
        return "null"
    if not value and type(value) in (list, dict):  # most repairs, extras and unparsed: no encoder call
        return "[]" if type(value) is list else "{}"
    return json.dumps(value)


def _dec(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


@lru_cache(maxsize=4096)
def _json_string(value: str) -> str:
    return json.dumps(value)


def location_json(loc: Location | None) -> str:
    """``dumps(loc.to_dict())``; the usual shape of a text file's location (line, column, span)
    formatted directly, anything else through the encoder."""
    if loc is None:
        return "null"
    span, line, column = loc.span, loc.line, loc.column
    if (span is not None and type(line) is int and type(column) is int and loc.page is None
            and loc.sheet is None and loc.row is None):
        start, end = span
        if type(start) is int and type(end) is int:
            return (f'{{"source": {_json_string(loc.source)}, "line": {line}, "column": {column}, '
                    f'"span": [{start}, {end}]}}')
    return json.dumps(loc.to_dict())


@lru_cache(maxsize=16_384)
def _context_json(items: tuple[tuple[str, str], ...]) -> str:
    return json.dumps(dict(items))


def context_json(context: Mapping[str, Any]) -> str:
    """``dumps(dict(context))``: a finding's context, remembered by its items when keys and values
    are all strings (as the review makes them; a review repeats them: ~5,000 distinct among 45,000)."""
    if not context:
        return "{}"
    items = tuple(context.items())
    if all(type(k) is str and type(v) is str for k, v in items):
        return _context_json(items)
    return json.dumps(dict(context))


#: each value kind's stored text (``Enum.value`` is a Python property: one call per indicator)
_KINDS = {kind: kind.value for kind in ValueKind}
_JSON = {"location", "funds", "extra", "unparsed", "commitments", "repairs", "context"}
_DECIMAL = {"amount", "confidence", "weight", "score"}


def _row(values: Mapping[str, Any], columns: Sequence[str]) -> tuple[Any, ...]:
    """``values`` (a mapping function's column values) as stored text, in ``columns`` order."""
    return tuple(dumps(values[c]) if c in _JSON else _dec(values[c]) if c in _DECIMAL
                 else values[c] for c in columns)


def plain_indicator(ind: Indicator) -> bool:
    """Whether every column of ``ind`` after ``location`` has its default (see
    :data:`PLAIN_INDICATOR_COLUMNS`)."""
    return (ind.nature is None and ind.weight is None and ind.note is None and ind.actual is None
            and ind.score is None and ind.deviation is None and not ind.repairs and not ind.extra)


def indicator_row(ind: Indicator, position: int, plain: bool = False) -> tuple[Any, ...]:
    """``INDICATOR_COLUMNS[2:]`` of ``ind``: what ``mapping.indicator_values`` gives, as stored text;
    ``plain``: only the columns up to ``PLAIN_INDICATOR_COLUMNS``."""
    value = ind.value
    head = (position, ind.level1, ind.level2, ind.name, ind.operator,
            value if value is None or type(value) is str else value_to_json(value),
            _KINDS[ind.value_kind], ind.unit, ind.raw, location_json(ind.location))
    if plain:
        return head
    return (*head, ind.nature, None if ind.weight is None else str(ind.weight), ind.note, ind.actual,
            None if ind.score is None else str(ind.score), ind.deviation,
            json.dumps(list(ind.repairs)) if ind.repairs else "[]",
            json.dumps(dict(ind.extra)) if ind.extra else "{}")


def goal_row(goal: Goal, position: int) -> tuple[Any, ...]:
    """``GOAL_COLUMNS[2:]`` of ``goal`` (``mapping.goal_values`` as stored text)."""
    if goal.commitments:
        return _row(goal_values(goal, position), GOAL_COLUMNS[2:])
    return (position, goal.text, goal.label, "[]", location_json(goal.location))


def prepare_rows(item: ImportItem, status: str = "draft",
                 reviewed: Sequence[Finding] | None = None) -> PreparedDocument:
    """The rows ``save_document`` would insert for ``item`` (see the module docstring), from the same
    values as the mapping functions (``store.mapping``) without building ORM objects. ``reviewed``:
    the review's findings as they are, instead of ``item.findings`` (their JSON form)."""
    doc = item.document
    prepared = PreparedDocument(item.source, item.sha256, document_values(doc, item.sha256))
    prepared.units = [_row(unit_values(u, i), UNIT_COLUMNS[2:]) for i, u in enumerate(doc.units)]
    by_seq: dict[str, int] = {}  # the last project of a seq wins
    first_indicator: list[int] = []  # each project's first indicator's index in the document
    indicators = prepared.indicators
    plain = prepared.plain_indicators = all(plain_indicator(i) for p in doc.projects for i in p.indicators)
    for position, project in enumerate(doc.projects):
        values = project_values(project, position, doc, status)
        by_seq[values["seq"]] = position
        first_indicator.append(len(indicators))
        prepared.projects.append(_row(values, PROJECT_COLUMNS[2:]))
        prepared.goals += [(position, *goal_row(g, i)) for i, g in enumerate(project.goals)]
        indicators += [(len(indicators) + i, position, *indicator_row(ind, i, plain))
                       for i, ind in enumerate(project.indicators)]
        prepared.words.append((position, search.segment(search.search_text(
            values["name"], values["unit_name"], [g.text for g in project.goals],
            [i.name for i in project.indicators]))))
    links = _Links(doc, by_seq, first_indicator)
    prepared.findings = (_finding_rows(links, item.findings) if reviewed is None
                         else _reviewed_rows(links, reviewed))
    prepared.audit = {"sha256": item.sha256, "source": doc.source, "projects": len(doc.projects),
                      "findings": len(prepared.findings), "status": status}
    return prepared


class _Links:
    """Which project and indicator a finding belongs to, as ``repository.add_findings`` decides."""

    def __init__(self, doc: Document, by_seq: dict[str, int], first_indicator: list[int]) -> None:
        self.doc, self.by_seq, self.first_indicator = doc, by_seq, first_indicator
        self.names: dict[int, dict[str, int]] = {}

    def __call__(self, seq: object, indicator: object) -> tuple[int | None, int | None]:
        project = self.by_seq.get(str(seq)) if seq is not None else None
        if project is None or not indicator:
            return project, None
        names = self.names.get(project)
        if names is None:  # each name's first indicator
            names = self.names[project] = {}
            for i, ind in enumerate(self.doc.projects[project].indicators):
                names.setdefault(ind.name, i)
        index = names.get(indicator)  # type: ignore[call-overload]
        return project, None if index is None else self.first_indicator[project] + index


def _finding_rows(links: _Links, findings: Iterable[Mapping[str, Any]]) -> list[tuple[Any, ...]]:
    out: list[tuple[Any, ...]] = []
    for data in findings:
        seq = data.get("project")
        out.append((
            *links(seq, data.get("indicator")), str(data["rule"]), str(data.get("name", "")),
            str(data.get("severity", "")), str(data.get("message", "")), None if seq is None else str(seq),
            data.get("indicator"), dumps(data.get("location")), data.get("evidence"), data.get("expected"),
            dumps(dict(data.get("context") or {})), data.get("docs")))
    return out


def _reviewed_rows(links: _Links, findings: Iterable[Finding]) -> list[tuple[Any, ...]]:
    """:func:`_finding_rows` of ``finding.to_dict()`` for each finding, without the dicts."""
    return [(*links(f.project, f.indicator), str(f.rule), str(f.name), str(f.severity), str(f.message),
             None if f.project is None else str(f.project), f.indicator, location_json(f.location),
             f.evidence, f.expected, context_json(f.context), f.docs)
            for f in findings]
