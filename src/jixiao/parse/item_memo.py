"""The memos of the indicator grammar (:mod:`jixiao.parse.indicators`): items repeat across a table,
number and all ("1.政策知晓率≥95%"), and reading one is a pure function of its text and the year.

Readings of items by year and text as written, the splits of item bodies (the number removed) by
year and body, and indicator names by text. All are bounded: a year's memo is emptied when it holds
its share of :attr:`ItemMemo.size` — the years share it, since an import worker meets tables of
several years, and 65,536 readings per year were ~24 MB each (at the million-project import the
workers' peak fell from ~940 to ~590 MiB when the years began to share). Items longer than
``MAX_ITEM`` (prose) are never kept.
"""

from __future__ import annotations

from typing import ClassVar, TypeVar

from jixiao.model.document import IndicatorValue, ValueKind
from jixiao.parse.values import ParsedValue

#: What one item (its text as written, number included) reads as: name (interned), operator, value,
#: kind and unit (shared), or None when it is no indicator.
ItemReading = tuple[str, str, IndicatorValue, ValueKind, str | None] | None

_T = TypeVar("_T")

NAMES: dict[str, str] = {}  # indicator names by text


class ItemMemo:
    """The memos, with ``cache_clear`` as on ``functools.lru_cache``."""

    size = 65536
    by_year: ClassVar[dict[int | None, dict[str, ItemReading]]] = {}
    bodies: ClassVar[dict[int | None, dict[str, tuple[str, ParsedValue] | None]]] = {}

    @staticmethod
    def for_year(memos: dict[int | None, dict[str, _T]], year: int | None) -> dict[str, _T]:
        """A new, empty memo for ``year`` in ``memos``; the others are emptied if they hold more than
        their new share of :attr:`size` (so that all of them together never hold more than it)."""
        memo: dict[str, _T] = {}
        memos[year] = memo
        share = ItemMemo.size // len(memos)
        for other in memos.values():
            if len(other) > share:
                other.clear()
        return memo

    @staticmethod
    def is_full(memos: dict[int | None, dict[str, _T]], memo: dict[str, _T]) -> bool:
        """Whether ``memo`` (one of ``memos``) holds its share of :attr:`size`: empty it first."""
        return len(memo) >= ItemMemo.size // len(memos)

    @staticmethod
    def cache_clear() -> None:
        ItemMemo.by_year.clear()
        ItemMemo.bodies.clear()
        NAMES.clear()
