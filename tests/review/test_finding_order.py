"""``in_order`` (the report's project-by-project sort) equals sorting by ``Finding.sort_key``."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from jixiao.model.location import Location
from jixiao.review.finding import Finding, in_order

#: Project numbers that sort alike ("1", "01") or not at all (None), locations with and without lines.
PROJECTS = st.sampled_from([None, "1", "01", "2", "10", "3-1", "3-01", "甲", ""])
LOCATIONS = st.none() | st.builds(Location, st.just("f.txt"), st.none() | st.integers(0, 3),
                                  st.none() | st.integers(0, 3),
                                  st.none() | st.tuples(st.integers(0, 3), st.integers(4, 6)),
                                  st.none(), st.none(), st.none() | st.integers(0, 3))
FINDINGS = st.builds(Finding, st.sampled_from(["VAL001", "CON003"]), st.just("n"), st.just("warning"),
                     st.sampled_from(["m", "n"]), PROJECTS, st.none() | st.sampled_from(["a", "b"]),
                     LOCATIONS, st.sampled_from(["", "e"]))


@given(st.lists(FINDINGS, max_size=30))
def test_in_order_is_the_sort_by_key(findings: list[Finding]) -> None:
    ordered = in_order(findings)
    expected = sorted(findings, key=Finding.sort_key)
    assert [id(f) for f in ordered] == [id(f) for f in expected]
