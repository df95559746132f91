"""Property tests: the year's form validation never raises on any input (it answers with field
errors or a typed value), and a round or self-evaluation stored as JSON reads back unchanged."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from jixiao.model.year import (
    CAUSES,
    LIKELIHOODS,
    MonitoringEntry,
    MonitoringRound,
    SelfEvaluation,
    SelfEvaluationEntry,
)
from jixiao.store.schema import IndicatorRow
from jixiao.store.year_codec import round_json, round_model, self_evaluation_json, self_evaluation_model
from jixiao.store.year_schema import MonitoringRoundRow, SelfEvaluationRow
from jixiao.year import fields

INDICATORS = [
    IndicatorRow(id=i, name=name, operator=op, value=value, value_kind=kind, unit=unit, raw=f"{op}{value}")
    for i, (name, op, value, kind, unit) in enumerate((
        ("建设职工之家", "≥", "10", "number", "个"), ("满意度", "≥", "95", "percent", "%"),
        ("完成时限", "≤", "2023-12-31", "date", None), ("机制健全", "定性", "健全", "text", None)), start=1)
]
_odd = ["-1", "1e400", "NaN", "Infinity", "2023-02-30", "\x00", "\ud800", "１２"]
_anything = st.one_of(st.text(max_size=30), st.integers(), st.none(), st.floats(allow_nan=True),
                      st.sampled_from(_odd))
_keys = ["actual", "likelihood", "cause", "cause_text", "correction", "weight", "score", "band", "deviation"]
_entry = st.dictionaries(st.sampled_from(_keys), _anything)
_form = st.fixed_dictionaries({}, optional={
    "as_of": _anything, "budget_initial": _anything, "budget_full": _anything, "executed": _anything,
    "conclusion": _anything,
    "entries": st.one_of(st.dictionaries(st.sampled_from(["1", "2", "3", "4", "x"]), _entry | _anything),
                         st.lists(_entry.map(lambda e: {**e, "indicator_id": 2}) | _anything), _anything)})


@settings(max_examples=300, deadline=None)
@given(_form)
def test_validation_never_raises(data: dict[str, Any]) -> None:
    for check in (fields.monitoring_round, fields.self_evaluation):
        result = check(data, INDICATORS, 2023)
        assert (result.value is None) == bool(result.errors)
        assert all(isinstance(m, str) and m for m in result.errors.values())


_money = st.none() | st.decimals(min_value=0, max_value=10**9, places=4)
_text = st.text(st.characters(exclude_categories=("Cs",), exclude_characters="\x00"), max_size=20)


@settings(max_examples=100, deadline=None)
@given(st.dates(dt.date(2020, 1, 1), dt.date(2030, 12, 31)), _money, _money, _money,
       st.lists(st.builds(MonitoringEntry, st.integers(1, 10**6), _text,
                          st.none() | st.sampled_from(LIKELIHOODS), st.none() | st.sampled_from(CAUSES),
                          _text, _text), max_size=5))
def test_round_json_reads_back(as_of: dt.date, initial: Decimal | None, full: Decimal | None,
                               executed: Decimal | None, entries: list[MonitoringEntry]) -> None:
    rnd = MonitoringRound(as_of, initial, full, executed, entries)
    row = MonitoringRoundRow(as_of=as_of, budget_initial=initial, budget_full=full, executed=executed,
                             entries=round_json(rnd))
    assert round_model(row) == rnd


@settings(max_examples=100, deadline=None)
@given(_money, _money, _money, _text,
       st.lists(st.builds(SelfEvaluationEntry, st.integers(1, 10**6), _text, _money, _money,
                          st.none() | st.sampled_from(["达成", "部分达成:70%"]), _text), max_size=5))
def test_self_evaluation_json_reads_back(initial: Decimal | None, full: Decimal | None,
                                         executed: Decimal | None, conclusion: str,
                                         entries: list[SelfEvaluationEntry]) -> None:
    se = SelfEvaluation(initial, full, executed, conclusion, entries)
    row = SelfEvaluationRow(budget_initial=initial, budget_full=full, executed=executed,
                            conclusion=conclusion, entries=self_evaluation_json(se, {}))
    assert self_evaluation_model(row) == se
