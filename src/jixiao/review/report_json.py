"""``jixiao check --format json``'s bytes, written in pieces: ``json.dumps(report.to_dict(),
ensure_ascii=False, indent=2)`` exactly, but with each finding's dict built in one expression (no copy
of its context, which the encoder only reads), the findings encoded a batch at a time at their final
depth, and each batch handed on as a view of the encoder's output (no slicing or joining copies of the
tens of MB a large report takes)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from jixiao.model.json_text import pretty
from jixiao.review.finding import Finding
from jixiao.review.report import Report

BATCH = 2000  # findings per encoder call (~1.2 MB of JSON)

_HEAD = b'{\n  "findings": ['  # pretty({"findings": [...]}) up to its first item
_TAIL = b"\n  ]\n}"  # ... and after its last


def finding_dict(f: Finding) -> dict[str, Any]:
    """:meth:`Finding.to_dict` for the encoder: the same keys and values, the context not copied."""
    loc = f.location
    return {"rule": f.rule, "name": f.name, "severity": f.severity, "message": f.message,
            "project": f.project, "indicator": f.indicator,
            "location": None if loc is None else loc.to_dict(), "evidence": f.evidence,
            "expected": f.expected, "context": f.context, "docs": f.docs}


def report_chunks(report: Report, batch: int = BATCH) -> Iterator[bytes | memoryview]:
    """The report's indented JSON (without the final newline), in pieces."""
    findings = report.findings
    closing = pretty({"findings": [], "summary": report.summary})  # {"findings": [], "summary": {…}}
    if not findings:
        yield closing
        return
    # A finding's fields are strings, None and a location's integers; only ``context`` could smuggle in
    # a float (typed dict[str, str]): checked here, so the float spelling search over the bytes is skipped.
    floats = not all(type(v) is str for f in findings if f.context for v in f.context.values())
    yield _HEAD
    for at in range(0, len(findings), batch):
        out = pretty({"findings": [finding_dict(f) for f in findings[at:at + batch]]}, floats=floats)
        if at:
            yield b","
        yield memoryview(out)[len(_HEAD):-len(_TAIL)]  # "\n    {…},\n    {…}": items at their depth
    yield b"\n  ]"
    yield closing[closing.index(b"[]") + 2:]
