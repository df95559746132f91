"""Throughput of ``normalise_text`` (document-level normalisation) in MB/s.

Usage: ``python benchmarks/normalise.py [--mb 5] [--repeat 3]``.

Texts of about ``--mb`` MB (UTF-8): the bundled simplified example
(``src/jixiao/examples/menyuan-2023.txt``) repeated (its full-width ，and ： are repairs, ~1 in 70
characters), the same with ASCII punctuation (nothing to repair), and the same converted to traditional
script with OpenCC ``s2t`` and sprinkled with the junk real traditional copies carry (pinyin
annotations "執(zhí)行", "≧", full-width digits). The first must cost next to nothing: it holds no
traditional character, so only the one regex scan for odd characters runs. Prints the best of
``--repeat`` runs (converter and character table warm, as in a long-running process) and the cold
first call.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import opencc

from jixiao.parse import normalise

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "src" / "jixiao" / "examples" / "menyuan-2023.txt"


def _repeat(text: str, mb: float) -> str:
    size = len(text.encode("utf-8"))
    return text * max(1, round(mb * 1_000_000 / size))


def _traditional(text: str) -> str:
    trad = str(opencc.OpenCC("s2t").convert(text)).replace("執行", "執(zhí)行").replace("預算", "預(yù)算")
    return trad.replace("≥", "≧").replace("100", "１００")


def _time(label: str, text: str, repeat: int) -> None:
    mb = len(text.encode("utf-8")) / 1_000_000
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = normalise.normalise_text(text)
        best = min(best, time.perf_counter() - t0)
    print(f"{label}: {mb:.1f} MB, {len(result.repairs):,} repairs, best {best:.3f} s -> {mb / best:.1f} MB/s")
    for line in result.summary():
        print(f"    {line}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--mb", type=float, default=5.0)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    seed = SEED.read_text(encoding="utf-8")
    simplified = _repeat(seed, args.mb)
    traditional = _repeat(_traditional(seed), args.mb)
    t0 = time.perf_counter()
    normalise.normalise_text(seed)
    print(f"cold first call (OpenCC load + traditional character table): {time.perf_counter() - t0:.3f} s")
    _time("simplified", simplified, args.repeat)
    # As the published copies in tests/corpus come: ASCII punctuation, nothing to repair.
    _time("simplified, ASCII punctuation", simplified.replace("，", ",").replace("：", ":"), args.repeat)
    _time("traditional", traditional, args.repeat)


if __name__ == "__main__":
    main()
