"""Web latency under concurrent load: project page, search and the list API on 100,000 projects.

Usage: ``python benchmarks/web.py [--projects 100000] [--clients 16] [--requests 1500] [--workers 1]
[--db URL] [--keep]``.

1. Builds a store (a fresh SQLite file unless ``--db``) through the real migrations and fills it
   with generated projects: 1,000 documents over 40 counties and four years, each project with
   a goal, six indicators, a finding and a full-text index entry (jieba-segmented, as imports are).
   80 % of the projects are approved (public), the rest are drafts, submitted or returned.
2. Starts ``jixiao serve`` in its own process on 127.0.0.1.
3. From this process, ``--clients`` concurrent keep-alive clients request, as anonymous visitors,
   random approved project pages (``/projects/{id}``), searches (``/api/v1/search?q=…``) and list
   pages (``/api/v1/projects?region=…&year=…&offset=…``), and the script prints p50/p95/p99
   latency and throughput per endpoint.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import insert

from jixiao.store.database import make_engine, session_factory, upgrade
from jixiao.store.schema import DocumentRow, FindingRow, GoalRow, IndicatorRow, ProjectRow
from jixiao.store.search import bulk_index

COUNTIES = [
    f"{name}县"
    for name in [
        "门源",
        "祁连",
        "海晏",
        "刚察",
        "共和",
        "同德",
        "贵德",
        "兴海",
        "贵南",
        "玛沁",
        "班玛",
        "甘德",
        "达日",
        "久治",
        "玛多",
        "玉树",
        "杂多",
        "称多",
        "治多",
        "囊谦",
        "曲麻莱",
        "乌兰",
        "都兰",
        "天峻",
        "大通",
        "湟源",
        "湟中",
        "平安",
        "民和",
        "乐都",
        "互助",
        "化隆",
        "循化",
        "尖扎",
        "泽库",
        "河南",
        "同仁",
        "格尔木",
        "德令哈",
        "茫崖",
    ]
]
TOPICS = [
    "环卫工人爱心早餐",
    "农村饮水安全",
    "义务教育营养改善",
    "职工技能培训",
    "高标准农田建设",
    "乡村道路养护",
    "困难群众救助",
    "残疾人康复服务",
    "基层医疗卫生",
    "公共文化服务",
    "森林草原防火",
    "河湖长制",
    "城乡低保",
    "退役军人服务",
    "老年人福利",
    "就业创业补贴",
    "中小学校舍维修",
    "畜牧良种补贴",
    "生态护林员",
    "厂务公开宣传",
]
KINDS = ("补助资金", "专项经费", "运行维护经费", "建设项目", "工作经费", "奖补资金")
INDICATORS = (
    ("产出指标", "数量指标", "开展{t}活动", "≥", "number", "次"),
    ("产出指标", "质量指标", "{t}验收合格率", "≥", "percent", "%"),
    ("产出指标", "时效指标", "工作完成时限", "=", "date", None),
    ("产出指标", "成本指标", "{t}单位成本", "≤", "number", "万元"),
    ("效益指标", "社会效益指标", "{t}覆盖率", "≥", "percent", "%"),
    ("满意度指标", "服务对象满意度指标", "服务对象满意度", "≥", "percent", "%"),
)
STATUSES = ["approved"] * 8 + ["draft", "submitted"]
QUERIES = (
    "早餐",
    "饮水安全",
    "营养改善",
    "技能培训",
    "农田",
    "道路养护",
    "救助",
    "康复",
    "医疗卫生",
    "文化服务",
    "防火",
    "河湖",
    "低保",
    "退役军人",
    "老年人",
    "就业",
    "校舍维修",
    "良种",
    "护林员",
    "厂务公开",
    "满意度",
    "覆盖率",
    "合格率",
)


def build(url: str, projects: int, seed: int = 7) -> list[int]:
    """Fill the store; returns the ids of the approved projects."""
    rng = random.Random(seed)
    engine = make_engine(url)
    upgrade(engine)
    per_doc = max(1, projects // 1000)
    approved: list[int] = []
    started = time.perf_counter()
    with session_factory(engine)() as session:
        next_id = 1
        for doc_no in range(-(-projects // per_doc)):
            county, year = COUNTIES[doc_no % len(COUNTIES)], 2021 + doc_no % 4
            unit = f"{100 + doc_no % 500:03d}{doc_no % 7:03d}"
            doc = DocumentRow(
                sha256=f"{doc_no:064x}",
                source=f"generated-{doc_no}.txt",
                region=county,
                year=year,
                kind="target",
                layout="list",
                organisation=f"{county}第{doc_no}单位",
                title=f"{county}{year}年部门预算项目支出绩效目标公开表",
                unparsed=[],
            )
            session.add(doc)
            session.flush()
            rows, goals, indicators, findings, texts = [], [], [], [], []
            for position in range(min(per_doc, projects - (next_id - 1))):
                topic = rng.choice(TOPICS)
                name = f"{county}{topic}{rng.choice(KINDS)}"
                status = rng.choice(STATUSES)
                amount = Decimal(rng.randint(1, 50000)) / 100
                rows.append(
                    {
                        "id": next_id,
                        "document_id": doc.id,
                        "position": position,
                        "seq": str(position + 1),
                        "name": name,
                        "amount": amount,
                        "unit_code": unit,
                        "unit_name": doc.organisation,
                        "region": county,
                        "year": year,
                        "funds": {},
                        "extra": {},
                        "unparsed": [],
                        "status": status,
                        "location": {"source": doc.source, "line": position + 3},
                    }
                )
                times = rng.randint(2, 50)
                goal = f"目标一：通过{topic}项目实施，完成年度任务不少于{times}次，群众满意度达到90%以上。"
                goals.append({"project_id": next_id, "position": 0, "text": goal, "commitments": []})
                names = []
                for i, (l1, l2, template, op, kind, unit_name) in enumerate(INDICATORS):
                    ind_name = template.format(t=topic)
                    names.append(ind_name)
                    value = (
                        f"{year}-12-{rng.randint(1, 28):02d}" if kind == "date" else str(rng.randint(1, 100))
                    )
                    indicators.append(
                        {
                            "project_id": next_id,
                            "position": i,
                            "level1": l1,
                            "level2": l2,
                            "name": ind_name,
                            "operator": op,
                            "value": value,
                            "value_kind": kind,
                            "unit": unit_name,
                            "raw": f"{i + 1}.{ind_name} {op}{value}{unit_name or ''}",
                        }
                    )
                findings.append(
                    {
                        "document_id": doc.id,
                        "project_id": next_id,
                        "rule": "VAL003",
                        "name": "missing-operator",
                        "severity": "info",
                        "context": {},
                        "message": f"指标“{names[-1]}”的目标值没有写明 ≥、≤ 或 =",
                        "project": str(position + 1),
                        "indicator": names[-1],
                    }
                )
                texts.append((next_id, "\n".join([name, doc.organisation or "", goal, *names])))
                if status == "approved":
                    approved.append(next_id)
                next_id += 1
            session.execute(insert(ProjectRow), rows)
            session.execute(insert(GoalRow), goals)
            session.execute(insert(IndicatorRow), indicators)
            session.execute(insert(FindingRow), findings)
            bulk_index(session, texts)
            session.commit()
            if doc_no % 100 == 99:
                print(
                    f"  {next_id - 1} projects stored ({time.perf_counter() - started:.0f} s)",
                    file=sys.stderr,
                )
    engine.dispose()
    return approved


def stored_approved(url: str, projects: int) -> list[int]:
    """The approved ids of a store built by an earlier run (``--db`` given again), else []."""
    from sqlalchemy import func, inspect, select

    engine = make_engine(url)
    try:
        if "projects" not in inspect(engine).get_table_names():
            return []
        with session_factory(engine)() as session:
            if (session.scalar(select(func.count(ProjectRow.id))) or 0) < projects:
                return []
            return list(session.scalars(select(ProjectRow.id).where(ProjectRow.status == "approved")))
    finally:
        engine.dispose()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(url: str, workers: int) -> tuple[subprocess.Popen[bytes], str]:
    port = _free_port()
    jixiao = Path(sys.executable).with_name("jixiao")  # the console script of this environment
    command = [str(jixiao), "serve", "--db", url, "--port", str(port), "--workers", str(workers)]
    command += ["--log-level", "warning"]
    server = subprocess.Popen(command, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            if httpx.get(f"{base}/api/v1/projects?limit=1", timeout=2).status_code == 200:
                return server, base
        except httpx.HTTPError:
            pass
        if server.poll() is not None:
            raise SystemExit(f"server exited with {server.returncode}")
        time.sleep(0.1)
    server.kill()
    raise SystemExit("server did not start")


async def load(base: str, clients: int, requests: int, make_path: Any) -> tuple[list[float], float, int]:
    """``requests`` GETs spread over ``clients`` concurrent clients; latencies in ms, wall time, errors."""
    latencies: list[float] = []
    errors = 0
    queue: asyncio.Queue[str] = asyncio.Queue()
    for _ in range(requests):
        queue.put_nowait(make_path())

    async def client() -> None:
        nonlocal errors
        async with httpx.AsyncClient(base_url=base, timeout=30) as http:
            while not queue.empty():
                path = queue.get_nowait()
                start = time.perf_counter()
                response = await http.get(path)
                latencies.append((time.perf_counter() - start) * 1000)
                errors += response.status_code != 200

    started = time.perf_counter()
    await asyncio.gather(*(client() for _ in range(clients)))
    return latencies, time.perf_counter() - started, errors


def server_cpu_seconds(pid: int) -> float:
    """User + system CPU time of the server process and its workers, from /proc (Linux)."""
    total = 0.0
    pids = [pid]
    children = Path(f"/proc/{pid}/task/{pid}/children")
    if children.exists():
        pids += [int(c) for c in children.read_text().split()]
    for each in pids:
        try:
            fields = Path(f"/proc/{each}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--projects", type=int, default=100_000)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--requests", type=int, default=1500, help="requests per endpoint")
    parser.add_argument("--workers", type=int, default=1, help="server worker processes")
    parser.add_argument("--db", default=None, help="database URL (default: a new SQLite file)")
    parser.add_argument("--keep", action="store_true", help="keep the generated SQLite file")
    args = parser.parse_args()
    folder = tempfile.mkdtemp(prefix="jixiao-bench-")
    url = args.db or f"sqlite:///{Path(folder) / 'bench.db'}"
    started = time.perf_counter()
    approved = stored_approved(url, args.projects)
    if approved:
        print(f"reusing the {args.projects} projects stored in {url}", file=sys.stderr)
    else:
        approved = build(url, args.projects)
        seconds = time.perf_counter() - started
        print(f"built {args.projects} projects ({len(approved)} approved) in {seconds:.0f} s",
              file=sys.stderr)
    server, base = start_server(url, args.workers)
    rng = random.Random(1)
    regions = COUNTIES
    endpoints = {
        "project page  GET /projects/{id}": lambda: f"/projects/{rng.choice(approved)}",
        "search        GET /api/v1/search?q=": lambda: f"/api/v1/search?q={rng.choice(QUERIES)}",
        "list API      GET /api/v1/projects": lambda: (
            f"/api/v1/projects?region={rng.choice(regions)}"
            f"&year={rng.randint(2021, 2024)}&limit=50"
            f"&offset={rng.randrange(0, 1000, 50)}"
        ),
    }
    try:
        asyncio.run(load(base, args.clients, 100, endpoints["project page  GET /projects/{id}"]))  # warm up
        print(
            f"\n{args.projects} projects, {args.clients} concurrent clients, "
            f"{args.workers} server worker(s), "
            f"{args.requests} requests per endpoint, loopback, cpu count {os.cpu_count()}"
        )
        print(f"{'endpoint':<40} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'req/s':>8} {'errors':>7} "
              f"{'cpu ms/req':>9}")
        for label, make_path in endpoints.items():
            cpu = server_cpu_seconds(server.pid)
            latencies, wall, errors = asyncio.run(load(base, args.clients, args.requests, make_path))
            cpu_ms = (server_cpu_seconds(server.pid) - cpu) * 1000 / len(latencies)
            print(
                f"{label:<40} {statistics.median(latencies):>8.1f} {percentile(latencies, 95):>8.1f} "
                f"{percentile(latencies, 99):>8.1f} {len(latencies) / wall:>8.0f} {errors:>7} {cpu_ms:>9.2f}"
            )
        loads = " ".join(f"{x:.1f}" for x in os.getloadavg())
        print(f"load average {loads} (cpu ms/req: the server's own CPU time per request)")
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(10)
        if not args.keep and args.db is None:
            for suffix in ("", "-wal", "-shm"):
                Path(folder, "bench.db" + suffix).unlink(missing_ok=True)
            os.rmdir(folder)
        elif args.keep:
            print(f"kept {url}", file=sys.stderr)


if __name__ == "__main__":
    main()
