"""``jixiao check --format json`` end to end, split into parsing and the rest (issue 11).

Usage: ``python benchmarks/check_split.py [--projects 5000] [--rounds 5] [--baseline OTHER/src]
[--bytecode]``.

Two fresh processes per round and tree, alternated with the baseline's: ``jixiao check --format json
DOC`` (process start to JSON written) and a parse-only process (interpreter start, ``read_document``,
``os._exit``: no output, no freeing at exit). Their CPU seconds (user + system, from ``wait4``) are
printed with the difference, **what check costs beyond parsing**: the review's imports (click, the rule
modules, jieba), the review, sorting, the findings JSON and leaving the process. The parser and the
review are sped up separately; the two medians add up to the check.

``--bytecode``: both trees run with their bytecode cached (``PYTHONPYCACHEPREFIX`` in a temporary
folder, one warm-up run each), as an installed jixiao does; without it the environment decides (a
sandbox with ``PYTHONDONTWRITEBYTECODE=1`` compiles every module at every start, ~0.05 s more on both).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from parse import build_document

ROOT = Path(__file__).resolve().parents[1]
JIXIAO = Path(sys.executable).with_name("jixiao")
PARSE_ONLY = ("import os, sys\nfrom jixiao.services import read_document\n"
              "read_document(sys.argv[1])\nos._exit(0)\n")


def cpu(argv: list[str], env: dict[str, str]) -> float:
    """CPU seconds (user + system) of one process."""
    with open(os.devnull, "wb") as sink:
        proc = subprocess.Popen(argv, stdout=sink, stderr=subprocess.DEVNULL, env=env)
        _, status, usage = os.wait4(proc.pid, 0)
    if os.waitstatus_to_exitcode(status) not in (0, 1):  # check exits 1 when there are findings
        raise SystemExit(f"{argv}: exit {os.waitstatus_to_exitcode(status)}")
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--projects", type=int, default=5000)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--baseline", type=Path, help="another checkout's src/ to compare against")
    ap.add_argument("--bytecode", action="store_true", help="cache both trees' bytecode (see above)")
    args = ap.parse_args()
    sides = [("this", ROOT / "src")] + ([("baseline", args.baseline)] if args.baseline else [])
    with tempfile.TemporaryDirectory(prefix="jixiao-split-") as tmp:
        doc = Path(tmp) / "bench.txt"
        doc.write_text(build_document(args.projects), encoding="utf-8")
        base = dict(os.environ)
        if args.bytecode:
            base.pop("PYTHONDONTWRITEBYTECODE", None)
            base["PYTHONPYCACHEPREFIX"] = str(Path(tmp) / "pycache")
        commands = {"check": [str(JIXIAO), "check", "--format", "json", str(doc)],
                    "parse": [sys.executable, "-c", PARSE_ONLY, str(doc)]}
        times: dict[tuple[str, str], list[float]] = {(s, c): [] for s, _ in sides for c in commands}
        for round_ in range(args.rounds + (1 if args.bytecode else 0)):
            for side, src in sides:
                env = {**base, "PYTHONPATH": str(src)}
                for name, argv in commands.items():
                    took = cpu(argv, env)
                    if round_ or not args.bytecode:  # the first round of --bytecode only compiles
                        times[side, name].append(took)
        n = args.projects
        print(f"document: {n} projects ({doc.stat().st_size / 2**20:.1f} MiB, benchmarks/parse.py); "
              f"CPU seconds, median of {args.rounds} alternated rounds"
              + (", bytecode cached" if args.bytecode else ""))
        rest: dict[str, float] = {}
        for side, _ in sides:
            check = statistics.median(times[side, "check"])
            parse = statistics.median(times[side, "parse"])
            rest[side] = check - parse
            print(f"{side:<9} check {check:5.2f} s ({n / check:6,.0f} projects/s)   "
                  f"parse only {parse:5.2f} s   check beyond parsing {rest[side]:5.2f} s")
        if args.baseline:
            for name in commands:
                ratio = statistics.median(times["baseline", name]) / statistics.median(times["this", name])
                print(f"{name}: baseline / this = {ratio:.2f}x")
            print(f"check beyond parsing: baseline / this = {rest['baseline'] / rest['this']:.2f}x")


if __name__ == "__main__":
    main()
