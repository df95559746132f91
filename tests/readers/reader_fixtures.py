"""Shared paths and the comparison key for the format round-trip tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jixiao.model.document import Document

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
FORMATS = FIXTURES / "formats"
BROKEN = FORMATS / "broken"


def doc_key(doc: Document) -> dict[str, Any]:
    """What must be equal whatever the format: projects, amounts, funds, goals, indicator tuples."""
    return {
        "layout": doc.layout,
        "title": doc.title,
        "year": doc.year,
        "total": doc.total,
        "units": [(u.code, u.name, u.amount) for u in doc.units],
        "projects": [
            {
                "seq": p.seq,
                "name": p.name,
                "amount": p.amount,
                "department": p.department,
                "implementer": p.implementer,
                "funds": dict(p.funds),
                "goals": ["".join(g.text.split()) for g in p.goals],
                "indicators": [
                    (
                        i.level1,
                        i.level2,
                        i.name,
                        i.operator,
                        i.value,
                        i.unit,
                        i.nature,
                        i.weight,
                        i.note,
                        i.actual,
                        i.score,
                        i.deviation,
                    )
                    for i in p.indicators
                ],
            }
            for p in doc.projects
        ],
    }
