"""Numbers as published: full-width digits, thousands separators, OCR-free decimal strings -> Decimal.

:data:`NORMALISE` is a one-character-for-one-character translation table (full-width -> ASCII and a
few look-alike signs), so a normalised string has the same length as its original and every index
found in the normalised text is valid in the original. Matching is done on the normalised copy;
names and qualitative values are always sliced from the original.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

_PAIRS = {
    **{chr(0xFF10 + i): str(i) for i in range(10)},  # ０-９
    **{chr(0xFF21 + i): chr(0x41 + i) for i in range(26)},  # Ａ-Ｚ
    **{chr(0xFF41 + i): chr(0x61 + i) for i in range(26)},  # ａ-ｚ
    "．": ".",
    "，": ",",
    "％": "%",
    "：": ":",
    "；": ";",
    "（": "(",
    "）": ")",
    "＞": ">",
    "＜": "<",
    "＝": "=",
    "≧": "≥",
    "≦": "≤",
    "⩾": "≥",
    "⩽": "≤",
    "═": "=",
    "＋": "+",
    "－": "-",
    "／": "/",
    "～": "~",
    "\u3000": " ",
    "\xa0": " ",
    "\t": " ",
    "\r": " ",
    "\n": " ",
}

#: str.translate table; maps each character to exactly one character (lengths are preserved).
NORMALISE = str.maketrans(_PAIRS)
_SPECIAL = re.compile("[" + re.escape("".join(_PAIRS)) + "]")

_AMOUNT = re.compile(r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|[+-]?\.\d+")


def normalise(text: str) -> str:
    """Full-width digits, letters and signs to ASCII; whitespace to plain spaces. Length-preserving.

    (One regex scan finds the few special characters, then ``str.replace`` swaps each kind of them;
    ``str.translate`` with a dict costs ~0.1 µs for every character of CJK text, and a substitution
    with a function calls Python for every character it changes. No replacement is itself a key of
    the table, so the order of the replacements does not matter.)"""
    found = _SPECIAL.findall(text)
    if not found:
        return text
    for char in set(found):
        text = text.replace(char, _PAIRS[char])
    return text


def parse_decimal(text: str) -> Decimal | None:
    """A plain decimal number ("1234.5", "1,234.50", "-3") as Decimal; None for anything else."""
    try:
        return Decimal(text.replace(",", ""))
    except InvalidOperation:
        return None


def parse_amount(text: str) -> Decimal | None:
    """An amount cell ("435.21", "1,234.50", "30", "４.００") as Decimal, keeping the written scale.

    Returns None for an empty cell or anything that is not just a number (surrounding spaces are
    fine). Trailing zeros are kept: "4.00" stays ``Decimal("4.00")``.
    """
    t = normalise(text).strip()
    if not t or _AMOUNT.fullmatch(t) is None:
        return None
    return parse_decimal(t)
