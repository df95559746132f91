"""Pretty JSON as ``json.dumps(obj, ensure_ascii=False, indent=2)`` writes it, byte for byte, but
through orjson (a C encoder; the standard library falls back to pure Python when ``indent`` is set,
which was most of ``jixiao check --format json`` on a large document).

orjson refuses what the standard library would write differently or not at all (integers beyond 64
bits, non-string keys, unknown types); :func:`pretty` then falls back to ``json.dumps``. The two spell
only small floats differently (``1e-05`` / ``0.00001``, ``1e-07`` / ``1e-7``): an output with
``0.0000``+digit or digit+``e-``+digit anywhere is written again by ``json.dumps``. (NaN and
infinities, which orjson writes as ``null``, never occur: jixiao's JSON carries amounts and values
as decimal strings.)
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

import orjson

_INDENT = orjson.OPT_INDENT_2
_SMALL_FLOAT = re.compile(rb"[0-9]e-[0-9]|0\.0000[0-9]")  # matched where bytes.find points


def pretty(obj: Any, *, floats: bool = True) -> bytes:
    """``obj`` as indented UTF-8 JSON, identical to ``json.dumps(..., ensure_ascii=False, indent=2)``.

    ``floats=False``: the caller knows ``obj`` holds no float, so the output is not searched for the
    spellings the two encoders differ on (a search over every byte: most of the time of a large
    report's JSON, whose keys are full of "e")."""
    try:
        out = orjson.dumps(obj, option=_INDENT)
    except (TypeError, orjson.JSONEncodeError):
        out = None
    if out is None or (floats and _small_float(out)):
        return json.dumps(obj, ensure_ascii=False, indent=2).encode("utf-8")
    return out


def _small_float(out: bytes) -> bool:
    """True when ``out`` may hold a float the two encoders spell differently: digit ``e-`` digit, or
    ``0.0000`` and a digit (found with ``bytes.find``: a regular expression over tens of MB is slow,
    and rule names such as ``template-text-left-in`` hold ``e-`` many times)."""
    for needle, before, after in ((b"e-", 1, 3), (b"0.0000", 0, 7)):
        at = out.find(needle)
        while at >= 0:
            if _SMALL_FLOAT.match(out, max(at - before, 0), at + after):
                return True
            at = out.find(needle, at + 1)
    return False


def pretty_chunks(head: dict[str, Any], key: str, items: Iterable[Any], batch: int = 500, *,
                  floats: bool = True, convert: Callable[[Any], Any] | None = None
                  ) -> Iterator[bytes | memoryview]:
    """``pretty({**head, key: [convert(i) for i in items], ...})`` in pieces, ``batch`` list items at a
    time, so that a large list is never held as one string (nor its items as dicts all at once: each
    batch is converted when it is written). ``head`` must hold ``key`` (its value is ignored) at the
    place the list goes; the keys after it are written after the list. ``floats=False``: the items
    hold no float (see :func:`pretty`)."""
    opening, closing = pretty_frame(head, key)
    yield opening
    empty = True
    for piece in pretty_items(key, items, batch, floats=floats, convert=convert):
        empty = False
        yield piece
    yield b"[]" + closing if empty else b"\n  ]" + closing


def pretty_frame(head: dict[str, Any], key: str) -> tuple[bytes, bytes]:
    """What :func:`pretty_chunks` writes before the list's ``[`` and after its ``]``."""
    keys = list(head)
    at = keys.index(key)
    before = {k: head[k] for k in keys[:at]}
    after = {k: head[k] for k in keys[at + 1:]}
    opening = pretty({**before, key: []})  # ... "key": []\n}
    if not after:
        return opening[:opening.rindex(b"[]")], b"\n}"
    closing = pretty({key: [], **after})
    return opening[:opening.rindex(b"[]")], closing[closing.index(b"[]") + 2:]


def pretty_items(key: str, items: Iterable[Any], batch: int = 500, *, first: bool = True,
                 floats: bool = True, convert: Callable[[Any], Any] | None = None
                 ) -> Iterator[bytes | memoryview]:
    """The list items of :func:`pretty_chunks` (nothing for no items): ``[`` and the items when
    ``first``, else ``,`` and the items, to follow items written before (by another process)."""
    alone = pretty({key: []})  # {\n  "key": []\n}
    start = alone.rindex(b"[]") + 1
    for group in _batches(items, batch):
        if convert is not None:
            group = [convert(item) for item in group]
        # pretty({key: group}) is b'{\n  "key": [\n    item,\n    item\n  ]\n}': the items already at
        # the depth they take in the whole (no re-indenting of every line)
        whole = pretty({key: group}, floats=floats)
        yield b"[" if first else b","
        yield memoryview(whole)[start:-6]  # the items, not copied: a batch is MBs of JSON
        first = False


def _batches(items: Iterable[Any], size: int) -> Iterator[Sequence[Any]]:
    if isinstance(items, (list, tuple)):  # slices: no Python call per item
        for at in range(0, len(items), size):
            yield items[at:at + size]
        return
    group: list[Any] = []
    for item in items:
        group.append(item)
        if len(group) >= size:
            yield group
            group = []
    if group:
        yield group
