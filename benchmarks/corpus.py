"""The headline figure: how much of the real published documents jixiao reads.

Over every labelled document in tests/corpus (published/ and found/): documents recognised, indicator
recall, value accuracy, level accuracy, kinds right, the share of source text left unparsed, and
documents/s. ``--files`` prints one line per document (worst first).

    python benchmarks/corpus.py [--files] [--only SUBSTRING]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from jixiao.labels import FileScore, label_path_for, load_label, score_document
from jixiao.model.document import Document
from jixiao.readers.base import UnreadableInput
from jixiao.services import parse_file

ROOT = Path(__file__).resolve().parent.parent / "tests" / "corpus"


def documents(only: str | None = None) -> list[Path]:
    out = []
    for folder in ("published", "found"):
        for path in sorted((ROOT / folder).glob("*")):
            if path.name in ("SHA256SUMS", "SOURCES.md") or not path.is_file():
                continue
            if only and only not in path.name:
                continue
            if label_path_for(path, ROOT / "labels").exists():
                out.append(path)
    return out


def unparsed_share(doc: Document, path: Path) -> tuple[int, int]:
    """(unparsed characters, source characters without the '# ' header lines)."""
    text = path.read_text("utf-8", errors="replace")
    body = sum(len(line) for line in text.splitlines() if not line.startswith("# "))
    lost = sum(len(u.text) for u in doc.unparsed if not u.reason.startswith("页面"))
    lost += sum(len(u.text) for p in doc.projects for u in p.unparsed)
    return lost, body


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--files", action="store_true", help="one line per document")
    ap.add_argument("--only", help="only documents whose file name contains this")
    ap.add_argument("--scale", type=int, default=0,
                    help="also time the stream recogniser on every document concatenated N times")
    args = ap.parse_args()
    paths = documents(args.only)
    scores: list[tuple[Path, FileScore, tuple[int, int], bool]] = []
    start = time.perf_counter()
    for path in paths:
        label = load_label(label_path_for(path, ROOT / "labels"))
        try:
            doc = parse_file(path)
        except UnreadableInput:
            doc = Document(source=path.name)
        recognised = bool(doc.projects) and any(p.indicators for p in doc.projects)
        scores.append((path, score_document(doc, label), unparsed_share(doc, path), recognised))
    elapsed = time.perf_counter() - start
    if args.files:
        for path, s, (lost, body), ok in sorted(scores, key=lambda t: t[1].recall):
            print(f"{s.recall:6.1%} {s.recalled:3}/{s.labelled:<3} read {s.parsed:3} values {s.value_ok:3} "
                  f"kind {'ok' if s.kind_ok else 'NO'} unparsed {lost / max(body, 1):5.1%} "
                  f"{'' if ok else 'UNRECOGNISED '}{path.parent.name}/{path.name}")
            for name in s.missed[:8]:
                print(f"         missed: {name}")
            for text in s.wrong_values[:8]:
                print(f"         value:  {text}")
    labelled = sum(s.labelled for _, s, _, _ in scores)
    recalled = sum(s.recalled for _, s, _, _ in scores)
    value_ok = sum(s.value_ok for _, s, _, _ in scores)
    level_ok = sum(s.level_ok for _, s, _, _ in scores)
    kinds = sum(s.kind_ok for _, s, _, _ in scores)
    lost = sum(x[2][0] for x in scores)
    body = sum(x[2][1] for x in scores)
    worst = min((s.recall for _, s, _, _ in scores), default=1.0)
    recognised = sum(x[3] for x in scores)
    n = len(scores)
    print(f"documents recognised   {recognised}/{n}")
    print(f"kind right             {kinds}/{n}")
    print(f"indicator recall       {recalled}/{labelled} = {recalled / max(labelled, 1):.1%} "
          f"(worst file {worst:.1%})")
    parsed = sum(s.parsed for _, s, _, _ in scores if s.labelled)
    share = recalled / max(parsed, 1)
    print(f"precision              {recalled}/{parsed} = {share:.1%} of the indicators read are labelled")
    print(f"value accuracy         {value_ok}/{recalled} = {value_ok / max(recalled, 1):.1%} of recalled; "
          f"level1 right {level_ok / max(recalled, 1):.1%}")
    print(f"unparsed source text   {lost / max(body, 1):.1%} ({lost:,} of {body:,} characters)")
    print(f"speed                  {n / max(elapsed, 1e-9):.1f} documents/s ({elapsed:.2f} s for {n})")
    if args.scale:
        from jixiao.parse.stream import recognise_text

        big = "\n".join(p.read_text("utf-8") for p in paths) * args.scale
        start = time.perf_counter()
        doc = recognise_text(big, "scaled.txt")
        took = time.perf_counter() - start
        found = sum(len(p.indicators) for p in doc.projects)
        print(f"one {len(big.encode()) / 2**20:.1f} MiB page copy  {took:.2f} s "
              f"({len(big.encode()) / 2**20 / took:.2f} MiB/s, {found:,} indicators)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
