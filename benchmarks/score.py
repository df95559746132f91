"""Throughput of the self-evaluation scoring engine (``jixiao score`` without the parsing).

Usage: ``python benchmarks/score.py [--projects 5000] [--repeat 3] [--profile czy2020-10] [--rounds 200]``.

First the real published self-evaluations: every document of ``tests/corpus`` labelled ``selfeval``
(the five of shared/corpus/published and the found ones), parsed once, then recomputed ``--rounds``
times; rows per second of CPU time over their indicator and budget rows (parsing not included).
Then a generated load:
Generates self-evaluation documents in memory: each project has a budget-execution block and ten
indicator rows of every kind (≥ counts and percents, ≤ costs, "=", deadlines, qualitative rows with
a stated band, "无", blanks), with varied actual values so the value grammar's cache does not see
only a few strings, and published scores. Prints indicator rows per second of CPU time on one core
(target ≥ 20,000) for :func:`jixiao.services.score_document`, JSON result included.
"""

from __future__ import annotations

import argparse
import json
import random
import time
from decimal import Decimal
from pathlib import Path

from jixiao.model.document import Document, Indicator, Project
from jixiao.parse.values import parse_normalised, parse_value
from jixiao.services import parse_file, score_document

CORPUS = Path(__file__).resolve().parents[1] / "tests" / "corpus"

D = Decimal


def _row(rng: random.Random, k: int, year: int) -> Indicator:
    kind = k % 10
    if kind in (0, 1):
        target, actual = rng.randint(10, 5000), rng.randint(0, 6000)
        written, done = f"≥{target}人次", f"{actual}人次"
    elif kind in (2, 3):
        target = rng.randint(80, 100)
        written, done = f"≥{target}%", f"{rng.randint(6000, 10000) / 100}%"
    elif kind == 4:
        target = rng.randint(10, 500)
        written, done = f"≤{target}万元", f"{rng.randint(5, 700)}万元"
    elif kind == 5:
        written, done = "=100%", rng.choice(("100%", "98%", "99.5%"))
    elif kind == 6:
        written = f"{year}年{rng.randint(6, 12)}月底前"
        done = f"{year}年{rng.randint(1, 12)}月{rng.randint(1, 28)}日"
    elif kind == 7:
        written, done = "≤0起", rng.choice(("无", "0起", "1起"))
    elif kind == 8:
        written, done = "有效", rng.choice(("达成预期指标", "基本完成", "未达到", "有效"))
    else:
        written, done = f"≥{rng.randint(85, 95)}%", rng.choice(("", "—", "完成率98%"))
    parsed = parse_value(written, year)
    level1 = ("产出指标", "效益指标", "满意度指标")[0 if kind < 6 else 1 if kind < 9 else 2]
    return Indicator(level1, "数量指标", f"指标{k}", parsed.operator, parsed.value, parsed.kind, parsed.unit,
                     written, weight=D(10), actual=done, score=D(rng.randint(0, 1000)) / 100)


def generate(projects: int, rng: random.Random, year: int = 2023) -> Document:
    doc = Document(year=year, kind="selfeval", layout="selfeval", source="bench")
    for p in range(1, projects + 1):
        budget = D(rng.randint(1000, 100000)) / 100
        project = Project(str(p), f"项目{p}", budget)
        project.funds = {"年度资金总额/全年预算数": budget,
                         "年度资金总额/全年执行数": budget * D(rng.randint(60, 100)) / 100,
                         "年度资金总额/得分": D(rng.randint(6, 10))}
        project.extra = {"总分": f"100 | {rng.randint(60, 100)} | 优"}
        project.indicators = [_row(rng, k, year) for k in range(9)]
        doc.projects.append(project)
    return doc


def published(corpus: Path = CORPUS) -> list[Document]:
    """The labelled self-evaluations of the corpus, parsed (the label names the file)."""
    docs = []
    for label in sorted((corpus / "labels").glob("*.json")):
        data = json.loads(label.read_text("utf-8"))
        if data.get("kind") == "selfeval":
            docs.append(parse_file(corpus / data["file"]))
    return docs


def bench_published(profile: str, rounds: int) -> None:
    docs = published()
    rows = sum(len(p["rows"]) for d in docs for p in score_document(d, profile)["projects"])
    recomputed = sum(r["recomputed"] is not None for d in docs for p in score_document(d, profile)["projects"]
                     for r in p["rows"])
    c0 = time.process_time()
    for _ in range(rounds):
        parse_normalised.cache_clear()
        for doc in docs:
            score_document(doc, profile)
    cpu = time.process_time() - c0
    print(f"published self-evaluations: {len(docs)} documents, {rows} rows ({recomputed} recomputed) "
          f"x {rounds} rounds: {cpu:.3f} s CPU -> {rows * rounds / cpu:,.0f} rows/s on one core "
          f"(target >= 20,000); {recomputed * rounds / cpu:,.0f} recomputed rows/s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--projects", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--profile", default="czy2020-10")
    parser.add_argument("--rounds", type=int, default=200, help="recomputations of the published corpus")
    args = parser.parse_args()
    bench_published(args.profile, args.rounds)
    doc = generate(args.projects, random.Random(0))
    rows = sum(len(p.indicators) + 1 for p in doc.projects)  # + the budget row
    score_document(generate(10, random.Random(1)), args.profile)  # warm-up: imports
    best = cpu = float("inf")
    for _ in range(args.repeat):
        parse_normalised.cache_clear()  # actual values are read cold, as a fresh process would
        t0, c0 = time.perf_counter(), time.process_time()
        result = score_document(doc, args.profile)
        t1, c1 = time.perf_counter(), time.process_time()
        best, cpu = min(best, t1 - t0), min(cpu, c1 - c0)
    summary = result["summary"]
    print(f"profile {args.profile}: {args.projects} projects, {rows} scored rows "
          f"({summary['match']} match, {summary['differs']} differ, {summary['not_scored']} not scored)")
    print(f"score_document: {best:.3f} s wall, {cpu:.3f} s CPU -> {rows / cpu:,.0f} rows/s on one core "
          f"(target >= 20,000)")


if __name__ == "__main__":
    main()
