"""Where ``jixiao import`` spends its CPU, stage by stage, in one process (issue 11).

Usage: ``python benchmarks/import_stages.py [--files 8] [--per-file 500] [--db URL] [--default-gc]``.

Generates ``--files`` documents as ``benchmarks/scale.py`` does and runs each stage of the import
pipeline on them one after the other, timing the CPU of each: in the workers, reading and parsing
(``read_document``), the review, turning the document into rows with their search words
(``prepare_rows``) and pickling the rows to the storing process (dump and load: both processes'
share); in the storing process, writing the rows (``store_documents``) into a new SQLite file, or
into ``--db`` (an empty, migrated database; on PostgreSQL the server's own CPU is not counted
here: ``scale.py`` counts it). Prints microseconds of CPU per project and each stage's share, the
part of "rows" spent segmenting search words (jieba), and the garbage collector's part of the whole
— run with the import's thresholds (``importing.GC_THRESHOLDS``), or Python's with ``--default-gc``.
"""

from __future__ import annotations

import argparse
import gc
import pickle
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from scale import generate

from jixiao.services import read_document, review_document
from jixiao.store import search
from jixiao.store.bulk_rows import ImportItem, prepare_rows
from jixiao.store.repository import sha256_file


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--files", type=int, default=8)
    ap.add_argument("--per-file", type=int, default=500)
    ap.add_argument("--db", help="an empty database URL (default: a new SQLite file)")
    ap.add_argument("--default-gc", action="store_true", help="Python's collector thresholds (700, 10, 10)")
    args = ap.parse_args()
    from jixiao.importing import GC_THRESHOLDS

    gc.set_threshold(*((700, 10, 10) if args.default_gc else GC_THRESHOLDS))
    collecting = [0.0, 0.0]  # seconds in the collector; when the running collection started

    def collector(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            collecting[1] = time.process_time()
        else:
            collecting[0] += time.process_time() - collecting[1]

    gc.callbacks.append(collector)
    segmenting = [0.0]
    segment = search.segment

    def timed_segment(text: str) -> str:
        clock = time.process_time()
        try:
            return segment(text)
        finally:
            segmenting[0] += time.process_time() - clock

    search.segment = timed_segment
    from sqlalchemy.orm import Session

    from jixiao.importing import store_documents
    from jixiao.store.database import make_engine, upgrade

    with tempfile.TemporaryDirectory(prefix="jixiao-stages-") as work:
        paths = generate(Path(work) / "corpus", args.files * args.per_file, args.per_file)
        search.segment("预热")  # jieba's dictionary: loaded once per worker, not a per-project cost
        segmenting[0] = collecting[0] = 0.0
        spent = dict.fromkeys(("read and parse", "review", "rows and search words", "pickle (dump + load)",
                               "store"), 0.0)
        prepared = []
        for path in paths:
            clock = time.process_time()
            doc = read_document(path)
            spent["read and parse"] += time.process_time() - clock
            clock = time.process_time()
            findings = review_document(doc).findings
            spent["review"] += time.process_time() - clock
            clock = time.process_time()
            rows = prepare_rows(ImportItem(doc, [], sha256_file(path), str(path)), reviewed=findings)
            spent["rows and search words"] += time.process_time() - clock
            clock = time.process_time()
            prepared.append(pickle.loads(pickle.dumps(rows, protocol=pickle.HIGHEST_PROTOCOL)))
            spent["pickle (dump + load)"] += time.process_time() - clock
        engine = make_engine(args.db or f"sqlite:///{work}/stages.db")
        upgrade(engine)
        with Session(engine) as session:
            clock = time.process_time()
            outcomes = list(store_documents(session, prepared, username="import"))
            spent["store"] += time.process_time() - clock
        engine.dispose()
        assert all(o.created for o in outcomes), [o.error for o in outcomes if o.error]
    projects = sum(len(p.projects) for p in prepared)
    total = sum(spent.values())
    print(f"{projects:,} projects in {len(paths)} files, {engine.dialect.name}: "
          f"{total / projects * 1e6:,.0f} µs of CPU per project in all")
    for stage, seconds in spent.items():
        print(f"  {stage:<22} {seconds / projects * 1e6:7,.0f} µs/project  {seconds / total:6.1%}")
    print(f"  of which segmenting search words (jieba) {segmenting[0] / projects * 1e6:,.0f} µs/project; "
          f"garbage collection {collecting[0] / projects * 1e6:,.0f} µs/project in all stages "
          f"(thresholds {gc.get_threshold()})")


if __name__ == "__main__":
    main()
