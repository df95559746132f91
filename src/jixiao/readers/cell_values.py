"""Spreadsheet cell values as the text a reader of the sheet sees, with exact decimals.

Excel stores numbers as binary floats; the number format decides what the sheet shows. We render a
float with at most 15 significant digits (what Excel shows for "General") and then, when the format
fixes the decimals ("0.00", "#,##0.00", "0.0%"), quantize to them (half up, like Excel), so 435.21
comes back as "435.21" and 4 formatted "0.00" as "4.00". Never through a float-to-string round trip
that could print 435.20999999999998.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

_QUOTED = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]')
_DECIMALS = re.compile(r"0\.(0+)")


@functools.lru_cache(maxsize=256)
def _decimals(fmt: str) -> tuple[int | None, bool]:
    """(number of fixed decimals or None, is percent) for the positive section of ``fmt``."""
    section = _QUOTED.sub("", fmt.split(";")[0])
    percent = "%" in section
    if section.lower() in ("general", "@", ""):
        return None, percent
    m = _DECIMALS.search(section)
    if m:
        return len(m.group(1)), percent
    if "0" in section or "#" in section:
        return 0, percent
    return None, percent


def plain(d: Decimal) -> str:
    """A Decimal as plain positional text (no exponent), keeping its exponent's zeros."""
    text = format(d, "f")
    return "0" if text in ("-0", "-0.0") else text


def number_text(value: float | int | Decimal, fmt: str | None) -> str:
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    try:
        d = Decimal(value) if isinstance(value, int | Decimal) else Decimal(f"{value:.15g}")
    except (InvalidOperation, ValueError, OverflowError):
        return str(value)
    if not d.is_finite():
        return str(value)
    decimals, percent = _decimals(fmt or "General")
    if percent:
        d = d * 100
    if decimals is not None:
        d = d.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    elif d == d.to_integral_value():
        d = d.quantize(Decimal(1))
    else:
        d = d.normalize()
    return plain(d) + ("%" if percent else "")


def value_text(value: object, fmt: str | None = None) -> str:
    """Any openpyxl/xlrd cell value as display text."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value.replace("\r\n", "\n").replace("\r", "\n").strip()
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, int | float | Decimal):
        return number_text(value, fmt)
    return str(value)
