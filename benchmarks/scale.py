"""``jixiao import`` at corpus scale, into SQLite and into a real PostgreSQL (issue 11).

Usage: ``python benchmarks/scale.py [--projects 1000000] [--per-file 500] [--jobs N] [--sample 4]
[--only sqlite|postgresql] [--keep DIR] [--port N]
[--baseline OLD/src [--rounds N]]``.

1. Generates ``--projects`` projects across ``projects / per-file`` list-layout files (1,000,000 ->
   2,000 files): every file a different department of one of 60 counties (区划 in the title), years
   2021–2025, unit codes, project names from the real tables' vocabulary, 8–20 indicators per
   project drawn from the indicator levels of ``benchmarks/parse.py``, goals with commitments, and
   defects at realistic rates (a missing operator or unit, a repeated indicator, a total that does
   not add up, a percentage over 100, a bare qualitative value).
2. Times ``jixiao import DIR`` (a fresh process, ``--jobs`` workers) into a new SQLite file and into
   a new database on a PostgreSQL 15 server started here as the ``postgres`` user (as the store
   tests do), and prints projects/s and the peak memory of the whole process tree (the storing
   process and its workers, sampled every 0.5 s: summed RSS, and PSS, which counts shared pages once,
   every 2 s), with the CPU seconds of the storing process, its workers and the database server.
   ``--baseline OLD/src`` times the import of jixiao from ``OLD/src`` and of this tree alternately
   (``--rounds`` times) in the same minutes and prints the ratios. The work folder and the server's
   data live under ``$TMPDIR``.
3. On the first ``--sample`` files, times the single-document path (``services.import_file`` one file
   after another, the import before issue 11) against ``jixiao import`` on the same backend, and
   prints the ratio.
"""

from __future__ import annotations

import argparse
import itertools
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from parse import CN, LEVELS, QUALITATIVE, WHAT, WHO

ROOT = Path(__file__).resolve().parents[1]
PG_BIN = Path(os.environ.get("JIXIAO_PG_BIN", "/usr/lib/postgresql/15/bin"))
PROVINCES = ("青海省", "河南省", "湖北省", "四川省", "云南省", "甘肃省")
COUNTIES = ("城关", "门源", "平安", "民和", "乐都", "互助", "化隆", "循化", "同仁", "尖扎")
DEPARTMENTS = ("总工会", "教育局", "卫生健康局", "农业农村局", "交通运输局", "民政局", "文化和旅游局",
               "自然资源局", "水利局", "住房和城乡建设局", "生态环境局", "市场监督管理局")
TOPICS = ("乡村振兴", "职工服务", "义务教育", "公共卫生", "道路养护", "养老服务", "文化惠民", "河道治理",
          "高标准农田", "安全饮水", "就业培训", "困难帮扶", "数字政务", "森林防火")
ITEMS = [(level1, level2, name, unit) for level1, groups in LEVELS.items()
         for level2, items in groups.items() for name, unit in items]
HEADER = "单位编码\t单位及项目名称\t金额 (万元)\t绩效目标\t绩效指标"


def _value(rng: random.Random, level2: str, unit: str, year: int) -> str:
    if unit == "text":
        return " " + rng.choice(QUALITATIVE)
    if unit == "date":
        return f" {year if rng.random() > 0.02 else year - 1}年{rng.randint(1, 12)}月{rng.randint(1, 28)}日"
    if unit == "%":
        number = str(rng.randint(60, 100) if rng.random() > 0.01 else rng.randint(101, 130))  # defect
    else:
        number = rng.choice([str(rng.randint(1, 3000)), f"{rng.randint(0, 99)}.{rng.randint(1, 99)}"])
    operator = ("≤" if level2 == "成本指标" else rng.choice(("≥", "≥", ">=", "不低于", "=")))
    if rng.random() < 0.05:  # defect: no operator, or the wrong direction
        operator = rng.choice(("", "", "≥" if level2 == "成本指标" else "≤"))
    unit = unit if rng.random() > 0.03 else ""  # defect: no unit
    return " " + operator + number + unit


