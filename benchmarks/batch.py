"""Throughput of ``jixiao batch``: projects/s into a Parquet dataset, in one process (no Dask), on a
local Dask cluster of 1 and of 2 worker processes (the scaling factor), and on a scheduler and
workers started as separate processes (``dask scheduler``, ``dask worker``), as on a real cluster.

Usage: ``python benchmarks/batch.py [--files 40] [--projects 250] [--port 18744]``

The files are list-layout documents like ``benchmarks/check.py``'s (the seed's projects with varied
names, places and values), each moved to its own county and year so the dataset is partitioned.
Every figure is end to end: hashing, cluster start (for the local clusters), parse, review and
writing Parquet; every run writes a fresh dataset, and each dataset must equal the one-process one.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from check import generate  # benchmarks/check.py: the seed-like documents

from jixiao.dataset.cluster import BatchSummary, run_batch
from jixiao.dataset.schema import TABLES

COUNTIES = ("门源县", "互助县", "大通县", "湟源县", "祁连县", "海晏县", "刚察县", "贵德县", "同仁市",
            "尖扎县")


def make_files(folder: Path, files: int, projects: int) -> None:
    rng = random.Random(11)
    for n in range(files):
        data = generate(projects, rng).decode("utf-8")
        data = data.replace("门源县", COUNTIES[n % len(COUNTIES)]).replace("2023年", f"{2021 + n % 3}年")
        (folder / f"doc-{n:04d}.txt").write_text(data, "utf-8")


def rows(root: Path) -> dict[str, list[str]]:
    import pyarrow.parquet as pq

    out = {}
    for table in TABLES:
        parts = sorted((root / table).rglob("*.parquet"))
        out[table] = sorted(str(r) for f in parts for r in pq.read_table(f).to_pylist())
    return out


def timed(label: str, run: Callable[[Path], BatchSummary], work: Path, reference: Path | None) -> Path:
    out = work / label.replace(" ", "-")
    t0 = time.perf_counter()
    summary = run(out)
    wall = time.perf_counter() - t0
    same = "" if reference is None else ("  (dataset equal to one process)" if rows(out) == rows(reference)
                                         else "  DATASET DIFFERS")
    print(f"{label:<34}{summary.projects / wall:8.0f} projects/s  {wall:6.1f} s{same}", flush=True)
    return out


def start_cluster(port: int, work: Path) -> list[subprocess.Popen[bytes]]:
    dask = str(Path(sys.executable).with_name("dask"))
    env = os.environ | {"PYTHONPATH": os.pathsep.join(sys.path)}
    address = f"tcp://127.0.0.1:{port}"
    procs = [subprocess.Popen([dask, "scheduler", "--host", "127.0.0.1", "--port", str(port),
                               "--dashboard-address", f"127.0.0.1:{port + 1}"], env=env, cwd=work,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)]
    procs.append(subprocess.Popen([dask, "worker", address, "--nworkers", "2", "--nthreads", "1",
                                   "--no-dashboard", "--local-directory", str(work)], env=env, cwd=work,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
    from distributed import Client

    deadline = time.monotonic() + 60
    while True:
        try:
            with Client(address, timeout=5) as client:
                client.wait_for_workers(2, timeout=55)
            return procs
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.5)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--files", type=int, default=40)
    parser.add_argument("--projects", type=int, default=250, help="projects per file")
    parser.add_argument("--port", type=int, default=18744, help="scheduler port (dashboard: port + 1)")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="jixiao-batch-bench-"))
    try:
        corpus = work / "corpus"
        corpus.mkdir()
        make_files(corpus, args.files, args.projects)
        files = sorted(corpus.iterdir())
        size = sum(f.stat().st_size for f in files) / 1e6
        print(f"corpus: {args.files} files x {args.projects} projects ({size:.1f} MB), "
              f"{os.cpu_count()} cores")
        one = timed("one process (--workers 0)", lambda out: run_batch(files, out, workers=0), work, None)
        timed("LocalCluster, 1 worker", lambda out: run_batch(files, out, workers=1), work, one)
        timed("LocalCluster, 2 workers", lambda out: run_batch(files, out, workers=2), work, one)
        procs = start_cluster(args.port, work)
        try:
            address = f"tcp://127.0.0.1:{args.port}"
            timed("dask scheduler + worker (2 procs)", lambda out: run_batch(files, out, scheduler=address),
                  work, one)
        finally:
            for proc in procs[::-1]:
                proc.terminate()
                proc.wait(timeout=30)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
