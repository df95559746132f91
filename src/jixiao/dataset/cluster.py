"""``jixiao batch``: every file through :func:`jixiao.dataset.job.process_file`, on Dask.

By default a ``distributed.LocalCluster`` sized to the machine (one single-threaded worker process
per core: parsing is pure Python), or the existing cluster at ``scheduler`` (``tcp://host:port``),
the same job unchanged; the workers must see the input files and the dataset folder at the same
paths (a shared file system). ``workers=0`` runs the same function in this process, without Dask
(the reference the tests compare the clusters with).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jixiao.cores import available_cores
from jixiao.dataset.job import (
    FileResult,
    done_keys,
    path_key,
    process_file,
    remove_leftovers,
    write_failure,
)


@dataclass(slots=True)
class BatchSummary:
    """What a batch did: files given, skipped (already in the dataset), done now, failed now."""

    files: int = 0
    skipped: int = 0
    results: list[FileResult] = field(default_factory=list)
    dashboard: str | None = None

    @property
    def failed(self) -> int:
        return sum(1 for r in self.results if r.failure)

    @property
    def projects(self) -> int:
        return sum(r.projects for r in self.results)

    def to_dict(self) -> dict[str, Any]:
        return {"files": self.files, "skipped": self.skipped, "done": len(self.results),
                "failed": self.failed, "projects": self.projects,
                "indicators": sum(r.indicators for r in self.results),
                "findings": sum(r.findings for r in self.results), "dashboard": self.dashboard}


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def pending(files: Iterable[Path], root: Path, summary: BatchSummary) -> list[tuple[str, str]]:
    """(absolute path, sha256) of the files still to do; unhashable files recorded as failures."""
    done = done_keys(root)
    todo: list[tuple[str, str]] = []
    for file in files:
        summary.files += 1
        path = str(file.resolve())
        try:
            sha = sha256_of(file)
        except OSError as exc:
            sha = path_key(path)
            if sha not in done:
                error = f"{file}: cannot read file ({exc.strerror or exc})"
                summary.results.append(write_failure(root, FileResult(sha, path, failure="unreadable",
                                                                      error=error)))
                done.add(sha)
            continue
        if sha in done:
            summary.skipped += 1
            continue
        done.add(sha)  # the same bytes twice in one batch: one document
        todo.append((path, sha))
    return todo


#: seconds to wait for an existing scheduler to answer
CONNECT_TIMEOUT = 15


@contextmanager
def dask_client(workers: int | None, scheduler: str | None,
                dashboard_address: str | None = ":0") -> Iterator[Any]:
    """A ``distributed.Client``: on the cluster at ``scheduler``, else on a new LocalCluster of
    ``workers`` processes (default: the core count), closed on exit."""
    from distributed import Client, LocalCluster

    if scheduler:
        with Client(scheduler, timeout=CONNECT_TIMEOUT) as client:
            yield client
        return
    n = workers or available_cores()
    with LocalCluster(n_workers=n, threads_per_worker=1, processes=True, scheduler_port=0,
                      dashboard_address=dashboard_address, host="127.0.0.1") as cluster, \
            Client(cluster) as client:
        yield client


def _serves_dashboard() -> bool:
    """Run on the scheduler: whether it can draw the dashboard (bokeh installed)."""
    import importlib.util

    return importlib.util.find_spec("bokeh") is not None


def dashboard_link(client: Any) -> str | None:
    """The dashboard's address, when the cluster serves one (the scheduler needs bokeh)."""
    if not client.scheduler_info().get("services", {}).get("dashboard"):
        return None
    if not client.run_on_scheduler(_serves_dashboard):
        return None
    link = client.dashboard_link
    return str(link) if link else None


def _outcome(root: Path, future: Any, path: str, sha: str) -> FileResult:
    """A finished task's result; a task that failed on the cluster itself (a worker killed by the
    file, out of memory, …) becomes a failure row, so the file is not lost."""
    if future.status != "error":
        result: FileResult = future.result()
        return result
    return failed(root, path, sha, future.exception())


def failed(root: Path, path: str, sha: str, exc: BaseException) -> FileResult:
    error = f"{path}: {type(exc).__name__}: {' '.join(str(exc).split())}"
    return write_failure(root, FileResult(sha, path, failure="error", error=error))


def run_batch(files: Iterable[Path], out: Path, *, workers: int | None = None, scheduler: str | None = None,
              progress: Callable[[int, int], None] | None = None,
              announce: Callable[[str], None] | None = None) -> BatchSummary:
    """Process every file not yet in the dataset at ``out``; ``progress(done, total)`` after each."""
    root = out.resolve()
    root.mkdir(parents=True, exist_ok=True)
    remove_leftovers(root)
    summary = BatchSummary()
    todo = pending(files, root, summary)
    total = len(todo)
    if progress:
        progress(0, total)
    if workers == 0 and not scheduler:
        for n, (path, sha) in enumerate(todo, 1):
            try:
                result = process_file(path, sha, str(root))
            except Exception as exc:  # e.g. the dataset's disk is full: recorded, as on a cluster
                result = failed(root, path, sha, exc)
            summary.results.append(result)
            if progress:
                progress(n, total)
        summary.results.sort(key=lambda r: r.path)
        return summary
    if not todo:
        return summary
    from distributed import as_completed

    with dask_client(workers, scheduler) as client:
        summary.dashboard = dashboard_link(client)
        if summary.dashboard and announce:
            announce(summary.dashboard)
        futures = [client.submit(process_file, path, sha, str(root), key=f"jixiao-batch-{sha}", pure=False)
                   for path, sha in todo]
        paths = {f.key: (path, sha) for f, (path, sha) in zip(futures, todo, strict=True)}
        for n, future in enumerate(as_completed(futures), 1):
            summary.results.append(_outcome(root, future, *paths[future.key]))
            future.release()
            if progress:
                progress(n, total)
    summary.results.sort(key=lambda r: r.path)
    return summary
