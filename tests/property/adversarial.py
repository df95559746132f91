"""Adversarial text for the reader and API property tests: markup, quotes, control characters,
lone surrogates, huge numbers, bidirectional and zero-width characters, mixed with the words of a
real performance-target table so that the parsers do more than give up at once."""

from __future__ import annotations

import unicodedata
from typing import Any

from hypothesis import strategies as st

MARKUP = ["<script>alert(1)</script>", "<b>", "</td>", "<tr>", "&amp;", "&lt;", "&#0;", "&#x202e;",
          "<!--", "-->", "]]>", "<![CDATA[", "{{ 7*7 }}", "{% raw %}", "${x}", "\\", "\\u0000", "%s", "%00"]
QUOTES = ['"', "'", "`", "“", "”", "‘", "’", "「", "」", '""', "'; DROP TABLE projects; --"]
CONTROLS = [chr(c) for c in (*range(0x00, 0x20), 0x7F, 0x85)]
SURROGATES = ["\ud800", "\udfff", "\udbff"]
NUMBERS = ["9" * 400, "1e999999", "-1e-999999", "NaN", "Infinity", "-0", "0x1F", "1_000", "١٢٣",
           "99999999999999999999.99999", "2147483648", "-9223372036854775809", "1" * 30 + "%"]
BIDI = ["\u202e", "\u202d", "\u2066", "\u2067", "\u2069", "\u200f", "\u200e", "\u061c", "\u200b",
        "\u2060", "\ufeff"]
WORDS = ["一、", "(一)", "产出指标", "数量指标", "质量指标", "满意度指标", "1.", "举办活动天数", "≥", "≤",
         "=", "30", "98", "%", "万元", "天", "项目名称", "预算金额", "绩效目标", "003006", "某县某局", "：",
         "；", "。", " ", "\t", "合计", "目标一", "满意度"]
PIECES = MARKUP + QUOTES + CONTROLS + NUMBERS + BIDI + WORDS + ["a", "Z", "测", "试"]

#: adversarial text without lone surrogates (they cannot be encoded in a file)
text = st.lists(st.sampled_from(PIECES), max_size=25).map("".join)
#: adversarial text that may hold lone surrogates (for JSON bodies, escaped as \udXXX)
any_text = st.lists(st.sampled_from(PIECES + SURROGATES), max_size=25).map("".join)
#: a JSON value of any type, text biased to the adversarial kind
json_value: st.SearchStrategy[Any] = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), any_text,
              st.sampled_from([10**400, -(10**400), 2**63, 1.7976931348623157e308])),
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(any_text, inner, max_size=3)),
    max_leaves=6)


def ignorable(char: str) -> bool:
    """Whitespace, markup syntax and characters a reader may drop or rewrite on purpose: controls,
    format characters (bidi, zero-width, BOM) and surrogates."""
    return char.isspace() or unicodedata.category(char) in ("Cc", "Cf", "Cs") or char in "<>&;#/!-[]"


def strings(value: Any) -> list[str]:
    """Every string inside a JSON-able value (keys too)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in (*strings(k), *strings(v))]
    if isinstance(value, list | tuple):
        return [s for v in value for s in strings(v)]
    return [str(value)] if value is not None else []
