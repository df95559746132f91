"""Garbage-collector settings for the one-shot batch commands (``parse``, ``check``).

Parsing a large document makes millions of small objects that live until the process ends; with
the default thresholds the cyclic collector keeps re-scanning them (a fifth of a ``check`` of 5,000
projects). Reference counting frees almost everything jixiao drops, so a rarer young-generation
collection loses nothing, and :func:`settle` moves what has been built so far (the document) out of
the collector's sight.
"""

from __future__ import annotations

import gc

#: Allocations between young-generation collections (CPython's default is 700).
YOUNG_THRESHOLD = 50_000


def for_batch() -> None:
    """Collect less often for the rest of this process (a one-shot command, never the web server)."""
    _, middle, old = gc.get_threshold()
    gc.set_threshold(YOUNG_THRESHOLD, middle, old)


def settle() -> None:
    """Freeze every object alive now (e.g. a parsed document) so later collections skip it."""
    gc.freeze()
