"""Issue 11: an import killed mid-way (SIGKILL of the whole process tree, or Ctrl-C) and run again
leaves exactly the store one uninterrupted run leaves: no half-stored document, nothing twice."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session
from store_dump import dump, orphans

from jixiao import services
from jixiao.importing import import_paths
from jixiao.store.schema import DocumentRow

EXAMPLE = Path(services.__file__).parent / "examples" / "menyuan-2023.txt"
FILES = 120  # three batches of 50 documents at least: the kill lands after the first one


def _corpus(folder: Path) -> Path:
    folder.mkdir()
    text = EXAMPLE.read_text("utf-8")
    for n in range(FILES):
        body = text.replace("环卫工人爱心早餐", f"环卫工人爱心早餐第{n}期").replace("门源县", f"第{n % 7}县")
        (folder / f"doc-{n:03d}.txt").write_text(body, "utf-8")
    return folder


def _jixiao(*args: str) -> subprocess.Popen[str]:
    code = "import sys; from jixiao.cli.main import main; sys.exit(main())"
    return subprocess.Popen([sys.executable, "-c", code, *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, start_new_session=True, env=os.environ.copy())


def _documents(engine: Engine) -> int:
    with Session(engine) as session:
        return session.scalar(select(func.count()).select_from(DocumentRow)) or 0


@pytest.mark.parametrize("how", ["SIGKILL", "SIGINT"])
def test_interrupted_import_rerun_equals_one_uninterrupted_run(how: str, engine: Engine, other_engine: Engine,
                                                               tmp_path: Path) -> None:
    folder = _corpus(tmp_path / "docs")
    url = other_engine.url.render_as_string(hide_password=False)
    with Session(engine) as session:  # the reference: one run, in-process
        assert all(o.created for o in import_paths(session, services.import_files([folder]), jobs=1,
                                                   username="import"))
    proc = _jixiao("import", "--db", url, "--jobs", "2", str(folder))
    try:
        assert proc.stdout is not None
        first = proc.stdout.readline()  # printed once the first batch has committed
        assert "：已存入，文件编号" in first, first + (proc.stderr.read() if proc.stderr else "")
        if how == "SIGKILL":
            os.killpg(proc.pid, signal.SIGKILL)  # the storing process and its workers, mid-batch
            assert proc.wait(30) == -signal.SIGKILL
        else:
            proc.send_signal(signal.SIGINT)  # Ctrl-C: the batch being written is rolled back
            _, err = proc.communicate(timeout=60)
            assert proc.returncode == 130, err
            assert "导入已中断" in err
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    stored = _documents(other_engine)
    assert 0 < stored < FILES  # it really was interrupted mid-way
    rerun = _jixiao("import", "--db", url, "--jobs", "2", str(folder))
    out, err = rerun.communicate(timeout=300)
    assert rerun.returncode == 0, err
    assert out.count("：已存储过") == stored and out.count("：已存入") == FILES - stored
    assert dump(other_engine) == dump(engine)
    assert not any(orphans(other_engine).values())  # PostgreSQL's COPYs ran without per-row link checks
