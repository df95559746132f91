"""Write the large JSON outputs of ``jixiao parse`` and ``jixiao check`` to stdout in pieces.

The bytes are exactly ``json.dumps(..., ensure_ascii=False, indent=2)`` plus a newline (see
:mod:`jixiao.model.json_text`), but the document's projects (or the report's findings) are turned
into dicts and JSON one at a time and written in batches: a 50 MB input never has its whole JSON
(several times its size) in memory at once.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:  # ``jixiao parse`` does not load the review
    from jixiao.review.report import Report


def write_chunks(chunks: Iterable[bytes | memoryview]) -> None:
    """The chunks on stdout as they come, then a newline (as ``click.echo`` of the whole text would)."""
    text = sys.stdout
    out = getattr(text, "buffer", None)  # where click.echo writes bytes
    if out is None:
        for chunk in chunks:
            click.echo(bytes(chunk), nl=False)
        click.echo(b"")
        return
    text.flush()  # as click.echo does before writing bytes
    for chunk in chunks:
        out.write(chunk)
    out.write(b"\n")
    out.flush()


def write_report(report: Report) -> None:
    """``jixiao check --format json``: the report (:meth:`Report.to_dict`, indented) on stdout, the
    pieces of :func:`jixiao.review.report_json.report_chunks` written as they come."""
    from jixiao.review.report_json import report_chunks

    write_chunks(report_chunks(report))
