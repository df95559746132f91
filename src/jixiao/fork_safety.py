"""Whether this process may fork copies of itself: only while it runs no other thread.

A fork copies one thread; a lock another thread held at that moment (pango's, logging's, a pool's)
stays held for ever in the copy, which then hangs at its first use of it. So the commands that fork
(``jixiao parse`` reading a large table, the PDF export rendering parts) do so only from the main
thread of a process that runs no other; the web server, which works from a thread pool, never forks.
tqdm's monitor thread, which only sleeps and wakes progress bars, is the one exception.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterable


def other_threads(threads: Iterable[threading.Thread] | None = None) -> bool:
    """Whether a thread besides this main thread runs (tqdm's monitor excepted); ``threads``: the
    running threads (default ``threading.enumerate()``)."""
    main = threading.main_thread()
    tqdm = sys.modules.get("tqdm")  # not imported for this: only a loaded tqdm can have a monitor
    monitor = getattr(getattr(tqdm, "tqdm", None), "monitor", None)
    running = threading.enumerate() if threads is None else threads
    return threading.current_thread() is not main or any(t is not main and t is not monitor for t in running)
