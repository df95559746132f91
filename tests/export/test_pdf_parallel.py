"""Parts laid out in worker processes, page numbers laid over afterwards: the pages look exactly as
the one-process export's (pdftoppm pictures compared pixel for pixel), are numbered once each, and
every font is embedded."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
from export_samples import many_projects

from jixiao.export import export_bytes, pdf_export, pdf_parallel

needs_poppler = pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils not installed")


@pytest.fixture(autouse=True)
def _threads_of_this_test(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Count only threads started during the test: idle threads that earlier tests of the suite left
    (a TestClient's worker pool, a Dask client) would otherwise turn the workers off here."""
    before = set(threading.enumerate())
    real = pdf_parallel.other_threads
    monkeypatch.setattr(pdf_parallel, "other_threads",
                        lambda: real([t for t in threading.enumerate() if t not in before]))
    yield


def _export(monkeypatch: pytest.MonkeyPatch, jobs: str, layout: str = "grid") -> bytes:
    monkeypatch.setattr(pdf_export, "PART_SIZE", 3)
    monkeypatch.setenv("JIXIAO_PDF_JOBS", jobs)
    calls: list[int] = []
    real = pdf_export.render_parallel

    def spy(*args: Any) -> bytes:
        calls.append(args[-1])
        return real(*args)

    monkeypatch.setattr(pdf_export, "render_parallel", spy)
    data = export_bytes(many_projects(8, indicators=3), "pdf", layout)
    assert calls == ([] if jobs == "1" else [int(jobs)])  # the path under test was really taken
    return data


def _pngs(data: bytes, folder: Path) -> list[bytes]:
    folder.mkdir()
    (folder / "x.pdf").write_bytes(data)
    subprocess.run(["pdftoppm", "-png", "-r", "40", str(folder / "x.pdf"), str(folder / "p")], check=True,
                   timeout=120)
    return [p.read_bytes() for p in sorted(folder.glob("p-*.png"))]


@needs_poppler
@pytest.mark.parametrize("layout", ["grid", "selfeval"])  # the list is typeset by reportlab (pdf_list)
def test_parallel_pages_look_exactly_like_one_process(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                                      layout: str) -> None:
    one = _pngs(_export(monkeypatch, "1", layout), tmp_path / "one")
    two = _pngs(_export(monkeypatch, "2", layout), tmp_path / "two")
    assert len(one) > 3 and len(one) == len(two)
    assert [a == b for a, b in zip(one, two, strict=True)] == [True] * len(one)


def test_parallel_numbers_every_page_once_and_embeds_fonts(monkeypatch: pytest.MonkeyPatch,
                                                           tmp_path: Path) -> None:
    data = _export(monkeypatch, "2")
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        pages = [page.extract_text() or "" for page in pdf.pages]
    found = [re.findall(r"第\s*(\d+)\s*页", p) for p in pages]
    assert found == [[str(n)] for n in range(1, len(pages) + 1)]
    if shutil.which("pdffonts"):
        (tmp_path / "x.pdf").write_bytes(data)
        listing = subprocess.run(["pdffonts", str(tmp_path / "x.pdf")], capture_output=True, text=True,
                                 check=True, timeout=60).stdout
        fonts = [line.split() for line in listing.splitlines()[2:]]
        assert fonts and all(f[-5] == "yes" for f in fonts), listing


def test_no_workers_while_other_threads_run(monkeypatch: pytest.MonkeyPatch) -> None:
    import threading

    from jixiao.export.pdf_parallel import workers

    monkeypatch.setenv("JIXIAO_PDF_JOBS", "2")
    assert workers() == 2
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait, daemon=True)
    thread.start()
    try:
        assert workers() == 1  # e.g. the web server's thread pool: never fork there
    finally:
        stop.set()
        thread.join()
