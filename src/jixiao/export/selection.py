"""Choosing what to publish: one unit's projects, or several stored documents as one table.

Unit codes are hierarchical (``003`` → ``003006``), so selecting unit ``003`` keeps every project of
``003`` and of its sub-units. A selection's 合计 is the sum of the projects it keeps.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from decimal import Decimal

from jixiao.model.document import Document, Project, Unit


def _in_unit(code: str | None, unit: str) -> bool:
    return code is not None and code.startswith(unit)


def _sum(projects: Sequence[Project]) -> Decimal | None:
    amounts = [p.amount for p in projects if p.amount is not None]
    return sum(amounts, Decimal(0)) if amounts else None


def select_unit(doc: Document, unit: str | None) -> Document:
    """The part of ``doc`` that belongs to ``unit`` (and its sub-units); ``doc`` itself when None."""
    if not unit:
        return doc
    projects = [p for p in doc.projects if _in_unit(p.unit_code, unit)]
    units = [u for u in doc.units if _in_unit(u.code, unit)]
    return replace(doc, units=units, projects=projects, total=_sum(projects), unparsed=[])


def merge_documents(docs: Sequence[Document], title: str | None = None) -> Document:
    """Several documents as one table: units de-duplicated by code, projects in order.

    Project numbers are kept when they are unique across the documents and renumbered 1..n when
    they collide, so that findings and links can still name a project by its number.
    """
    if len(docs) == 1:
        return replace(docs[0], title=title or docs[0].title)
    units: dict[str, Unit] = {}
    projects: list[Project] = []
    for doc in docs:
        for unit in doc.units:
            units.setdefault(unit.code, unit)
        projects.extend(doc.projects)
    if len({p.seq for p in projects}) != len(projects):
        projects = [replace(p, seq=str(n)) for n, p in enumerate(projects, 1)]
    years = {d.year for d in docs}
    regions = {d.region for d in docs}
    return Document(
        title=title,
        region=regions.pop() if len(regions) == 1 else None,
        year=years.pop() if len(years) == 1 else None,
        kind=docs[0].kind if docs else "target",
        total=_sum(projects),
        units=list(units.values()),
        projects=projects,
        source=", ".join(d.source for d in docs if d.source),
        layout="list",
    )
