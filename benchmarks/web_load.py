"""Web latency under ``wrk`` load on a large imported store: project page, list API, search (issue 11).

Usage: ``python benchmarks/web_load.py [--projects 100000] [--replicate 10] [--store FILE.db]
[--corpus DIR] [--postgresql] [--pg-data DIR] [--baseline-src /work/main/src] [--without-cache]
[--duration 20] [--connections 16] [--threads 2] [--workers 2] [--port 8195] [--build-only]``.

The 1,000,000-project stores of issue 11 are built as ``--projects 100000 --replicate 10``: the
real import of 100,000 takes ~3-5 min per backend on the 2-core machine, of 1,000,000 ~25+ min; the
other 900,000 are SQL copies of the imported rows (``replicate``: documents, units, projects, goals,
indicators, findings and search rows under new ids, regions suffixed "·k" so lists see ten times the
(region, year) pairs and search ten times the matches; then ``ANALYZE``), ~6 min per backend; on
PostgreSQL the common words' bitmaps are then brought up to the copies (``store.search_words``:
~75 s the first time, nothing after).

1. Builds the store with the real bulk import: generates ``--projects`` realistic projects with
   ``benchmarks/scale.py`` (500 per file, 8–20 indicators, defects) and runs
   ``jixiao import --status approved --jobs N`` into a SQLite file (``--store``: reused when it
   already holds that many projects) and, with ``--postgresql``, into a database on a PostgreSQL 15
   server started here as the ``postgres`` user (port ``--pg-port``).
2. Starts ``jixiao serve --workers N`` (uvicorn) on 127.0.0.1 and, for each endpoint, runs ``wrk``
   (a compiled load generator, so the client costs little CPU) with ``--connections`` keep-alive
   connections on ``--threads`` threads for ``--duration`` seconds, after a short warm-up. A small
   Lua script varies the path per request: random project pages (``/projects/{id}``), list pages
   (``/api/v1/projects?region=…&year=…&offset=…``) and searches (``/api/v1/search?q=…``); its
   ``done`` hook prints p50/p95/p99 from wrk's latency distribution (``--latency``), requests/s
   and non-2xx responses.

With ``--baseline-src`` the same store is first served by another source tree (main's code: the
"before" figures, minutes before the "after" ones); ``--without-cache`` also measures this tree with
the visitors' response cache off (``JIXIAO_RESPONSE_CACHE_MB=0``), so each page is computed.
``--pg-data`` keeps the PostgreSQL cluster between runs; ``--build-only`` builds the stores only.

Everything runs on this machine: wrk, the server and the database share its cores (printed).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from scale import PG_BIN, TOPICS, _create_database, generate, postgres

ROOT = Path(__file__).resolve().parents[1]
WORDS = (*TOPICS, "满意度", "覆盖率", "职工", "培训", "道路", "农田", "饮水", "养老", "教育局", "宣传")

LUA = """
local paths = {%s}
local counter = 0
local threads = 0
function setup(thread)
  thread:set("start", threads * 7919)
  threads = threads + 1
end
function init(args)
  counter = start or 0
