"""``jixiao report DATASET``: the headline tables of a dataset written by ``jixiao batch``.

Exit 0, or 3 when DATASET is no dataset.
"""

from __future__ import annotations

import click

from jixiao.cli.errors import EXIT_INPUT, fail


@click.command()
@click.argument("dataset", type=click.Path(file_okay=False))
@click.option("--format", "fmt", type=click.Choice(["text", "csv", "json", "html"]), default="text",
              show_default=True)
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True, help="Rows per table.")
def report(dataset: str, fmt: str, limit: int) -> None:
    """Print what a provincial reviewer asks first: findings per 1,000 projects by region and rule,
    the most copied indicators, and the units with the most errors."""
    from jixiao import services
    from jixiao.dataset.report import RENDERERS
    from jixiao.dataset.views import DatasetError

    try:
        tables = services.dataset_report(dataset, limit)
    except DatasetError as exc:
        fail(str(exc), EXIT_INPUT)
    click.echo(RENDERERS[fmt](tables), nl=False)
