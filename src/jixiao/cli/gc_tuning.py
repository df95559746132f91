"""Garbage-collector and exit settings for the one-shot batch commands (``parse``, ``check``).

Parsing a large document makes millions of small objects that live until the process ends; the
cyclic collector would re-scan all of them again and again (the parser pauses it while building, and
the first allocation after it resumed ran a full collection over the whole document: 0.3-0.8 s for
5,000 projects). Reference counting frees what jixiao drops (the parser and the review make no
reference cycles worth collecting: peak memory is the same with the collector off), so a one-shot
command runs with the collector off; the web server never calls this.

Freeing those objects one by one when the process ends costs as much again as a tenth of the parse
(0.05 s for 5,000 projects); :func:`exit_now` ends the ``jixiao`` process as soon as its output is
written, leaving the memory to the operating system.
"""

from __future__ import annotations

import atexit
import gc
import os
import sys
import threading
from pathlib import Path


def for_batch() -> None:
    """Turn the cyclic collector off for the rest of this (short-lived, one-shot) process."""
    gc.disable()


def is_command_process() -> bool:
    """Whether this process is the ``jixiao`` command itself (its main module is the installed
    console script), not a program or a test calling jixiao's CLI in-process."""
    main = sys.modules.get("__main__")
    return Path(getattr(main, "__file__", None) or "").name == "jixiao"


def exit_now(code: int = 0) -> None:
    """End the ``jixiao`` process with ``code`` now, without freeing its objects: output flushed and
    the ``atexit`` handlers run, as a normal exit would, then :func:`os._exit`. Returns (and the
    process ends normally) when jixiao runs in-process (:func:`is_command_process`), when another
    thread runs (a normal exit waits for it) or when flushing the output fails (the normal exit then
    reports it, as before)."""
    if not is_command_process() or threading.active_count() > 1:
        return
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):
        return
    atexit._run_exitfuncs()  # they are then unregistered: a normal exit after a failed flush skips them
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):
        return
    os._exit(code)
