"""The batch on real Dask clusters, on loopback: a LocalCluster of worker processes (the default),
a ``dask scheduler`` + ``dask worker`` pair started as separate processes (``--scheduler``), and a
batch killed midway then rerun. Each must give exactly the dataset of the single-process path."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from dataset_samples import ROOT, dataset_content, make_corpus

from jixiao.dataset.cluster import run_batch
from jixiao.services import import_files

pytestmark = pytest.mark.dask

SCHEDULER_PORT = 18742
DASHBOARD_PORT = 18743
DASK = Path(sys.executable).with_name("dask")


def _env() -> dict[str, str]:
    return os.environ | {"PYTHONPATH": str(ROOT / "src"), "PYTHONWARNINGS": "ignore"}


@pytest.fixture(scope="module")
def scheduler(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A ``dask scheduler`` and a ``dask worker`` (2 processes), each a process of its own."""
    from distributed import Client

    work = tmp_path_factory.mktemp("dask")
    address = f"tcp://127.0.0.1:{SCHEDULER_PORT}"
    procs = [subprocess.Popen([str(DASK), "scheduler", "--host", "127.0.0.1", "--port", str(SCHEDULER_PORT),
                               "--dashboard-address", f"127.0.0.1:{DASHBOARD_PORT}"],
                              env=_env(), cwd=work, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)]
    procs.append(subprocess.Popen([str(DASK), "worker", address, "--nworkers", "2", "--nthreads", "1",
                                   "--no-dashboard", "--local-directory", str(work)],
                                  env=_env(), cwd=work, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with Client(address, timeout=5) as client:
                    client.wait_for_workers(2, timeout=25)
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.5)
        yield address
    finally:
        for proc in reversed(procs):
            proc.terminate()
        for proc in reversed(procs):
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def test_local_cluster_equals_single_process(corpus: Path, reference: Path, tmp_path: Path) -> None:
    summary = run_batch(import_files([corpus]), tmp_path / "ds", workers=2)
    assert len(summary.results) == len(list(corpus.iterdir()))
    assert dataset_content(tmp_path / "ds") == dataset_content(reference)


def test_existing_cluster_equals_single_process(corpus: Path, reference: Path, tmp_path: Path,
                                                scheduler: str) -> None:
    summary = run_batch(import_files([corpus]), tmp_path / "ds", scheduler=scheduler)
    assert summary.failed == 1 and summary.projects > 0
    assert dataset_content(tmp_path / "ds") == dataset_content(reference)


def test_a_killed_batch_rerun_equals_one_uninterrupted_run(tmp_path: Path, scheduler: str) -> None:
    corpus = make_corpus(tmp_path / "corpus", 40)
    total = len(list(corpus.iterdir()))
    whole = tmp_path / "whole"
    run_batch(import_files([corpus]), whole, workers=0)
    out = tmp_path / "killed"
    cmd = [sys.executable, "-c", "from jixiao.cli.main import main; main()", "batch", str(corpus),
           "--out", str(out), "--scheduler", scheduler]
    proc = subprocess.Popen(cmd, env=_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    manifest = out / "_manifest"
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and len(list(manifest.glob("*.json"))) < 5:
            time.sleep(0.02)
    finally:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    done = len(list(manifest.glob("*.json")))
    assert 5 <= done < total, "the batch was not killed midway"
    rerun = run_batch(import_files([corpus]), out, scheduler=scheduler)
    assert rerun.skipped >= done and rerun.skipped + len(rerun.results) == total
    assert dataset_content(out) == dataset_content(whole)
    assert not [p for p in out.rglob(".*") if p.is_file()], "temporary files left behind"


def test_a_task_the_cluster_could_not_run_is_a_failure_row(tmp_path: Path, scheduler: str) -> None:
    import operator

    from distributed import Client, wait

    from jixiao.dataset.cluster import _outcome
    from jixiao.dataset.job import done_keys
    from jixiao.dataset.views import query

    with Client(scheduler, timeout=10) as client:
        future = client.submit(operator.truediv, 1, 0, pure=False)  # as a task whose worker died would
        wait([future])
        result = _outcome(tmp_path, future, "/data/huge.xlsx", "f" * 64)
    assert result.failure == "error"
    assert result.error == "/data/huge.xlsx: ZeroDivisionError: division by zero"
    assert done_keys(tmp_path) == {"f" * 64}
    assert query(tmp_path, "SELECT path, kind FROM failures")[1] == [("/data/huge.xlsx", "error")]
