"""Export time and peak memory for large generated documents (list layout unless told otherwise).

Usage: ``python benchmarks/export.py [--projects 1000 10000] [--formats xlsx pdf] [--layout list]``.

Each (format, size) runs in a fresh child process so that its peak resident memory (``ru_maxrss``,
which includes WeasyPrint's and pango's C allocations) is its own; CPU seconds (the process's and its
worker processes') are printed beside wall seconds because the machine may be shared; the peak is the
larger of the process's and its largest worker's. The progress bar of each export is
drawn on stderr. The document is generated with a fixed seed from the vocabulary of real tables:
7 to 14 indicators per project over 产出/效益/满意度, two goals with commitments, two unit levels.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import resource
import subprocess
import sys
import time
from decimal import Decimal

from jixiao.export import export_bytes
from jixiao.model import Document, Goal, Indicator, Project, Unit, ValueKind

VOCABULARY = [
    ("产出指标", "数量指标", [("举办活动天数", "天"), ("举办场次", "次"), ("印刷宣传资料", "份"),
                              ("培训人次", "人次")]),
    ("产出指标", "质量指标", [("验收合格率", "%"), ("资金到位率", "%"), ("考核达标率", "%")]),
    ("产出指标", "时效指标", [("工作完成时限", "date"), ("资金下达及时率", "%")]),
    ("产出指标", "成本指标", [("单次宣传成本", "万元"), ("平均建设成本", "万元")]),
    ("效益指标", "社会效益指标", [("政策知晓率", "%"), ("服务质量提升", "text")]),
    ("效益指标", "可持续影响指标", [("宣传机制健全性", "text"), ("人员配备合理性", "text")]),
    ("满意度指标", "服务对象满意度指标", [("职工满意度", "%"), ("服务对象满意度", "%")]),
]
QUALITATIVE = ("健全", "合理", "提升", "及时", "改善")
PURPOSES = ("开展职工技能培训", "改善基层办公条件", "宣传政策法规", "慰问困难职工", "维护职工合法权益")


def _indicator(rng: random.Random, l1: str, l2: str, name: str, unit: str) -> Indicator:
    if unit == "text":
        value: Decimal | dt.date | str = rng.choice(QUALITATIVE)
        return Indicator(l1, l2, name, "定性", value, ValueKind.TEXT, None, f"{name} {value}")
    if unit == "date":
        value = dt.date(2024, rng.randint(1, 12), rng.randint(1, 28))
        return Indicator(l1, l2, name, "=", value, ValueKind.DATE, None, f"{name} {value}")
    kind = ValueKind.PERCENT if unit == "%" else ValueKind.NUMBER
    number = Decimal(rng.randint(60, 100)) if unit == "%" else Decimal(rng.randint(1, 3000)) / 10
    op = rng.choice(["=", "≥", "≤"])
    return Indicator(l1, l2, name, op, number, kind, unit, f"{name} {op}{number}{unit}")


def generate(projects: int, seed: int = 2024) -> Document:
    rng = random.Random(seed)
    units = [Unit("900", "生成示例局", None), Unit("900001", "生成示例局本级", None, parent="900")]
    items: list[Project] = []
    for i in range(1, projects + 1):
        indicators = []
        for l1, l2, names in VOCABULARY:
            for name, unit in rng.sample(names, k=min(len(names), rng.randint(1, 2))):
                indicators.append(_indicator(rng, l1, l2, name, unit))
        purpose = rng.choice(PURPOSES)
        goals = [Goal(f"目标一：{purpose}，全年不少于{rng.randint(2, 20)}次。"),
                 Goal(f"目标二：通过控制成本，单次费用不高于{rng.randint(1, 9)}万元。")]
        amount = Decimal(rng.randint(1, 50000)) / 100
        items.append(Project(str(i), f"{purpose}项目（{i}）", amount, "900001", goals, indicators))
    total = sum((p.amount for p in items if p.amount is not None), Decimal(0))
    for unit in units:
        unit.amount = total
    return Document(title="生成示例局2024年部门预算项目支出绩效目标公开表", year=2024, total=total,
                    units=units, projects=items)


def _children_cpu() -> float:
    """CPU seconds of this process's finished children (the PDF layout workers, fc-match)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_one(fmt: str, projects: int, layout: str) -> dict[str, object]:
    """Generate, export with a progress bar, report wall time and this process's peak RSS."""
    doc = generate(projects)
    start, cpu_start, children_start = time.perf_counter(), time.process_time(), _children_cpu()
    data = export_bytes(doc, fmt, layout, progress=True)
    seconds = time.perf_counter() - start
    cpu = time.process_time() - cpu_start + _children_cpu() - children_start
    peak_mib = max(resource.getrusage(who).ru_maxrss for who in (resource.RUSAGE_SELF,
                                                                  resource.RUSAGE_CHILDREN)) / 1024
    return {"format": fmt, "layout": layout, "projects": projects,
            "indicators": sum(len(p.indicators) for p in doc.projects), "seconds": round(seconds, 1),
            "cpu_seconds": round(cpu, 1),
            "peak_rss_mib": round(peak_mib), "bytes": len(data)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--projects", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--formats", nargs="+", default=["xlsx", "pdf"])
    parser.add_argument("--layout", default="list")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(run_one(args.formats[0], args.projects[0], args.layout)))
        return
    print(f"{'format':<6} {'layout':<8} {'projects':>8} {'indicators':>10} {'wall s':>8} {'CPU s':>8} "
          f"{'peak MiB':>8} {'KB out':>8}")
    for fmt in args.formats:
        for n in args.projects:
            command = [sys.executable, __file__, "--child", "--formats", fmt, "--projects", str(n),
                       "--layout", args.layout]
            child = subprocess.run(command, stdout=subprocess.PIPE, check=True, text=True)
            r = json.loads(child.stdout)
            print(f"{r['format']:<6} {r['layout']:<8} {r['projects']:>8} {r['indicators']:>10} "
                  f"{r['seconds']:>8} {r['cpu_seconds']:>8} {r['peak_rss_mib']:>8} "
                  f"{int(str(r['bytes'])) // 1000:>8}", flush=True)


if __name__ == "__main__":
    main()
