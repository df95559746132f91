"""The cores this process may run on: the default number of worker processes of ``jixiao parse``,
``import``, ``batch`` and the PDF export."""

from __future__ import annotations

import os


def available_cores() -> int:
    """The cores this process may run on (a container's or taskset's share, not the machine's), at
    least 1."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # no affinity on this platform
        return os.cpu_count() or 1
