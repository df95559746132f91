"""``jixiao batch PATHS… --out DATASET/``: parse and review every file on Dask into a Parquet dataset.

Exit 0 when every file of this run was stored, 3 when one could not be read or held no recognisable
table (it is still a row of the dataset's ``failures``), 2 for a usage error (bad ``--scheduler``).
"""

from __future__ import annotations

import json
import sys

import click

from jixiao.cli.errors import EXIT_INPUT, EXIT_OK, EXIT_USAGE, fail
from jixiao.cli.progress import BatchProgress
from jixiao.i18n import _


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("--out", "out", required=True, type=click.Path(file_okay=False),
              help="Dataset folder (created; files already in it are skipped).")
@click.option("--workers", type=click.IntRange(min=0),
              help="Worker processes of the local Dask cluster (default: the core count; 0: no Dask).")
@click.option("--scheduler", metavar="tcp://HOST:PORT",
              help="Run on this existing Dask cluster instead (workers must see the same paths).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def batch(paths: tuple[str, ...], out: str, workers: int | None, scheduler: str | None, fmt: str) -> None:
    """Parse and review every FILE (or every file under each DIR) into a Parquet dataset at --out:
    documents, units, projects, indicators, findings and failures, partitioned by year and region.

    Query it with `jixiao sql` and `jixiao report`; load it into the store with `jixiao import --from`.
    """
    from jixiao import services

    if scheduler and workers is not None:
        fail(_("--scheduler 与 --workers 不能同时使用"), EXIT_USAGE)
    if scheduler and not scheduler.startswith(("tcp://", "tls://", "inproc://", "ucx://")):
        fail(_("--scheduler {address}：应为 tcp://主机:端口", address=scheduler), EXIT_USAGE)
    progress = BatchProgress()
    try:
        summary = services.batch_dataset(
            paths, out, workers=workers, scheduler=scheduler, progress=progress,
            announce=lambda link: click.echo(_("Dask 仪表盘：{link}", link=link), err=True))
    except (OSError, TimeoutError) as exc:
        where = scheduler or "LocalCluster"
        fail(_("批处理中断（{address}）：{error}", address=where, error=exc), EXIT_INPUT)
    finally:
        progress.close()
    for result in summary.results:
        if result.error and fmt == "text":
            click.echo(f"jixiao: {result.error}", err=True)
    data = summary.to_dict()
    if fmt == "json":
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        click.echo(_("{out}：处理 {done} 个文件（{skipped} 个已在数据集中，跳过；{failed} 个失败），"
                     "{projects} 个项目，{indicators} 个指标，{findings} 个问题",
                     out=out, **{k: v for k, v in data.items() if k != "dashboard"}))
    sys.exit(EXIT_INPUT if summary.failed else EXIT_OK)
