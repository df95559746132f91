"""Reader throughput beside the bare libraries, on the same files.

    .venv/bin/python benchmarks/readers.py [--rows 20000] [--repeat 3]

PDF: pages/s of ``jixiao.readers.pdf.read_pdf`` (tables with soft-wrap joining, text outside tables,
page-break joining) against pdfplumber's own ``page.extract_tables()`` over the committed PDF
renditions. xlsx: rows/s of ``read_xlsx`` (cells with locations, number formats, merges) against
openpyxl's read-only ``iter_rows(values_only=True)`` on a generated workbook of the seed's rows
repeated. Prints the ratio ours/bare of the best of ``--repeat`` interleaved timings (target <= 1.5).
Times are CPU time of this process (``time.process_time``), so other load on the machine does not
skew the ratio; rates are per CPU-second.
"""

from __future__ import annotations

import argparse
import io
import logging
import time
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pdfplumber

from jixiao.readers.pdf import read_pdf
from jixiao.readers.xlsx import read_xlsx

ROOT = Path(__file__).resolve().parent.parent
FORMATS = ROOT / "tests" / "fixtures" / "formats"
logging.getLogger("pdfminer").setLevel(logging.ERROR)


def best_pair(bare: Callable[[], object], ours: Callable[[], object], repeat: int) -> tuple[float, float]:
    """Best-of-``repeat`` times of both, interleaved so machine load hits both alike."""
    t_bare, t_ours = float("inf"), float("inf")
    for _ in range(repeat):
        started = time.process_time()
        bare()
        t_bare = min(t_bare, time.process_time() - started)
        started = time.process_time()
        ours()
        t_ours = min(t_ours, time.process_time() - started)
    return t_bare, t_ours


def bench_pdf(repeat: int) -> None:
    files = [(p.name, p.read_bytes()) for p in sorted(FORMATS.glob("*.pdf"))]
    pages = 0
    for _, data in files:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            pages += len(pdf.pages)

    def bare() -> None:
        for _, data in files:
            with pdfplumber.open(io.BytesIO(data)) as pdf:
                for page in pdf.pages:
                    page.extract_tables()

    def ours() -> None:
        for name, data in files:
            read_pdf(data, name)

    t_bare, t_ours = best_pair(bare, ours, repeat)
    print(f"pdf  {len(files)} files, {pages} pages: pdfplumber extract_tables {pages / t_bare:7.1f} pages/s; "
          f"jixiao read_pdf {pages / t_ours:7.1f} pages/s; ratio {t_ours / t_bare:.2f}")


def make_xlsx(rows: int) -> bytes:
    text = (ROOT / "tests/fixtures/menyuan-2023.txt").read_text("utf-8")
    seed = [line.split("\t") for line in text.splitlines() if "\t" in line]
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("绩效目标表")
    for i in range(rows):
        row: list[object] = list(seed[i % len(seed)])
        amount = str(row[2])
        if amount.replace(".", "", 1).isdigit():
            row[2] = float(amount)  # stored as a number, as real exports do
        ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def bench_xlsx(rows: int, repeat: int) -> None:
    data = make_xlsx(rows)

    def bare() -> None:
        wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        for ws in wb.worksheets:
            for _ in ws.iter_rows(values_only=True):
                pass
        wb.close()

    def ours() -> None:
        read_xlsx(data, "bench.xlsx")

    t_bare, t_ours = best_pair(bare, ours, repeat)
    print(f"xlsx {rows} rows ({len(data) // 1024} KiB): openpyxl read-only {rows / t_bare:9.0f} rows/s; "
          f"jixiao read_xlsx {rows / t_ours:9.0f} rows/s; ratio {t_ours / t_bare:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    bench_pdf(args.repeat)
    bench_xlsx(args.rows, args.repeat)


if __name__ == "__main__":
    main()
