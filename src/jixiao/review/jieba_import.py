"""Import jieba without pkg_resources.

jieba 0.42 imports ``pkg_resources`` only to open its own dictionary files, and falls back to opening
them by path when that import fails. Importing ``pkg_resources`` costs about 0.2-0.4 s, a tenth of a
whole ``jixiao check`` of 5,000 projects; the first import of jieba is therefore made with
``pkg_resources`` hidden (the same files are read either way).
"""

from __future__ import annotations

import sys
from typing import Any


def import_jieba() -> Any:
    """The jieba module, imported (the first time) with ``pkg_resources`` hidden from it."""
    if "jieba" in sys.modules or "pkg_resources" in sys.modules:
        import jieba

        return jieba
    sys.modules["pkg_resources"] = None  # type: ignore[assignment]  # makes ``import`` fail
    try:
        import jieba
    finally:
        del sys.modules["pkg_resources"]
    return jieba
