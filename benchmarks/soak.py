"""Soak test: 16 readers and 4 writers against ``jixiao serve`` for a bounded time.

Usage: ``python benchmarks/soak.py [--seconds 60] [--projects 100000] [--db URL] [--keep]``.

1. Builds a store of ``--projects`` generated projects (``benchmarks/web.py``'s generator; a new
   SQLite file unless ``--db postgresql+psycopg://…``) and four unit users sharing one unit.
2. Starts ``jixiao serve`` on 127.0.0.1.
3. Readers: three ``wrk`` processes (Debian package ``wrk``), 6 + 5 + 5 connections, on random
   approved project pages, searches and list pages. Writers: a separate Python process
   (``soak_writers.py``), four users editing the same indicators with the version check.
4. Prints p50/p95/p99 per endpoint, the 5xx count (must be 0), lost updates (must be 0) and
   ``jixiao audit verify``'s verdict (must pass); exits 1 when any of the three fails.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

from soak_writers import PASSWORD
from sqlalchemy import select

from jixiao.store import audit_chain
from jixiao.store.database import make_engine, session_factory
from jixiao.store.schema import ProjectRow
from jixiao.store.users import add_user
from web import COUNTIES, QUERIES, build, percentile, start_server, stored_approved

HERE = Path(__file__).parent
WRITERS = ("soak1", "soak2", "soak3", "soak4")
LUA = """
local paths = {%s}
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) fivexx = 0; math.randomseed(os.time() + math.floor(os.clock() * 1e6)) end
function request() return wrk.format("GET", paths[math.random(#paths)]) end
function response(status, headers, body) if status >= 500 then fivexx = fivexx + 1 end end
function done(summary, latency, requests)
  local total = 0
  for _, t in ipairs(threads) do total = total + t:get("fivexx") end
  local e = summary.errors
  io.write(string.format('{"requests": %%d, "p50": %%.3f, "p95": %%.3f, "p99": %%.3f, "fivexx": %%d, ' ..
    '"socket_errors": %%d, "timeouts": %%d, "non2xx3xx": %%d}\\n', summary.requests,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000, total,
    e.connect + e.read + e.write, e.timeout, e.status))
end
"""


def _writers(url: str) -> list[int]:
    """Four unit users of one unit with two editable projects; those projects' ids."""
    engine = make_engine(url)
    with session_factory(engine)() as session:
        rows = session.execute(select(ProjectRow.id, ProjectRow.unit_code)
                               .where(ProjectRow.status == "draft").order_by(ProjectRow.id).limit(400)).all()
        units: dict[str, list[int]] = {}
        for project, unit in rows:
            units.setdefault(unit or "", []).append(project)
        unit, projects = max(units.items(), key=lambda item: len(item[1]))
        for name in WRITERS:
            try:
                add_user(session, name, PASSWORD, "unit", unit_code=unit)
                session.commit()
            except Exception:  # already there (a store kept from an earlier run)
                session.rollback()
    engine.dispose()
    return projects[:2]


def _wrk(folder: Path, name: str, paths: list[str], connections: int, seconds: int,
         base: str) -> subprocess.Popen[str]:
    script = folder / f"{name}.lua"
    script.write_text(LUA % ", ".join(json.dumps(p) for p in paths), encoding="utf-8")
    command = ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s", "-s", str(script), base]
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def _wrk_result(process: subprocess.Popen[str]) -> dict[str, float]:
    output, _ = process.communicate()
    line = next((x for x in output.splitlines() if x.startswith('{"requests"')), None)
    if line is None:
        raise SystemExit(f"wrk failed:\n{output}")
    result: dict[str, float] = json.loads(line)
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--projects", type=int, default=100_000)
    parser.add_argument("--db", default=None, help="database URL (default: a new SQLite file)")
    parser.add_argument("--keep", action="store_true", help="keep the generated SQLite file")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk not found: apt-get install -y wrk")
    folder = Path(tempfile.mkdtemp(prefix="jixiao-soak-"))
    url = args.db or f"sqlite:///{folder / 'soak.db'}"
    started = time.perf_counter()
    approved = stored_approved(url, args.projects) or build(url, args.projects)
    print(f"store of {args.projects} projects ready in {time.perf_counter() - started:.0f} s",
          file=sys.stderr)
    projects = _writers(url)
    os.environ.setdefault("JIXIAO_SECRET_KEY", secrets.token_urlsafe(48))
    server, base = start_server(url, 1)
    rng = random.Random(3)
    readers = {
        "project page  GET /projects/{id}": ([f"/projects/{i}" for i in rng.sample(approved, min(
            5000, len(approved)))], 6),
        "search        GET /api/v1/search": ([f"/api/v1/search?q={quote(q)}" for q in QUERIES], 5),
        "list API      GET /api/v1/projects": ([
            f"/api/v1/projects?region={quote(r)}&year={y}&limit=50&offset={o}"
            for r in COUNTIES for y in range(2021, 2025) for o in range(0, 500, 50)], 5),
    }
    try:
        wrks = {label: _wrk(folder, f"r{n}", paths, conns, args.seconds, base)
                for n, (label, (paths, conns)) in enumerate(readers.items())}
        writer = subprocess.run(
            [sys.executable, str(HERE / "soak_writers.py"), base, str(args.seconds), ",".join(WRITERS),
             ",".join(map(str, projects))], capture_output=True, text=True, check=False)
        if writer.returncode:
            raise SystemExit(f"the writers failed:\n{writer.stderr}")
        results = {label: _wrk_result(p) for label, p in wrks.items()}
        writes = json.loads(writer.stdout)
        if writes["failures"]:
            print("writer failures:", *writes["failures"], sep="\n  ", file=sys.stderr)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(10)
    engine = make_engine(url)
    with session_factory(engine)() as session:
        verdict = audit_chain.verify(session)
    engine.dispose()
    print(f"\n{args.projects} projects, {args.seconds} s, 16 readers (wrk) + 4 writers, 1 server worker, "
          f"{engine.dialect.name}, cpu count {os.cpu_count()}")
    print(f"{'endpoint':<40} {'requests':>9} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'5xx':>5}")
    fivexx = 0
    for label, r in results.items():
        fivexx += int(r["fivexx"])
        print(f"{label:<40} {int(r['requests']):>9} {r['p50']:>8.1f} {r['p95']:>8.1f} {r['p99']:>8.1f} "
              f"{int(r['fivexx']):>5}   (socket errors {int(r['socket_errors'])}, timeouts "
              f"{int(r['timeouts'])})")
    lat = writes["latencies"] or [0.0]
    writer_5xx = sum(v for k, v in writes["codes"].items() if k.startswith("5"))
    fivexx += writer_5xx
    print(f"{'edit          PUT /api/v1/indicators/{id}':<40} {len(writes['latencies']):>9} "
          f"{percentile(lat, 50):>8.1f} {percentile(lat, 95):>8.1f} {percentile(lat, 99):>8.1f} "
          f"{writer_5xx:>5}"
          f"   (answers {writes['codes']} on {writes['indicators']} shared indicators)")
    print(f"5xx: {fivexx}   lost updates: {writes['lost_updates']} ({writes['writes']} writes stored)   "
          f"audit chain: {'ok' if verdict.ok else 'BROKEN'} ({verdict.rows} rows)")
    if not args.keep and args.db is None:
        shutil.rmtree(folder, ignore_errors=True)
    elif args.keep:
        print(f"kept {url}", file=sys.stderr)
    return 0 if fivexx == 0 and writes["lost_updates"] == 0 and verdict.ok else 1


if __name__ == "__main__":
    sys.exit(main())
