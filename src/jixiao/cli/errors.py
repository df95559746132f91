"""Exit codes and the one-line error helper shared by every command."""

from __future__ import annotations

import sys
from typing import NoReturn

import click

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2
EXIT_INPUT = 3


def fail(message: str, code: int = EXIT_INPUT) -> NoReturn:
    """Print ``jixiao: <message>`` as one line on stderr and exit with ``code``."""
    click.echo(f"jixiao: {' '.join(message.split())}", err=True)
    sys.exit(code)
