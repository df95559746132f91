"""Throughput of ``jixiao batch``: projects/s into a Parquet dataset, in one process (no Dask), on a
local Dask cluster of 1 and of 2 worker processes (the scaling factor), and on a scheduler and
workers started as separate processes (``dask scheduler``, ``dask worker``), as on a real cluster.

Usage: ``python benchmarks/batch.py [--files 40] [--projects 250] [--port 18744]``

The files are list-layout documents like ``benchmarks/check.py``'s (the seed's projects with varied
names, places and values), each moved to its own county and year so the dataset is partitioned.
Every figure is end to end but for the cluster start (printed apart): hashing, each worker's first
imports, parse, review and writing Parquet, into a fresh dataset that must equal the one-process
one. Beside the wall clock, projects per CPU-second of the workers: the machine is shared, and the
wall clock moves with whatever else runs on it.
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
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from check import generate  # benchmarks/check.py: the seed-like documents

from jixiao.dataset.cluster import run_batch
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


def _cpu() -> float:
    return time.process_time()


def _worker_cpu(address: str | None) -> float:
    """CPU seconds used so far by this process, or by every worker of the cluster at ``address``."""
    if address is None:
        return time.process_time()
    from distributed import Client

    with Client(address, timeout=10) as client:
        return float(sum(client.run(_cpu).values()))


def timed(label: str, files: list[Path], out: Path, address: str | None, reference: Path | None,
          start: float = 0.0) -> float:
    """Run the batch (in this process, or on the cluster at ``address``); print and return the wall
    clock projects/s. ``start``: seconds the cluster took to start (printed, not counted)."""
    cpu0, t0 = _worker_cpu(address), time.perf_counter()
    if address is None:
        summary = run_batch(files, out, workers=0)
    else:
        summary = run_batch(files, out, scheduler=address)
    wall, cpu = time.perf_counter() - t0, _worker_cpu(address) - cpu0
    same = ""
    if reference is not None:
        same = "  same dataset" if rows(out) == rows(reference) else "  DIFFERENT DATASET"
    started = f"  (cluster start {start:4.1f} s)" if start else ""
    print(f"{label:<34}{summary.projects / wall:7.0f} projects/s  {wall:6.1f} s wall  "
          f"{summary.projects / cpu:7.0f} projects per CPU-second{started}{same}", flush=True)
    return summary.projects / wall


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
    from distributed import LocalCluster

    work = Path(tempfile.mkdtemp(prefix="jixiao-batch-bench-"))
    try:
        corpus = work / "corpus"
        corpus.mkdir()
        make_files(corpus, args.files, args.projects)
        files = sorted(corpus.iterdir())
        size = sum(f.stat().st_size for f in files) / 1e6
        print(f"corpus: {args.files} files x {args.projects} projects ({size:.1f} MB); "
              f"{os.cpu_count()} cores, "
              f"load average {os.getloadavg()[0]:.1f} (a shared machine: wall clock varies, CPU is steadier)")
        one = work / "one"
        timed("one process (--workers 0)", files, one, None, None)
        rates = {}
        for n in (1, 2):
            t0 = time.perf_counter()
            with LocalCluster(n_workers=n, threads_per_worker=1, processes=True, scheduler_port=0,
                              dashboard_address=":0", host="127.0.0.1") as cluster:
                start = time.perf_counter() - t0
                rates[n] = timed(f"LocalCluster, {n} worker{'s' if n > 1 else ''}", files, work / f"local{n}",
                                 cluster.scheduler_address, one, start)
        print(f"scaling 1 -> 2 workers: x{rates[2] / rates[1]:.2f} (wall clock)")
        t0 = time.perf_counter()
        procs = start_cluster(args.port, work)
        try:
            timed("dask scheduler + worker (2 procs)", files, work / "separate", f"tcp://127.0.0.1:{args.port}",
                  one, time.perf_counter() - t0)
        finally:
            for proc in procs[::-1]:
                proc.terminate()
                proc.wait(timeout=30)
        print(f"load average at the end {os.getloadavg()[0]:.1f}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
