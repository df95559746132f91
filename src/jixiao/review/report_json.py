"""``jixiao check --format json``'s bytes, written in pieces: ``json.dumps(report.to_dict(),
ensure_ascii=False, indent=2)`` exactly, but with each finding's dict built in one expression (no copy
of its context, which the encoder only reads), encoded a batch at a time at their final depth by
:func:`jixiao.model.json_text.pretty_chunks` (as ``jixiao parse``'s projects are), each batch handed on
as a view of the encoder's output (no slicing or joining copies of the tens of MB a large report
takes)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from jixiao.model.json_text import pretty_chunks
from jixiao.review.finding import Finding
from jixiao.review.report import Report

BATCH = 2000  # findings per encoder call (~1.2 MB of JSON)


def finding_dict(f: Finding) -> dict[str, Any]:
    """:meth:`Finding.to_dict` for the encoder: the same keys and values, the context not copied."""
    loc = f.location
    return {"rule": f.rule, "name": f.name, "severity": f.severity, "message": f.message,
            "project": f.project, "indicator": f.indicator,
            "location": None if loc is None else loc.to_dict(), "evidence": f.evidence,
            "expected": f.expected, "context": f.context, "docs": f.docs}


def report_chunks(report: Report, batch: int = BATCH) -> Iterator[bytes | memoryview]:
    """The report's indented JSON (without the final newline), in pieces (:func:`pretty_chunks`)."""
    # A finding's fields are strings, None and a location's integers; only ``context`` could smuggle in
    # a float (typed dict[str, str]): checked here, so the float spelling search over the bytes is skipped.
    findings = report.findings
    floats = not all(type(v) is str for f in findings if f.context for v in f.context.values())
    return pretty_chunks({"findings": [], "summary": report.summary}, "findings", findings, batch,
                         floats=floats, convert=finding_dict)
