"""The orjson-backed pretty JSON is byte-identical to ``json.dumps(ensure_ascii=False, indent=2)``."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jixiao.model.json_text import pretty, pretty_chunks

LEAVES = st.none() | st.booleans() | st.integers() | st.text() | st.floats(allow_nan=False,
                                                                           allow_infinity=False)
VALUES = st.recursive(LEAVES, lambda inner: st.lists(inner, max_size=4)
                      | st.dictionaries(st.text(max_size=5), inner, max_size=4), max_leaves=20)


def _std(obj: Any) -> bytes:
    return json.dumps(obj, ensure_ascii=False, indent=2).encode("utf-8")


@given(VALUES)
def test_pretty_equals_the_standard_library(obj: Any) -> None:
    assert pretty(obj) == _std(obj)


@pytest.mark.parametrize("obj", [1e-05, [1e-07, "x"], {"a": 0.00012}, 2**70, {1: "non-string key"},
                                 "控制\x01字符\u2028", {"a": {}, "b": []}])
def test_pretty_edge_cases(obj: Any) -> None:
    assert pretty(obj) == _std(obj)


@given(st.lists(VALUES, max_size=7), st.sampled_from([["p"], ["a", "p"], ["p", "z"], ["a", "p", "z"]]),
       st.integers(min_value=1, max_value=3))
def test_chunks_equal_the_whole(items: list[Any], keys: list[str], batch: int) -> None:
    head: dict[str, Any] = {k: (None if k == "p" else {"k": [1, "二"]}) for k in keys}
    whole = {**head, "p": items}
    assert b"".join(pretty_chunks(head, "p", iter(items), batch)) == _std(whole)


FLOATLESS = st.recursive(st.none() | st.booleans() | st.integers(-2**63, 2**63 - 1) | st.text(),
                         lambda inner: st.lists(inner, max_size=4)
                         | st.dictionaries(st.text(max_size=5), inner, max_size=4), max_leaves=20)


@given(st.lists(FLOATLESS, max_size=7), st.integers(min_value=1, max_value=3))
def test_chunks_without_floats_equal_the_whole(items: list[Any], batch: int) -> None:
    head: dict[str, Any] = {"p": None, "z": {"e-1": "0.00001"}}
    whole = {**head, "p": items}
    assert b"".join(pretty_chunks(head, "p", iter(items), batch, floats=False)) == _std(whole)
