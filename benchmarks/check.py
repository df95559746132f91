"""Throughput of ``jixiao check``: parse + review of a large generated list-layout document.

Usage: ``python benchmarks/check.py [--projects 5000] [--repeat 3]``. The document repeats the seed
table's five projects with varied names, goals and values (so caches do not see only five strings),
and prints projects per second for parsing, for the review with every rule on, and for both.
Every timed run starts with empty memo caches (parser and review), as a fresh process would.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from decimal import Decimal
from pathlib import Path

from jixiao.review.config import ReviewConfig
from jixiao.review.engine import review
from jixiao.services import parse_bytes

SEED = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "menyuan-2023.txt"
PLACES = ("城关镇", "浩门镇", "青石嘴镇", "泉口镇", "东川镇", "北山乡", "阴田乡", "仙米乡", "珠固乡",
          "苏吉滩乡", "皇城乡", "西滩乡", "麻莲乡", "旱台村", "老龙湾村", "寺尔沟村", "药草台村", "克图村")
TOPICS = ("职工", "女职工", "农民工", "困难职工", "劳模", "青年职工", "退休职工", "一线职工")


def _project_lines(seed_text: str) -> list[str]:
    return [line for line in seed_text.splitlines() if re.match(r"^[1-5]\t", line)]


def generate(n: int, rng: random.Random) -> bytes:
    seed_text = SEED.read_text(encoding="utf-8")
    templates = _project_lines(seed_text)
    rows: list[str] = []
    total = Decimal(0)
    for i in range(1, n + 1):
        line = templates[(i - 1) % len(templates)]
        place, topic = rng.choice(PLACES), rng.choice(TOPICS)
        _, name, amount, rest = line.split("\t", 3)
        value = Decimal(amount) + Decimal(rng.randint(0, 300)) / 100
        total += value
        rest = rest.replace("职工", topic).replace("≥10个", f"≥{rng.randint(2, 30)}个")
        rest = rest.replace("90%", f"{rng.randint(80, 99)}%")
        rows.append(f"{i}\t{place}{name}\t{value}\t{rest}")
    header = seed_text.split("\n1\t", 1)[0]
    header = re.sub(r"435\.21", str(total), header)
    return (header + "\n" + "\n".join(rows) + "\n").encode("utf-8")


def cold_caches() -> None:
    """Empty every memo cache in jixiao (parser and review), as a fresh process would start; only
    jieba's loaded dictionary is kept (the warm-up pays for it once)."""
    for name, module in list(sys.modules.items()):
        if not name.startswith("jixiao"):
            continue
        for attr in vars(module).values():
            clear = getattr(attr, "cache_clear", None)
            if callable(clear) and getattr(attr, "__name__", "") != "_cutter":
                clear()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--projects", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    data = generate(args.projects, random.Random(0))
    review(parse_bytes(SEED.read_bytes(), "seed.txt"))  # warm-up: imports, jieba's dictionary
    best_parse = best_review = cpu_parse = cpu_review = float("inf")
    for _ in range(args.repeat):
        cold_caches()
        t0, c0 = time.perf_counter(), time.process_time()
        doc = parse_bytes(data, "bench.txt")
        t1, c1 = time.perf_counter(), time.process_time()
        report = review(doc, ReviewConfig(max_findings_per_rule=10**9))
        t2, c2 = time.perf_counter(), time.process_time()
        best_parse, best_review = min(best_parse, t1 - t0), min(best_review, t2 - t1)
        cpu_parse, cpu_review = min(cpu_parse, c1 - c0), min(cpu_review, c2 - c1)
    n = len(doc.projects)
    indicators = sum(len(p.indicators) for p in doc.projects)
    print(f"document: {n} projects, {indicators} indicators, {len(data) / 1e6:.1f} MB; "
          f"{len(report.findings)} findings from {len(report.rules_run)} rules (best of {args.repeat})")
    print("                 wall clock                  CPU time (one core; steadier on a busy machine)")
    for label, wall, cpu in (("parse", best_parse, cpu_parse), ("review", best_review, cpu_review),
                             ("parse + review", best_parse + best_review, cpu_parse + cpu_review)):
        print(f"{label:<15}{n / wall:8.0f} projects/s ({wall:5.2f} s)   "
              f"{n / cpu:8.0f} projects/s ({cpu:5.2f} s)")


if __name__ == "__main__":
    main()
