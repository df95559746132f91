"""The reader registry: an explicit list, a decorator, an import-time error on a duplicate name.

A reader is chosen by content sniffing first (``sniff(head) -> bool``) and by extension second.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from jixiao.readers.base import Source, UnreadableInput

ReadFn = Callable[[bytes, str], Source]
SniffFn = Callable[[bytes], bool]


@dataclass(frozen=True, slots=True)
class ReaderSpec:
    name: str
    extensions: tuple[str, ...]
    sniff: SniffFn
    read: ReadFn
    priority: int = 50  # lower sniffs first


_READERS: dict[str, ReaderSpec] = {}

#: Modules that register readers; imported lazily so ``jixiao parse x.txt`` stays fast.
READER_MODULES = ("text", "html", "xlsx", "xls", "docx", "pdf")


def reader(
    name: str, extensions: tuple[str, ...], sniff: SniffFn, priority: int = 50
) -> Callable[[ReadFn], ReadFn]:
    def decorate(fn: ReadFn) -> ReadFn:
        if name in _READERS:
            raise RuntimeError(f"duplicate reader name: {name}")
        _READERS[name] = ReaderSpec(name, extensions, sniff, fn, priority)
        return fn

    return decorate


def _load_all() -> None:
    for module in READER_MODULES:
        try:
            importlib.import_module(f"jixiao.readers.{module}")
        except ModuleNotFoundError as exc:  # a reader not written yet, or its library missing
            if exc.name and exc.name.startswith("jixiao.readers."):
                continue
            raise


def readers() -> list[ReaderSpec]:
    _load_all()
    return sorted(_READERS.values(), key=lambda r: (r.priority, r.name))


def detect(data: bytes, filename: str = "") -> ReaderSpec:
    """Pick a reader for ``data``: content sniffing first, then the file extension."""
    specs = readers()
    head = data[:65536]
    for spec in specs:
        if spec.sniff(head):
            return spec
    suffix = Path(filename).suffix.lower().lstrip(".")
    for spec in specs:
        if suffix and suffix in spec.extensions:
            return spec
    from jixiao.readers.sniff import describe  # names formats we recognise but cannot read

    what = describe(head)
    detail = f" ({what}; jixiao reads text, HTML, xlsx, xls, docx and PDF)" if what else ""
    raise UnreadableInput(f"{filename or '<input>'}: unrecognised file format{detail}")


def read_bytes(data: bytes, filename: str = "") -> Source:
    if not data:
        raise UnreadableInput(f"{filename or '<input>'}: empty file (0 bytes)")
    return detect(data, filename).read(data, filename)


def read_path(path: str | Path) -> Source:
    p = Path(path)
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise UnreadableInput(f"{p}: cannot read file ({exc.strerror or exc})") from exc
    return read_bytes(data, p.name)