def _indicators(rng: random.Random, year: int) -> str:
    chosen = sorted(rng.sample(range(len(ITEMS)), rng.randint(8, 20)))
    if rng.random() < 0.02:  # defect: the same indicator twice
        chosen.append(chosen[0])
        chosen.sort()
    parts: list[str] = []
    last1 = last2 = None
    n = 0
    for index in chosen:
        level1, level2, name, unit = ITEMS[index]
        if level1 != last1:
            parts.append(f"{CN[list(LEVELS).index(level1)]}、{level1}")
            last1, last2 = level1, None
        if level2 != last2:
            parts.append(f"({CN[list(LEVELS[level1]).index(level2)]}){level2}:")
            last2, n = level2, 0
        n += 1
        parts.append(f"{n}.{name}{_value(rng, level2, unit, year)}")
    return " ".join(f"<p>{p}</p>" for p in parts) if rng.random() < 0.3 else " ".join(parts)


def build_file(index: int, projects: int, seed: int = 11) -> str:
    rng = random.Random(seed * 1_000_003 + index)
    region = f"{PROVINCES[index % len(PROVINCES)]}{COUNTIES[index // len(PROVINCES) % len(COUNTIES)]}县"
    department, year = rng.choice(DEPARTMENTS), 2021 + index % 5
    code = f"{100 + index % 900}"
    rows: list[str] = []
    total = 0
    for n in range(1, projects + 1):
        if n % 40 == 0:
            rows += ["", HEADER]
        cents = rng.randint(100, 50_000)
        total += cents
        name = f"{rng.choice(WHO)}{rng.choice(TOPICS)}{rng.choice(WHAT)}项目{n}"
        who, what, topic = rng.choice(WHO), rng.choice(WHAT), rng.choice(TOPICS)
        goals = f"目标一：做好{who}{what}工作。 目标二：提升{topic}质量。"
        if rng.random() < 0.2:  # a commitment with no indicator measuring it
            goals += f" 目标三：受益{rng.randint(100, 5000)}人。"
        rows.append(f"{n}\t{name}\t{cents // 100}.{cents % 100:02d}\t{goals}\t{_indicators(rng, year)}")
    if rng.random() < 0.1:  # defect: the total does not add up
        total += rng.randint(1, 10_000)
    amount = f"{total // 100}.{total % 100:02d}"
    unit = f"{region}{department}"
    lines = [f"{unit}{year}年部门预算项目支出绩效目标公开表", "", HEADER, f"\t合计\t{amount}\t\t",
             f"{code}\t{unit}\t{amount}\t\t", f"{code}001\t{unit}本级\t{amount}\t\t"]
    return "\n".join(lines + rows) + "\n"


def generate(folder: Path, projects: int, per_file: int) -> list[Path]:
    files = max(1, round(projects / per_file))
    paths = []
    for i in range(files):
        count = projects // files + (1 if i < projects % files else 0)
        path = folder / f"{i // 100:03d}" / f"doc-{i:05d}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(build_file(i, count), "utf-8")
        paths.append(path)
    return paths


