"""End-to-end timing of ``jixiao parse`` and ``jixiao check --format json`` (process start to JSON
written), as a ratio against another checkout run alternately in the same minutes.

Usage: ``python benchmarks/endtoend.py [--projects 5000] [--rounds 3] [--baseline OTHER/src]
[--memory-mb 50] [--compile-each-run]``.

The document is ``benchmarks/parse.py``'s generated list table. Each run is a fresh ``jixiao``
process; its CPU seconds (user + system, from ``wait4``), wall seconds and peak resident memory are
taken from the kernel, so a busy shared machine shows in wall time but barely in CPU time. With
``--baseline``, the same command runs from that source tree (``PYTHONPATH``) alternately with this
one, and the medians' ratio is printed: the figure to quote on a shared machine. ``--memory-mb``
also parses and checks a document of about that size and prints peak memory against the input size.

``jixiao parse`` reads a large table on every core (``--jobs``, issue 11): its wall time is the figure
of the target, its CPU about the same as on one core; ``parse-j1`` is this tree with ``--jobs 1``.
The load average is printed: wall times are only worth quoting from an otherwise idle machine.

The runs use compiled bytecode, as an installed jixiao does (pip compiles it at install): each tree's
bytecode is written once, by a first untimed run, under a temporary ``PYTHONPYCACHEPREFIX`` (the
trees themselves are not written to), even where ``PYTHONDONTWRITEBYTECODE`` is set.
``--compile-each-run`` keeps that variable as the environment has it (this sandbox sets it: every
run then compiles jixiao's ~40 modules from source, ~0.03 s of CPU, as the figures before issue 11's
fourth session were taken).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from parse import build_document

ROOT = Path(__file__).resolve().parents[1]
JIXIAO = Path(sys.executable).with_name("jixiao")
BYTES_PER_PROJECT = 980  # about, for build_document


#: Where the runs' bytecode goes (None: as the environment says, see ``--compile-each-run``).
PYCACHE: Path | None = None


def run(command: list[str], src: Path) -> tuple[float, float, float]:
    """(CPU s, wall s, peak RSS MiB) of one ``jixiao`` run with ``src`` first on the path."""
    env = {**os.environ, "PYTHONPATH": str(src)}
    if PYCACHE is not None:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(PYCACHE)
    start = time.perf_counter()
    with open(os.devnull, "wb") as sink:
        proc = subprocess.Popen([str(JIXIAO), *command], stdout=sink, stderr=subprocess.DEVNULL, env=env)
        _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) not in (0, 1):  # check exits 1 when there are findings
        raise SystemExit(f"{command}: exit {os.waitstatus_to_exitcode(status)}")
    return usage.ru_utime + usage.ru_stime, wall, usage.ru_maxrss / 1024


def compare(label: str, command: list[str], projects: int, rounds: int, baseline: Path | None) -> None:
    sides = [("this", ROOT / "src")] + ([("baseline", baseline)] if baseline else [])
    results: dict[str, list[tuple[float, float, float]]] = {name: [] for name, _ in sides}
    if PYCACHE is not None:
        for _, src in sides:  # writes the bytecode; not timed
            run(command, src)
    for _ in range(rounds):
        for name, src in sides:
            results[name].append(run(command, src))
    for name, rows in results.items():
        cpu = statistics.median(r[0] for r in rows)
        wall = statistics.median(r[1] for r in rows)
        rss = max(r[2] for r in rows)
        print(f"{label:<8} {name:<9} CPU {cpu:6.2f} s ({projects / cpu:6,.0f} projects/s)   "
              f"wall {wall:6.2f} s ({projects / wall:6,.0f} projects/s)   peak {rss:5.0f} MiB")
    if baseline:
        ratio = statistics.median(r[0] for r in results["baseline"]) / statistics.median(
            r[0] for r in results["this"])
        print(f"{label:<8} speed-up against the baseline (median CPU, {rounds} alternated rounds): "
              f"{ratio:.2f}x")


def memory(megabytes: float, folder: Path) -> None:
    projects = int(megabytes * 1e6 / BYTES_PER_PROJECT)
    path = folder / "memory.txt"
    path.write_text(build_document(projects), encoding="utf-8")
    size = path.stat().st_size / 2**20
    for label, command in (("parse", ["parse", str(path)]),
                           ("check", ["check", "--format", "json", str(path)])):
        cpu, wall, rss = run(command, ROOT / "src")
        print(f"{label} of {size:.0f} MiB ({projects:,} projects): peak {rss:,.0f} MiB = "
              f"{rss / size:.1f}x the input (CPU {cpu:.1f} s, wall {wall:.1f} s)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--projects", type=int, default=5000)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--baseline", type=Path, help="another checkout's src/ to compare against")
    ap.add_argument("--memory-mb", type=float, default=0, help="also measure peak memory on this size")
    ap.add_argument("--only", choices=["parse", "check"], help="time one command only")
    ap.add_argument("--compile-each-run", action="store_true",
                    help="no bytecode cache of its own (PYTHONDONTWRITEBYTECODE as the environment sets it)")
    args = ap.parse_args()
    global PYCACHE
    with tempfile.TemporaryDirectory(prefix="jixiao-e2e-") as tmp:
        if not args.compile_each_run:
            PYCACHE = Path(tmp) / "pycache"
        doc = Path(tmp) / "bench.txt"
        doc.write_text(build_document(args.projects), encoding="utf-8")
        print(f"document: {args.projects} projects, {doc.stat().st_size / 2**20:.1f} MiB "
              "(benchmarks/parse.py); bytecode "
              + ("compiled in every run" if PYCACHE is None else "compiled once, as installed"))
        commands = {"parse": ["parse", str(doc)], "check": ["check", "--format", "json", str(doc)]}
        for label, command in commands.items():
            if args.only in (None, label):
                compare(label, command, args.projects, args.rounds, args.baseline)
            if label == "parse" and args.only in (None, label):  # this tree on one core, for reference
                compare("parse-j1", ["parse", "--jobs", "1", str(doc)], args.projects, args.rounds, None)
        print(f"load average at the end: {' '.join(f'{x:.1f}' for x in os.getloadavg())} "
              f"(wall time is only meaningful on an otherwise idle machine: parse uses every core)")
        if args.memory_mb:
            memory(args.memory_mb, Path(tmp))


if __name__ == "__main__":
    main()
