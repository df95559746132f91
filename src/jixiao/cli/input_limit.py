"""``--max-input-mb``: the input size limit of ``jixiao parse`` and ``jixiao check``.

A bigger file is refused before it is read, with one line on stderr and exit 3
(``jixiao: FILE: 文件过大（… MiB，上限 200 MiB；…）``). Default 200 MiB; ``JIXIAO_MAX_INPUT_MB`` sets it
too. Parsing takes at most about ten times the input in memory, so the default keeps a run under
about 2 GiB.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

from jixiao.readers.limits import MAX_FILE_BYTES, MAX_INPUT_ENV, set_max_input_mb

F = TypeVar("F", bound=Callable[..., Any])


def _apply(ctx: click.Context, _param: click.Parameter, value: float | None) -> None:
    set_max_input_mb(value)
    ctx.call_on_close(lambda: set_max_input_mb(None))  # in-process callers (tests) get the default back


def max_input_option(command: F) -> F:
    """Add ``--max-input-mb`` (env ``JIXIAO_MAX_INPUT_MB``) to a command."""
    option = click.option(
        "--max-input-mb", type=click.FloatRange(min=0, min_open=True), envvar=MAX_INPUT_ENV,
        default=MAX_FILE_BYTES / 2**20, show_default=True, expose_value=False, callback=_apply,
        help=f"Refuse input files bigger than this many MiB (exit 3). Also {MAX_INPUT_ENV}.")
    return option(command)
