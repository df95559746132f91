"""The one API the shells (CLI, web) call. Each function is plain and returns model objects or
JSON-able dicts; CLI and API emit the same JSON because both go through here."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from jixiao.model.document import Document
from jixiao.model.jsonify import document_to_dict
from jixiao.parse.registry import parse_source
from jixiao.readers.registry import read_bytes, read_path

if TYPE_CHECKING:
    from jixiao.review.config import ReviewConfig
    from jixiao.review.report import Report


def parse_file(path: str | Path) -> Document:
    """Read and parse one file. Raises :class:`~jixiao.readers.UnreadableInput` when unreadable."""
    return parse_source(read_path(path))


def parse_bytes(data: bytes, filename: str = "") -> Document:
    return parse_source(read_bytes(data, filename))


def document_json(doc: Document) -> dict[str, Any]:
    return document_to_dict(doc)


def review_document(doc: Document, config: ReviewConfig | None = None) -> Report:
    """Review a parsed document with every enabled rule; the CLI and the API both call this."""
    from jixiao.review.engine import review

    return review(doc, config)


def review_json(doc: Document, config: ReviewConfig | None = None) -> dict[str, Any]:
    """``{findings: […], summary: {…}}`` — the JSON of ``jixiao check --format json``."""
    return review_document(doc, config).to_dict()
