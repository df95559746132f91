"""Where a web request's time goes: per endpoint, the server's CPU and wall time per request and each
SQL statement's count and time, in process, one request at a time (issue 11).

Usage: ``python benchmarks/web_profile.py --db URL [--requests 300] [--cache] [--profile ENDPOINT]``.

Drives the real application (``create_app``, its lifespan, every middleware) through ASGI calls,
without a socket, over the same paths ``benchmarks/web_load.py`` sends (random approved project
pages, list pages, searches of one or two words), with the response cache off unless ``--cache``.
Prints per endpoint: requests, CPU ms and wall ms per request (mean, p95), SQL statements per
request and, for each statement shape, its count per request and mean ms, and a hash of all the
bodies (two source trees serving the same store must print the same hash). ``--profile page`` (or
``list``, ``search``) also prints the top of a cProfile of that endpoint's requests. Run it with
``PYTHONPATH`` set to the source tree to measure (e.g. a baseline checkout) on the same store.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import hashlib
import os
import pstats
import re
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from web_load import _stored, endpoint_paths

ENDPOINTS = ("page", "list", "search")


async def _get(app: Any, path: str) -> tuple[int, bytes]:
    raw_path, _, query = path.partition("?")
    from urllib.parse import unquote

    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "GET",
             "scheme": "http", "path": unquote(raw_path), "raw_path": raw_path.encode(),
             "query_string": query.encode(), "root_path": "", "headers": [(b"host", b"127.0.0.1")],
             "client": ("127.0.0.1", 1), "server": ("127.0.0.1", 80)}
    status = 0
    body: list[bytes] = []

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        nonlocal status
        if message["type"] == "http.response.start":
            status = message["status"]
        elif message["type"] == "http.response.body":
            body.append(message.get("body", b""))

    await app(scope, receive, send)
    return status, b"".join(body)


def _shape(statement: str) -> str:
    s = re.sub(r"\s+", " ", statement)
    s = re.sub(r"SELECT .*? FROM", "SELECT … FROM", s, count=1)
    return s[:110]


async def run(args: argparse.Namespace) -> None:
    from sqlalchemy import event

    from jixiao.web.app import create_app
    from jixiao.web.settings import Settings

    if not args.cache:
        os.environ["JIXIAO_RESPONSE_CACHE_MB"] = "0"
    if args.profile:  # run the routes on this thread, so that cProfile sees them
        import fastapi.routing

        async def inline(func: Any, *a: Any, **k: Any) -> Any:
            return func(*a, **k)

        setattr(fastapi.routing, "run_in_threadpool", inline)  # noqa: B010
    count, ids, pairs = _stored(args.db)
    paths = dict(zip(ENDPOINTS, endpoint_paths(ids, pairs, count).values(), strict=True))
    app = create_app(Settings(database_url=args.db))
    queries: list[tuple[str, float]] = []

    @event.listens_for(app.state.engine, "before_cursor_execute")
    def _before(conn: Any, _cursor: Any, _statement: Any, _p: Any, _c: Any, _m: Any) -> None:
        conn.info.setdefault("t0", []).append(time.perf_counter())

    @event.listens_for(app.state.engine, "after_cursor_execute")
    def _after(conn: Any, _cursor: Any, statement: str, _p: Any, _c: Any, _m: Any) -> None:
        queries.append((_shape(statement), time.perf_counter() - conn.info["t0"].pop()))

    async with app.router.lifespan_context(app):
        print(f"{args.db.split('://')[0]}: {count:,} projects, {args.requests} requests per endpoint, "
              f"response cache {'on' if args.cache else 'off'}; load average {os.getloadavg()[0]:.1f}")
        for name in args.endpoints:
            some = paths[name]
            for p in some[:10]:  # warm-up: the first requests fill the driver's and the OS caches
                await _get(app, p)
            queries.clear()
            cpu, wall = [], []
            digest = hashlib.sha256()
            profiler = cProfile.Profile() if args.profile == name else None
            for i in range(args.requests):
                path = some[(i * 7) % len(some)]
                c0, w0 = time.process_time(), time.perf_counter()
                if profiler:
                    profiler.enable()
                status, body = await _get(app, path)
                digest.update(body)
                if profiler:
                    profiler.disable()
                cpu.append(time.process_time() - c0)
                wall.append(time.perf_counter() - w0)
                if status != 200:
                    print(f"  {path}: {status}")
            n = args.requests
            print(f"\n{name}: CPU {1000 * statistics.mean(cpu):.2f} ms/request, wall mean "
                  f"{1000 * statistics.mean(wall):.2f} ms, p95 {1000 * sorted(wall)[int(0.95 * n)]:.2f} ms, "
                  f"{len(queries) / n:.1f} statements/request, "
                  f"SQL {1000 * sum(t for _s, t in queries) / n:.2f} ms/request; bodies sha256 "
                  f"{digest.hexdigest()[:16]}")
            by: dict[str, list[float]] = defaultdict(list)
            for s, t in queries:
                by[s].append(t)
            for s, ts in sorted(by.items(), key=lambda kv: -sum(kv[1])):
                print(f"  {len(ts) / n:5.2f}x {1000 * statistics.mean(ts):7.2f} ms  {s}")
            if profiler:
                pstats.Stats(profiler).sort_stats(args.sort).print_stats(args.top)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", required=True, help="the store (a web_load.py store: sqlite:///… or postgresql+psycopg://…)")
    ap.add_argument("--requests", type=int, default=300)
    ap.add_argument("--endpoints", nargs="+", default=list(ENDPOINTS), choices=ENDPOINTS)
    ap.add_argument("--cache", action="store_true", help="keep the visitors' response cache on")
    ap.add_argument("--profile", choices=ENDPOINTS, help="cProfile this endpoint's requests")
    ap.add_argument("--sort", default="cumulative")
    ap.add_argument("--top", type=int, default=40)
    asyncio.run(run(ap.parse_args()))


if __name__ == "__main__":
    main()
