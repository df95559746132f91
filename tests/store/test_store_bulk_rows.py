"""Issue 11: the bulk import builds the rows of the big tables (indicators, goals, findings) straight
from the model's fields; they must equal what the mapping functions and the findings' JSON give."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from jixiao import services
from jixiao.model.location import Location
from jixiao.store.bulk_rows import (
    GOAL_COLUMNS,
    INDICATOR_COLUMNS,
    PLAIN_INDICATOR_COLUMNS,
    ImportItem,
    _row,
    context_json,
    goal_row,
    indicator_row,
    location_json,
    prepare_rows,
)
from jixiao.store.mapping import goal_values, indicator_values

FIXTURES = Path(__file__).parents[1] / "fixtures"
DOCUMENTS = [Path(services.__file__).parent / "examples" / "menyuan-2023.txt",
             FIXTURES / "formats" / "huangshi-2022-target.xlsx",
             FIXTURES / "formats" / "qingshen-2023-selfeval.docx",
             FIXTURES / "formats" / "puyang-2021-target.pdf",
             FIXTURES / "grid" / "puyang-2021-target.grid.tsv"]

_ints = st.none() | st.integers(-5, 10**12)


@given(st.builds(Location, source=st.text(max_size=8), line=_ints, column=_ints,
                 span=st.none() | st.tuples(st.integers(0, 10**9), st.integers(0, 10**9)),
                 page=_ints, sheet=st.none() | st.text(max_size=5), row=_ints))
def test_location_json_is_the_json_of_to_dict(loc: Location) -> None:
    assert location_json(loc) == json.dumps(loc.to_dict())


_values = st.text(max_size=4) | st.integers(-2, 2) | st.booleans() | st.none() | st.floats(-2, 2) \
    | st.lists(st.integers(0, 3), max_size=2)


@given(st.lists(st.dictionaries(st.sampled_from(["words", "level1", "matched", "值"]), _values, max_size=3),
                max_size=6))
def test_context_json_is_the_json_of_the_context_even_remembered(
        contexts: list[dict[object, object]]) -> None:
    """Strings are remembered; {"n": 1}, {"n": True}, {"n": 1.0} and {"n": -0.0} stay apart."""
    for context in [*contexts, *contexts, {"n": 1}, {"n": True}, {"n": 1.0}, {"n": 0.0}, {"n": -0.0},
                    {1: "a"}, {True: "a"}]:
        assert context_json(context) == json.dumps(dict(context))


def test_rows_equal_the_mapping_functions_and_the_findings_json() -> None:
    plain = set()
    for path in DOCUMENTS:
        doc = services.read_document(path)
        for project in doc.projects:
            for i, ind in enumerate(project.indicators):
                full = _row(indicator_values(ind, i), INDICATOR_COLUMNS[2:])
                assert indicator_row(ind, i) == full
                assert indicator_row(ind, i, plain=True) == full[:PLAIN_INDICATOR_COLUMNS - 2]
            for i, goal in enumerate(project.goals):
                assert goal_row(goal, i) == _row(goal_values(goal, i), GOAL_COLUMNS[2:])
        findings = services.review_document(doc).findings
        assert findings
        item = ImportItem(doc, [f.to_dict() for f in findings], "0" * 64, str(path))
        prepared = prepare_rows(item, reviewed=findings)
        assert prepared == prepare_rows(item)
        plain.add(prepared.plain_indicators)
    assert plain == {True, False}  # short rows (text layouts) and full ones (self-evaluations)
