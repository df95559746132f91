"""Parser throughput and memory on a large generated list-layout table, and ``jixiao parse`` cold start.

Usage: ``python benchmarks/parse.py [--projects 5000] [--repeat 3] [--cold 5] [--check [--baseline SRC]]``.
``--check`` also times ``jixiao parse`` and ``jixiao check --format json`` end to end on the same
document in fresh processes (``benchmarks/endtoend.py``; with ``--baseline OTHER/src`` alternately
against another checkout, printing the speed-up).

The document is built from the vocabulary of real tables (the seed and the published fixtures):
indicator names, units, operators, heading styles (inline and ``<p>``), goal sentences with
commitments, nested unit codes, a header repeated every 40 projects as after a page break. Every
project gets a different mix, so the parser never sees the same cell twice.
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

from jixiao.parse import values
from jixiao.parse.item_memo import ItemMemo
from jixiao.parse.registry import parse_source
from jixiao.readers.text import read_text

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "tests" / "fixtures" / "menyuan-2023.txt"
HEADER = "单位编码\t单位及项目名称\t金额 (万元)\t绩效目标\t绩效指标"
LEVELS = {
    "产出指标": {
        "数量指标": [("举办活动天数", "天"), ("举办场次", "次"), ("印刷宣传资料", "份"), ("制作展板", "块"),
                     ("补贴人数", "名"), ("培训人次", "人次"), ("种植数量", "株"), ("受益户数", "户")],
        "质量指标": [("验收合格率", "%"), ("资金到位率", "%"), ("考核达标率", "%"), ("覆盖率", "%")],
        "时效指标": [("工作完成时限", "date"), ("资金下达及时率", "%"), ("单次宣传时限", "天")],
        "成本指标": [("单次宣传成本", "万元"), ("平均建设成本", "万元"), ("人均补助标准", "元")],
    },
    "效益指标": {
        "社会效益指标": [("政策知晓率", "%"), ("保障工作顺利运行", "%"), ("服务质量提升", "text")],
        "可持续影响指标": [("宣传机制健全性", "text"), ("人员配备合理性", "text")],
    },
    "满意度指标": {"服务对象满意度指标": [("职工满意度", "%"), ("服务对象满意度", "%")]},
}
QUALITATIVE = ("健全", "合理", "提升", "及时", "改善", "完善")
OPERATORS = ("", "≥", "≤", ">=", "＞＝", "不低于")
CN = "一二三四五六七八九十"
WHO = ("职工", "女职工", "农民工", "困难职工", "退休干部")
WHAT = ("服务", "维权", "培训", "慰问", "宣传")


def _value(rng: random.Random, unit: str) -> str:
    if unit == "text":
        return " " + rng.choice(QUALITATIVE)
    if unit == "date":
        return f" 2024年{rng.randint(1, 12)}月{rng.randint(1, 28)}日"
    number = rng.choice([str(rng.randint(1, 3000)), f"{rng.randint(0, 99)}.{rng.randint(1, 99)}"])
    if unit == "%":
        number = str(rng.randint(60, 100))
    return rng.choice(["", " "]) + rng.choice(OPERATORS) + number + unit


def _indicators(rng: random.Random) -> str:
    html = rng.random() < 0.5
    parts: list[str] = []
    for i, (level1, groups) in enumerate(LEVELS.items()):
        parts.append(f"{CN[i]}、{level1}")
        for j, (level2, items) in enumerate(groups.items()):
            parts.append(f"({CN[j]}){level2}" + rng.choice([":", "", ":"]))
            for k, (name, unit) in enumerate(rng.sample(items, rng.randint(1, len(items)))):
                parts.append(f"{k + 1}.{name}{_value(rng, unit)}")
    return " ".join(f"<p>{p}</p>" for p in parts) if html else " ".join(parts)


def _goals(rng: random.Random) -> str:
    a, b, c, d = rng.randint(1, 9), rng.randint(100, 5000), rng.randint(1, 50), rng.randint(60, 100)
    return (f"目标一：开展宣传不少于{a}次，印刷资料不低于{b}份。"
            f" 目标二：通过成本控制，建设经费不高于{c}万元，覆盖面达{d}%。")


def build_document(projects: int, seed: int = 7, per_unit: int = 5000) -> str:
    """``projects`` projects, numbered from 1 again under a new sub-unit every ``per_unit`` (published
    tables number the projects of each unit; numbers past 9,999 are read too, since issue 11)."""
    rng = random.Random(seed)
    lines = ["某某县总工会2024年部门预算项目支出绩效目标公开表", "", HEADER, f"\t合计\t{projects * 3}.00\t\t",
             "101\t某某县总工会\t\t\t", "101001\t某某县总工会本级\t\t\t"]
    for i in range(projects):
        n = i % per_unit + 1
        if i and n == 1:
            lines.append(f"{101001 + i // per_unit}\t某某县总工会第{i // per_unit + 1}单位\t\t\t")
        if n % 40 == 0:
            lines += ["", HEADER]
        name = f"{rng.choice(WHO)}{rng.choice(WHAT)}项目{n}"
        amount = f"{rng.randint(1, 500)}.{rng.randint(0, 99):02d}"
        lines.append(f"{n}\t{name}\t{amount}\t{_goals(rng)}\t{_indicators(rng)}")
    return "\n".join(lines) + "\n"


def _cold_caches() -> None:
    ItemMemo.cache_clear()
    values.parse_normalised.cache_clear()


def _cold_start(repeat: int) -> float:
    best = float("inf")
    cmd = [str(Path(sys.executable).with_name("jixiao")), "parse", str(SEED)]
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True)
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--projects", type=int, default=5000)
    ap.add_argument("--repeat", type=int, default=5, help="runs; best reported")
    ap.add_argument("--cold", type=int, default=5, help="cold `jixiao parse seed` runs (0: skip)")
    ap.add_argument("--check", action="store_true", help="also parse and check end to end (CLI processes)")
    ap.add_argument("--baseline", type=Path, help="with --check: another checkout's src/ to compare with")
    args = ap.parse_args()
    data = build_document(args.projects).encode()
    source = read_text(data, "bench.txt")
    best_list = best_cpu = best = float("inf")
    for _ in range(args.repeat):
        _cold_caches()  # every run starts with empty memo caches, as a fresh process would
        start, cpu = time.perf_counter(), time.process_time()
        parse_source(source)
        best_list = min(best_list, time.perf_counter() - start)
        best_cpu = min(best_cpu, time.process_time() - cpu)
        _cold_caches()
        start = time.perf_counter()
        doc = parse_source(read_text(data, "bench.txt"))
        best = min(best, time.perf_counter() - start)
    indicators = sum(len(p.indicators) for p in doc.projects)
    left = sum(len(u.text) for p in doc.projects for u in p.unparsed) + sum(len(u.text) for u in doc.unparsed)
    assert len(doc.projects) == args.projects, len(doc.projects)
    tracemalloc.start()
    parse_source(read_text(data, "bench.txt"))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    print(f"input: {args.projects} projects, {indicators} indicators, {len(data) / 2**20:.1f} MiB; "
          f"unparsed chars: {left}")
    print(f"parse (layout detection + list layout): {best_list:.3f} s wall ({best_cpu:.3f} s CPU), "
          f"best of {args.repeat} -> "
          f"{args.projects / best_list:,.0f} projects/s wall, "
          f"{args.projects / best_cpu:,.0f} projects/s CPU, "
          f"{indicators / best_cpu:,.0f} indicators/s CPU")
    print(f"read + parse: {best:.3f} s -> {args.projects / best:,.0f} projects/s wall")
    print(f"peak memory while parsing (tracemalloc): {peak / 2**20:.1f} MiB")
    if args.cold:
        print(f"cold `jixiao parse {SEED.name}`: {_cold_start(args.cold):.3f} s wall, best of {args.cold}")
    if args.check:
        _end_to_end(data, args.projects, args.repeat, args.baseline)


def _end_to_end(data: bytes, projects: int, rounds: int, baseline: Path | None) -> None:
    import tempfile

    from endtoend import compare

    with tempfile.TemporaryDirectory(prefix="jixiao-bench-") as tmp:
        path = Path(tmp) / "bench.txt"
        path.write_bytes(data)
        compare("parse", ["parse", str(path)], projects, rounds, baseline)
        compare("check", ["check", "--format", "json", str(path)], projects, rounds, baseline)


if __name__ == "__main__":
    main()