def _tree(pid: int) -> list[int]:
    """``pid`` and its descendants (one pass over /proc/*/stat)."""
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                with open(f"{entry.path}/stat", "rb") as f:
                    ppid = int(f.read().rsplit(b")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    tree, todo = [], [pid]
    while todo:
        member = todo.pop()
        tree.append(member)
        todo += children.get(member, [])
    return tree


PAGE = os.sysconf("SC_PAGE_SIZE")


def _rss(pids: list[int]) -> int:
    """Summed RSS (bytes) of ``pids``, from /proc/PID/statm (a few µs a process)."""
    rss = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/statm", "rb") as f:
                rss += int(f.read().split()[1]) * PAGE
        except (OSError, IndexError, ValueError):
            continue
    return rss


def _pss(pids: list[int]) -> int:
    """Summed PSS (bytes) of ``pids``, from /proc/PID/smaps_rollup (the kernel walks every page
    table for it: ~4 ms for a 300 MiB process, so it is read less often than the RSS)."""
    pss = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/smaps_rollup", "rb") as f:
                for line in f:
                    if line.startswith(b"Pss:"):
                        pss += int(line.split()[1]) * 1024
                        break
        except (OSError, IndexError, ValueError):
            continue
    return pss


def _cpu_seconds(pid: int) -> float:
    """CPU time of ``pid`` and its reaped children (utime, stime, cutime, cstime from /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return sum(int(v) for v in fields[11:15]) / os.sysconf("SC_CLK_TCK")


def _own_cpu_seconds(pid: int) -> float | None:
    """CPU time of ``pid`` itself (utime, stime), None once it is gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return sum(int(v) for v in fields[11:13]) / os.sysconf("SC_CLK_TCK")


#: CPU seconds of the last measured run: the storing process itself, its workers, the database
#: server, and this script's own sampling of the memory (not counted in the run's CPU)
LAST_SPLIT: dict[str, float] = {}
#: seconds between memory samples (RSS from statm, and the process tree, every sample; PSS from
#: smaps_rollup every ``PSS_EVERY``-th): ~1 % of a core, where sampling smaps_rollup and scanning
#: /proc every 0.1 s cost ~14 % of one (issue 11)
SAMPLE_SECONDS = 0.5
PSS_EVERY = 4


def measured(cmd: list[str], server: int | None = None,
             env: dict[str, str] | None = None) -> tuple[float, int, int, float]:
    """Run ``cmd``; (wall seconds, peak summed RSS, peak summed PSS, CPU seconds) of its process
    tree, the CPU of the database server ``server`` (a postmaster pid) included. The split between
    the storing process, its workers and the server is left in :data:`LAST_SPLIT` (the storing
    process's own CPU as last sampled, every :data:`SAMPLE_SECONDS`)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    own_before = time.process_time()
    server_before = _cpu_seconds(server) if server else 0.0
    start = time.perf_counter()
    popen = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env)
    peak_rss = peak_pss = 0
    parent = 0.0
    samples = 0
    while popen.poll() is None:
        pids = _tree(popen.pid)
        peak_rss = max(peak_rss, _rss(pids))
        if samples % PSS_EVERY == 0:
            peak_pss = max(peak_pss, _pss(pids))
        samples += 1
        parent = _own_cpu_seconds(popen.pid) or parent
        with suppress(subprocess.TimeoutExpired):
            popen.wait(SAMPLE_SECONDS)
    wall = time.perf_counter() - start
    sampler = time.process_time() - own_before
    err = popen.stderr.read() if popen.stderr else ""
    if popen.returncode != 0:
        raise SystemExit(f"{' '.join(cmd[:4])} … failed ({popen.returncode}): {err[-2000:]}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    server_cpu = 0.0
    if server:
        time.sleep(0.5)  # the backend's CPU reaches the postmaster's once it has exited
        server_cpu = _cpu_seconds(server) - server_before
    LAST_SPLIT.update(parent=parent, workers=cpu - parent, server=server_cpu, sampler=sampler)
    return wall, peak_rss, peak_pss, cpu + server_cpu


OLD_PATH = """
import sys
from jixiao import services
from jixiao.cli.store_options import opened
from jixiao.store.database import session_factory
with opened(sys.argv[1]) as engine, session_factory(engine)() as session:
    for path in sys.argv[2:]:
        assert services.import_file(session, path, username="import").created
        session.commit()
"""


def _jixiao(*args: str) -> list[str]:
    return [sys.executable, "-c", "import sys; from jixiao.cli.main import main; sys.exit(main())", *args]


@contextmanager
def postgres(port: int) -> Iterator[tuple[str, int]]:
    """A throwaway PostgreSQL 15 server as the postgres user (initdb refuses root), like tests/store."""
    root = Path(tempfile.mkdtemp(prefix="jixiao-scale-pg-"))  # $TMPDIR, else /tmp
    as_pg = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    if os.geteuid() == 0:
        shutil.chown(root, "postgres")
    os.chmod(root, 0o755)
    data = root / "data"
    subprocess.run([*as_pg, str(PG_BIN / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres", "-E",
                    "UTF8", "--locale=C", "--no-sync"], check=True, capture_output=True)
    options = f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c shared_buffers=128MB"
    subprocess.run([*as_pg, str(PG_BIN / "pg_ctl"), "-D", str(data), "-l", str(root / "log"), "-o", options,
                    "-w", "-t", "60", "start"], check=True, capture_output=True)
    try:
        pid = int((data / "postmaster.pid").read_text().split()[0])
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}", pid
    finally:
        subprocess.run([*as_pg, str(PG_BIN / "pg_ctl"), "-D", str(data), "-m", "fast", "stop"],
                       check=False, capture_output=True)
        shutil.rmtree(root, ignore_errors=True)


def _create_database(server: str, name: str) -> str:
    from sqlalchemy import create_engine, text

    admin = create_engine(server + "/postgres", isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"CREATE DATABASE {name}"))
    admin.dispose()
    return f"{server}/{name}"


def _counts(url: str) -> tuple[int, int, int]:
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    with engine.connect() as conn:
        counts = [conn.execute(text(f"SELECT count(*) FROM {t}")).scalar_one()
                  for t in ("projects", "indicators", "findings")]
    engine.dispose()
    return counts[0], counts[1], counts[2]


def _drop(url: str) -> None:
    """Remove the store at ``url`` (a SQLite file, or a database on the benchmark's server)."""
    if url.startswith("sqlite:///"):
        for suffix in ("", "-wal", "-shm"):
            Path(url.removeprefix("sqlite:///") + suffix).unlink(missing_ok=True)
        return
    from sqlalchemy import create_engine, text

    server, name = url.rsplit("/", 1)
    admin = create_engine(server + "/postgres", isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"DROP DATABASE {name}"))
    admin.dispose()


def _env(tree: str | None) -> dict[str, str] | None:
    """The environment that runs jixiao from ``tree`` (a ``src`` folder), or this one's."""
    return None if tree is None else {**os.environ, "PYTHONPATH": tree}


def run_import(name: str, label: str, url: str, folder: Path, jobs: int | None, projects: int,
               server: int | None, tree: str | None) -> dict[str, float]:
    """Time ``jixiao import`` of ``folder`` into ``url`` (jixiao from ``tree``) and print the figures."""
    jobs_args = ["--jobs", str(jobs)] if jobs else []
    command = _jixiao("import", "--db", url, *jobs_args, str(folder))
    wall, rss, pss, cpu = measured(command, server, _env(tree))
    split = dict(LAST_SPLIT)
    stored, indicators, findings = _counts(url)
    assert stored == projects, (stored, projects)
    cores = os.cpu_count() or 1
    print(f"{name}{label}: {projects:,} projects ({indicators:,} indicators, {findings:,} findings) "
          f"in {wall:,.1f} s "
          f"-> {projects / wall:,.0f} projects/s; 1,000,000 projects at this rate: "
          f"{1e6 / (projects / wall) / 60:,.1f} min")
    print(f"{name}{label}: peak memory of the process tree {rss / 2**20:,.0f} MiB RSS "
          f"({pss / 2**20:,.0f} MiB PSS); CPU {cpu:,.1f} s"
          f"{' (database server included)' if server else ''} = "
          f"{projects / cpu:,.0f} projects per CPU-second -> on {cores} idle cores at best "
          f"{1e6 / (projects / cpu) / cores / 60:,.1f} min per 1,000,000 projects")
    print(f"{name}{label}: CPU seconds: storing process {split['parent']:,.1f}, "
          f"workers {split['workers']:,.1f}"
          + (f", database server {split['server']:,.1f}" if server else "")
          + f" (memory sampling: {split['sampler']:,.1f} s of this script, not counted); "
          f"load average {os.getloadavg()[0]:.1f}", flush=True)
    return {**split, "wall": wall, "cpu": cpu, "rss": rss}


def run_backend(name: str, make_url: Iterator[str], folder: Path, sample: list[Path], jobs: int | None,
                projects: int, server: int | None = None, baseline: str | None = None,
                rounds: int = 1) -> None:
    urls = iter(make_url)
    jobs_args = ["--jobs", str(jobs)] if jobs else []
    if baseline is None:
        url = next(urls)
        run_import(name, "", url, folder, jobs, projects, server, None)
        _drop(url)
    else:  # the baseline tree and this one alternately, in the same minutes
        got: dict[str, list[dict[str, float]]] = {"baseline": [], "this tree": []}
        for _ in range(rounds):
            for label, tree in (("baseline", baseline), ("this tree", None)):
                url = next(urls)
                got[label].append(run_import(name, f" ({label})", url, folder, jobs, projects, server, tree))
                _drop(url)
        parts = ("cpu", "parent", "workers", *(("server",) if server else ()), "wall")
        old, new = ({k: sum(r[k] for r in got[label]) for k in parts} for label in ("baseline", "this tree"))
        print(f"{name}: baseline / this tree over {rounds} round(s): "
              + ", ".join(f"{k} {old[k]:,.1f} / {new[k]:,.1f} s = {old[k] / new[k]:.2f}x" for k in parts
                          if new[k]), flush=True)
    if not sample:
        return
    old_url, new_url = next(urls), next(urls)
    files = [str(p) for p in sample]
    old_wall, old_rss, _, old_cpu = measured([sys.executable, "-c", OLD_PATH, old_url, *files], server)
    new_wall, new_rss, _, new_cpu = measured(_jixiao("import", "--db", new_url, *jobs_args, *files), server)
    count = _counts(new_url)[0]
    assert _counts(old_url)[0] == count
    print(f"{name}, sample of {len(sample)} files ({count:,} projects): "
          f"single-document path {old_wall:.1f} s ({count / old_wall:,.0f} projects/s, CPU {old_cpu:.1f} s, "
          f"{old_rss / 2**20:,.0f} MiB), jixiao import {new_wall:.1f} s ({count / new_wall:,.0f} projects/s, "
          f"CPU {new_cpu:.1f} s, {new_rss / 2**20:,.0f} MiB) -> {old_wall / new_wall:.1f}x wall, "
          f"{old_cpu / new_cpu:.1f}x CPU")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--projects", type=int, default=1_000_000)
    ap.add_argument("--per-file", type=int, default=500, help="projects per file (1,000,000 -> 2,000 files)")
    ap.add_argument("--jobs", type=int, default=None, help="jixiao import --jobs (default: its own)")
    ap.add_argument("--sample", type=int, default=4, help="files compared with the old path (0: skip)")
    ap.add_argument("--only", choices=("sqlite", "postgresql"))
    ap.add_argument("--port", type=int, default=int(os.environ.get("JIXIAO_SCALE_PG_PORT", "8130")))
    ap.add_argument("--keep", type=Path, help="generate into (or reuse) this folder and keep it")
    ap.add_argument("--baseline", help="a jixiao src folder to time alternately with this tree, "
                                       "in the same minutes, and print the ratios")
    ap.add_argument("--rounds", type=int, default=1, help="with --baseline: alternations of the two")
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="jixiao-scale-"))
    os.chmod(work, 0o755)
    try:
        folder = args.keep or work / "corpus"
        start = time.perf_counter()
        if folder.exists() and any(folder.rglob("*.txt")):
            files = sorted(folder.rglob("*.txt"))
        else:
            folder.mkdir(parents=True, exist_ok=True)
            files = generate(folder, args.projects, args.per_file)
        size = sum(p.stat().st_size for p in files)
        print(f"corpus: {args.projects:,} projects in {len(files):,} files, {size / 2**20:,.0f} MiB "
              f"({time.perf_counter() - start:.0f} s to generate); cores: {os.cpu_count()}, "
              f"load average {os.getloadavg()[0]:.1f}", flush=True)
        sample = files[: args.sample]
        if args.only in (None, "sqlite"):
            dbs = (f"sqlite:///{work / f'scale-{n}.db'}" for n in itertools.count())
            run_backend("SQLite", dbs, folder, sample, args.jobs, args.projects, None, args.baseline,
                        args.rounds)
        if args.only in (None, "postgresql"):
            with postgres(args.port) as (server, postmaster):
                dbs = (_create_database(server, f"scale_{n}") for n in itertools.count())
                run_backend("PostgreSQL", dbs, folder, sample, args.jobs, args.projects, postmaster,
                            args.baseline, args.rounds)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
