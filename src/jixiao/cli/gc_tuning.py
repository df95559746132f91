"""Garbage-collector settings for the one-shot batch commands (``parse``, ``check``).

Parsing a large document makes millions of small objects that live until the process ends; the
cyclic collector would re-scan all of them again and again (the parser pauses it while building, and
the first allocation after it resumed ran a full collection over the whole document: 0.3-0.8 s for
5,000 projects). Reference counting frees what jixiao drops (the parser and the review make no
reference cycles worth collecting: peak memory is the same with the collector off), so a one-shot
command runs with the collector off; the web server never calls this.

Freeing those objects one by one when the process ends is skipped too (:mod:`jixiao.cli.fast_exit`).
"""

from __future__ import annotations

import gc


def for_batch() -> None:
    """Turn the cyclic collector off for the rest of this (short-lived, one-shot) process."""
    gc.disable()
