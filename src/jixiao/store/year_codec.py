"""Monitoring rounds and self-evaluations <-> their stored rows (entries as JSON, decimals as strings).
``round_model(row)`` and ``self_evaluation_model(row)`` give back exactly what was saved."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from jixiao.model.year import (
    MonitoringEntry,
    MonitoringRound,
    SelfEvaluation,
    SelfEvaluationEntry,
)
from jixiao.store.year_schema import MonitoringRoundRow, SelfEvaluationRow


def _s(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def _d(value: Any) -> Decimal | None:
    return None if value is None or value == "" else Decimal(str(value))


def round_json(rnd: MonitoringRound) -> list[dict[str, Any]]:
    return [{"indicator_id": e.indicator_id, "actual": e.actual, "likelihood": e.likelihood, "cause": e.cause,
             "cause_text": e.cause_text, "correction": e.correction} for e in rnd.entries]


def round_model(row: MonitoringRoundRow) -> MonitoringRound:
    entries = [MonitoringEntry(int(e["indicator_id"]), e.get("actual") or "", e.get("likelihood"),
                               e.get("cause"), e.get("cause_text") or "", e.get("correction") or "")
               for e in row.entries or []]
    return MonitoringRound(row.as_of, row.budget_initial, row.budget_full, row.executed, entries)


def self_evaluation_json(se: SelfEvaluation, scores: dict[int, str | None]) -> list[dict[str, Any]]:
    """The entries, each with the engine's recomputed score next to the unit's (``recomputed``)."""
    return [{"indicator_id": e.indicator_id, "actual": e.actual, "weight": _s(e.weight), "score": _s(e.score),
             "band": e.band, "deviation": e.deviation, "recomputed": scores.get(e.indicator_id)}
            for e in se.entries]


def self_evaluation_model(row: SelfEvaluationRow) -> SelfEvaluation:
    entries = [SelfEvaluationEntry(int(e["indicator_id"]), e.get("actual") or "", _d(e.get("weight")),
                                   _d(e.get("score")), e.get("band"), e.get("deviation") or "")
               for e in row.entries or []]
    return SelfEvaluation(row.budget_initial, row.budget_full, row.executed, row.conclusion or "", entries)
