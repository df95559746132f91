"""Readers: bytes -> Source (blocks with provenance), one module per format, chosen by sniffing."""

from jixiao.readers.base import Block, Cell, Paragraph, Source, Table, UnreadableInput
from jixiao.readers.registry import detect, read_bytes, read_path, reader, readers

__all__ = [
    "Block",
    "Cell",
    "Paragraph",
    "Source",
    "Table",
    "UnreadableInput",
    "detect",
    "read_bytes",
    "read_path",
    "reader",
    "readers",
]