end
function request()
  counter = counter + 1
  return wrk.format("GET", paths[(counter %% #paths) + 1])
end
function done(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format("RESULT {\\"p50\\": %%d, \\"p95\\": %%d, \\"p99\\": %%d, \\"requests\\": %%d, "
    .. "\\"duration_us\\": %%d, \\"non2xx\\": %%d, \\"socket_errors\\": %%d}\\n",
    latency:percentile(50), latency:percentile(95), latency:percentile(99), summary.requests,
    summary.duration, errors.status, errors.connect + errors.read + errors.write + errors.timeout))
end
"""


def _jixiao(*args: str) -> list[str]:
    return [sys.executable, "-c", "import sys; from jixiao.cli.main import main; sys.exit(main())", *args]


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT / "src") + os.pathsep + os.environ.get("PYTHONPATH", ""),
            "JIXIAO_SECRET_KEY": os.environ.get("JIXIAO_SECRET_KEY") or secrets.token_urlsafe(32)}


def _stored(url: str) -> tuple[int, list[int], list[tuple[str, int]]]:
    """(projects stored, the approved ids, the (region, year) pairs present) of the store at ``url``."""
    from sqlalchemy import create_engine, inspect, text

    engine = create_engine(url)
    try:
        if "projects" not in inspect(engine).get_table_names():
            return 0, [], []
        with engine.connect() as conn:
            count = conn.execute(text("SELECT count(*) FROM projects")).scalar_one()
            ids = list(conn.execute(text("SELECT id FROM projects WHERE status = 'approved' ORDER BY id"))
                       .scalars())
            pairs = [(r, y) for r, y in conn.execute(text(  # ordered: the same paths on every run and backend
                "SELECT DISTINCT region, year FROM projects WHERE region IS NOT NULL AND year IS NOT NULL "
                "ORDER BY region, year"))]
        return int(count), ids, pairs
    finally:
        engine.dispose()


def build(url: str, corpus: Path, projects: int, jobs: int) -> None:
    """Import ``projects`` generated projects into ``url`` (unless already there), timed."""
    if _stored(url)[0] >= projects:
        print(f"reusing the {projects:,} projects stored in {url}")
        return
    if not any(corpus.rglob("*.txt")):
        corpus.mkdir(parents=True, exist_ok=True)
        generate(corpus, projects, 500)
    start = time.perf_counter()
    subprocess.run(_jixiao("import", "--db", url, "--status", "approved", "--jobs", str(jobs), str(corpus)),
                   check=True, stdout=subprocess.DEVNULL, env=_env())
    seconds = time.perf_counter() - start
    print(f"imported {projects:,} projects into {url.split('://')[0]} in {seconds:,.0f} s")


def replicate(url: str, times: int) -> None:
    """Make the store ``times`` as big by copying, in SQL, every stored document with its units,
    projects, goals, indicators, findings and search rows under new ids (copy k: ids + k x the
    largest id of each table; regions get the suffix "·k", so lists see ``times`` as many (region,
    year) pairs of the same size and search ``times`` as many matches), then ``ANALYZE``. Audit rows
    are not copied. A store that already holds ``times`` x the projects it started with is left alone."""
    from sqlalchemy import create_engine, inspect, text

    engine = create_engine(url)
    pg = engine.dialect.name == "postgresql"
    tables = ("documents", "units", "projects", "goals", "indicators", "findings")
    shifted = {"document_id": "documents", "project_id": "projects", "indicator_id": "indicators"}
    try:
        columns = {t: [c["name"] for c in inspect(engine).get_columns(t)] for t in tables}
        with engine.begin() as conn:
            top = {t: conn.execute(text(f"SELECT coalesce(max(id), 0) FROM {t}")).scalar_one()
                   for t in tables}
            count = conn.execute(text("SELECT count(*) FROM projects")).scalar_one()
            if count >= times * conn.execute(text("SELECT count(*) FROM projects WHERE region IS NULL "
                                                  "OR region NOT LIKE '%·%'")).scalar_one():
                print(f"the store already holds {count:,} projects (replicated)")
                return
            start = time.perf_counter()
            if pg:  # no per-row foreign key checks (the copies point at copies), GIN index built once
                conn.execute(text("SET session_replication_role = replica"))
                conn.execute(text("DROP INDEX IF EXISTS ix_search_entries_tsv"))
            for k in range(1, times):
                for t in tables:
                    values = []
                    for c in columns[t]:
                        if c == "id":
                            values.append(f"id + {k * top[t]}")
                        elif c in shifted:
                            values.append(f"{c} + {k * top[shifted[c]]}")
                        elif c == "sha256":
                            values.append(f"substr(sha256, 1, 58) || 'r{k:05d}'")
                        elif c == "region":
                            values.append(f"region || '·{k}'")
                        else:
                            values.append(c)
                    conn.execute(text(f"INSERT INTO {t} ({', '.join(columns[t])}) SELECT {', '.join(values)} "
                                      f"FROM {t} WHERE id <= {top[t]}"))
                if pg:
                    conn.execute(text(f"INSERT INTO search_entries (project_id, words) SELECT project_id + "
                                      f"{k * top['projects']}, words FROM search_entries "
                                      f"WHERE project_id <= {top['projects']}"))
                else:
                    conn.execute(text(f"INSERT INTO search_fts (rowid, words) SELECT rowid + "
                                      f"{k * top['projects']}, words FROM search_fts "
                                      f"WHERE rowid <= {top['projects']}"))
                print(f"  copy {k}/{times - 1} stored ({time.perf_counter() - start:,.0f} s)", flush=True)
            if pg:
                conn.execute(text("CREATE INDEX ix_search_entries_tsv ON search_entries USING gin (tsv)"))
                conn.execute(text("SET session_replication_role = DEFAULT"))
                for t in tables:
                    conn.execute(text(f"SELECT setval(pg_get_serial_sequence('{t}', 'id'), "
                                      f"(SELECT max(id) FROM {t}))"))
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            if not pg:
                conn.execute(text("PRAGMA analysis_limit = 1000"))
            conn.execute(text("ANALYZE"))
        print(f"replicated {count:,} projects x {times} in SQL in {time.perf_counter() - start:,.0f} s")
    finally:
        engine.dispose()


def word_bitmaps(url: str) -> None:
    """Bring the common words' bitmaps (``store.search_words``) up to the stored projects: the
    import does it, the SQL copies of ``replicate`` do not; nothing to do on a store already done."""
    from sqlalchemy import create_engine
    from sqlalchemy.orm import Session

    from jixiao.store.search_words import catch_up

    engine = create_engine(url)
    try:
        start = time.perf_counter()
        with Session(engine) as session:
            words, covered = catch_up(session)
            session.commit()
        print(f"common words' bitmaps: {words} words up to project {covered:,} "
              f"({time.perf_counter() - start:,.1f} s)")
    finally:
        engine.dispose()


@contextlib.contextmanager
def postgres_kept(port: int, root: Path) -> Iterator[str]:
    """A PostgreSQL 15 server whose data stays in ``root`` (initialised on first use; stopped on exit)."""
    as_pg = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    data = root / "data"
    if not (data / "PG_VERSION").exists():
        root.mkdir(parents=True, exist_ok=True)
        if os.geteuid() == 0:
            shutil.chown(root, "postgres")
        os.chmod(root, 0o755)
        subprocess.run([*as_pg, str(PG_BIN / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres",
                        "-E", "UTF8", "--locale=C", "--no-sync"], check=True, capture_output=True)
    options = f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c shared_buffers=128MB"
    subprocess.run([*as_pg, str(PG_BIN / "pg_ctl"), "-D", str(data), "-l", str(root / "log"), "-o", options,
                    "-w", "-t", "120", "start"], check=True, capture_output=True)
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}"
    finally:
        subprocess.run([*as_pg, str(PG_BIN / "pg_ctl"), "-D", str(data), "-m", "fast", "stop"],
                       check=False, capture_output=True)


def pg_database(server: str, name: str) -> str:
    """``name`` on ``server``, created unless it exists."""
    from sqlalchemy import create_engine, text

    admin = create_engine(server + "/postgres", isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            known = conn.execute(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name}).first()
            if known is None:
                admin.dispose()
                return _create_database(server, name)
    finally:
        admin.dispose()
    return f"{server}/{name}"


def start_server(url: str, port: int, workers: int, src: Path = ROOT / "src",
                 cache_mb: str = "") -> subprocess.Popen[bytes]:
    command = _jixiao("serve", "--db", url, "--port", str(port), "--workers", str(workers),
                      "--log-level", "warning")
    env = {**_env(), "PYTHONPATH": str(src) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    if cache_mb:
        env["JIXIAO_RESPONSE_CACHE_MB"] = cache_mb
    server = subprocess.Popen(command, env=env, start_new_session=True)
    for _ in range(600):
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/projects?limit=1", timeout=5):
                return server
        except OSError:
            if server.poll() is not None:
                raise SystemExit(f"jixiao serve exited with {server.returncode}") from None
            time.sleep(0.1)
    stop(server)
    raise SystemExit("jixiao serve did not start")


def stop(server: subprocess.Popen[bytes]) -> None:
    server.terminate()
    try:
        server.wait(15)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def endpoint_paths(ids: list[int], pairs: list[tuple[str, int]], projects: int) -> dict[str, list[str]]:
    rng = random.Random(11)
    pages = max(1, projects // max(1, len(pairs)) // 50)
    quote = urllib.parse.quote
    return {
        "project page   /projects/{id}": [f"/projects/{i}" for i in rng.sample(ids, min(2000, len(ids)))],
        "list API       /api/v1/projects": [
            f"/api/v1/projects?region={quote(r)}&year={y}&limit=50&offset={50 * rng.randrange(pages)}"
            for r, y in (rng.choice(pairs) for _ in range(500))] + [
            f"/api/v1/projects?limit=50&offset={50 * rng.randrange(projects // 50)}" for _ in range(100)],
        "search         /api/v1/search": [
            f"/api/v1/search?q={quote(a if rng.random() < 0.5 else a + ' ' + b)}"
            for a, b in ((rng.choice(WORDS), rng.choice(WORDS)) for _ in range(300))],
    }


def run_wrk(base: str, paths: list[str], args: argparse.Namespace, seconds: int,
            work: Path) -> dict[str, int]:
    script = work / "paths.lua"
    script.write_text(LUA % ", ".join(json.dumps(p) for p in paths), "utf-8")
    out = subprocess.run(["wrk", "-t", str(args.threads), "-c", str(args.connections), "-d", f"{seconds}s",
                          "--timeout", "10s", "--latency", "-s", str(script), base],
                         check=True, capture_output=True, text=True).stdout
    line = next(x for x in out.splitlines() if x.startswith("RESULT "))
    result: dict[str, int] = json.loads(line[len("RESULT "):])
    return result


def measure(name: str, url: str, args: argparse.Namespace, work: Path) -> None:
    if args.build_only:
        return
    count, ids, pairs = _stored(url)
    paths = endpoint_paths(ids, pairs, count)
    trees = [("baseline " + str(args.baseline_src), args.baseline_src, "")] if args.baseline_src else []
    trees.append(("this tree", ROOT / "src", ""))
    if args.without_cache:
        trees.append(("this tree, response cache off", ROOT / "src", "0"))
    for tree, src, cache in trees:
        measure_tree(f"{name}, {tree}", url, src, cache, count, len(ids), paths, args, work)


def measure_tree(name: str, url: str, src: Path, cache: str, count: int, approved: int,
                 paths: dict[str, list[str]], args: argparse.Namespace, work: Path) -> None:
    server = start_server(url, args.port, args.workers, src, cache)
    base = f"http://127.0.0.1:{args.port}"
    try:
        print(f"\n{name}: {count:,} projects ({approved:,} approved), jixiao serve --workers {args.workers}, "
              f"wrk -t{args.threads} -c{args.connections} -d{args.duration}s; {os.cpu_count()} cores shared "
              f"by wrk, the server{' and PostgreSQL' if name.startswith('PostgreSQL') else ''}; "
              f"load average before {os.getloadavg()[0]:.1f}")
        print(f"{'endpoint':<34} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'req/s':>8} {'non-2xx':>8}")
        for label, some in paths.items():
            run_wrk(base, some, args, args.warmup, work)
            r = run_wrk(base, some, args, args.duration, work)
            rate = r["requests"] / (r["duration_us"] / 1e6)
            print(f"{label:<34} {r['p50'] / 1000:>8.1f} {r['p95'] / 1000:>8.1f} {r['p99'] / 1000:>8.1f} "
                  f"{rate:>8.0f} {r['non2xx'] + r['socket_errors']:>8}", flush=True)
        print(f"load average after {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    finally:
        stop(server)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--projects", type=int, default=100_000)
    ap.add_argument("--store", type=Path, help="SQLite file to build or reuse (default: a temporary one)")
    ap.add_argument("--corpus", type=Path, help="generated files to build or reuse (default: temporary)")
    ap.add_argument("--postgresql", action="store_true", help="also measure on a real PostgreSQL")
    ap.add_argument("--only-postgresql", action="store_true", help="skip SQLite")
    ap.add_argument("--replicate", type=int, default=1, metavar="N",
                    help="after the import, copy the stored projects in SQL until there are N times as many")
    ap.add_argument("--pg-data", type=Path, help="keep the PostgreSQL cluster here (reused by the next run)")
    ap.add_argument("--baseline-src", type=Path,
                    help="also measure the server of this source tree (e.g. /work/main/src), just before")
    ap.add_argument("--without-cache", action="store_true",
                    help="also measure this tree with the response cache off (JIXIAO_RESPONSE_CACHE_MB=0)")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="jixiao import --jobs")
    ap.add_argument("--workers", type=int, default=2, help="jixiao serve --workers")
    ap.add_argument("--duration", type=int, default=20, help="seconds of load per endpoint")
    ap.add_argument("--warmup", type=int, default=3, help="seconds of warm-up load per endpoint")
    ap.add_argument("--connections", type=int, default=16)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--port", type=int, default=int(os.environ.get("JIXIAO_WEB_LOAD_PORT", "8195")))
    ap.add_argument("--pg-port", type=int, default=int(os.environ.get("JIXIAO_WEB_LOAD_PG_PORT", "8196")))
    ap.add_argument("--build-only", action="store_true", help="build (and replicate) the stores only")
    args = ap.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed (Debian: apt-get install wrk)")
    work = Path(tempfile.mkdtemp(prefix="jixiao-web-load-"))
    os.chmod(work, 0o755)
    try:
        corpus = args.corpus or work / "corpus"
        if not args.only_postgresql:
            url = f"sqlite:///{(args.store or work / 'web.db').resolve()}"
            build(url, corpus, args.projects, args.jobs)
            if args.replicate > 1:
                replicate(url, args.replicate)
            measure("SQLite", url, args, work)
        if args.postgresql or args.only_postgresql:
            with contextlib.ExitStack() as stack:
                if args.pg_data:
                    server = stack.enter_context(postgres_kept(args.pg_port, args.pg_data))
                    url = pg_database(server, "web_load")
                else:
                    server = stack.enter_context(postgres(args.pg_port))[0]
                    url = _create_database(server, "web_load")
                build(url, corpus, args.projects, args.jobs)
                if args.replicate > 1:
                    replicate(url, args.replicate)
                word_bitmaps(url)
                measure("PostgreSQL", url, args, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
