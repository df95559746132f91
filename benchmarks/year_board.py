"""Time to build the region-wide traffic-light board of the performance year (issue 10).

Usage: ``python benchmarks/year_board.py [--projects 100000] [--db]``.

1. In memory: ``jixiao.year.board.build_board`` over N generated projects (as the board query gives
   them: latest round's as-of date, budget, executed, target risk; 10% without a round), lights,
   sort by light and lag. Target: < 1 s for 100,000 projects.
2. With ``--db``: the same projects stored in a fresh SQLite file (approved projects, one
   monitoring round each), then ``board()`` end to end: the one query and the build.

Prints seconds of wall time (best of three).
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import tempfile
import time
from decimal import Decimal
from pathlib import Path

from jixiao.store.access import Viewer
from jixiao.year.board import Record, board, build_board

RISKS = ("green", "green", "green", "yellow", "red")


def records(n: int, seed: int = 7) -> list[Record]:
    rng = random.Random(seed)
    out = []
    for i in range(n):
        monitored = rng.random() > 0.1
        budget = Decimal(rng.randint(1, 50000)) / 100
        out.append(Record(
            i + 1, str(i + 1), f"项目{i + 1}", f"{rng.randint(1, 300):06d}", "单位", budget,
            dt.date(2023, rng.randint(6, 9), rng.randint(1, 28)) if monitored else None, budget,
            (budget * Decimal(rng.randint(0, 100)) / 100) if monitored else None,
            rng.choice(RISKS) if monitored else None, rng.randint(0, 1), False, None, None))
    return out


def best(run: object, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return min(times)


def stored(n: int, folder: Path) -> str:
    from sqlalchemy import insert
    from sqlalchemy.orm import Session

    from jixiao.store.database import make_engine, upgrade
    from jixiao.store.schema import DocumentRow, ProjectRow
    from jixiao.store.year_schema import MonitoringRoundRow

    url = f"sqlite:///{folder / 'board.db'}"
    engine = make_engine(url)
    upgrade(engine)
    rows = records(n)
    with Session(engine) as session:
        session.add(DocumentRow(id=1, sha256="0" * 64, source="benchmark", region="基准县", year=2023))
        session.flush()
        session.execute(insert(ProjectRow), [
            {"id": r.id, "document_id": 1, "position": r.id, "seq": r.seq, "name": r.name, "amount": r.amount,
             "unit_code": r.unit_code, "region": "基准县", "year": 2023, "status": "approved", "funds": {},
             "extra": {}, "unparsed": []} for r in rows])
        session.execute(insert(MonitoringRoundRow), [
            {"project_id": r.id, "as_of": r.as_of, "budget_full": r.budget, "executed": r.executed,
             "entries": [], "target_risk": r.target_risk, "updated_by": "bench", "version": 0}
            for r in rows if r.as_of is not None])
        session.commit()
    engine.dispose()
    return url


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--projects", type=int, default=100_000)
    parser.add_argument("--db", action="store_true", help="also time the query on a SQLite store")
    args = parser.parse_args()
    found = records(args.projects)
    seconds = best(lambda: build_board(found))
    print(f"build_board: {args.projects:,} projects in {seconds:.3f} s (target < 1 s)")
    if args.db:
        from sqlalchemy.orm import Session

        from jixiao.store.database import make_engine

        with tempfile.TemporaryDirectory() as folder:
            engine = make_engine(stored(args.projects, Path(folder)))
            reviewer = Viewer("bench", "reviewer", region="基准县")
            with Session(engine) as session:
                total = best(lambda: board(session, reviewer))
                shown = len(board(session, reviewer)["projects"])
            engine.dispose()
        print(f"board() on SQLite (query + build): {shown:,} projects in {total:.3f} s")


if __name__ == "__main__":
    main()
