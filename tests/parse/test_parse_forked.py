"""A list-layout table's projects read by several processes (issue 11): the JSON is the same bytes as
one process writes, whatever the cut, the rows' shapes (page-break continuations, amounts in them,
cells outside the columns, a title met late), and when a forked reader fails."""

from __future__ import annotations

import datetime as dt
import itertools
import os
import random
import threading
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jixiao.model.jsonify import document_chunks
from jixiao.parse import forked_json, list_fills
from jixiao.parse.list_fills import Steps, deferred
from jixiao.parse.registry import parse_source
from jixiao.readers.text import read_text
from jixiao.services import UnrecognisedDocument, document_json_chunks, parse_bytes


@pytest.fixture(autouse=True)
def _threads_of_this_test(monkeypatch: pytest.MonkeyPatch) -> None:
    """Count only threads started during the test: idle threads earlier tests of the suite left (a
    TestClient's worker pool, a Dask client) would otherwise keep every table in one process here."""
    before = set(threading.enumerate())
    real = forked_json.other_threads
    monkeypatch.setattr(forked_json, "other_threads",
                        lambda: real([t for t in threading.enumerate() if t not in before]))


HEADER = "单位编码\t单位及项目名称\t金额 (万元)\t绩效目标\t绩效指标"
TITLE = "某某市某局2024年部门预算项目支出绩效目标公开表"
INDICATORS = [
    "一、产出指标 (一)数量指标: 1.培训班 ≥{n}期 2.受益人数 {n}人",
    "(二)质量指标: 1.合格率 {n}% (三)时效指标 1.完成时限 12月{d}日",
    "<p>二、效益指标</p> <p>(一)社会效益指标:</p> <p>1.政策知晓率 >={n}%</p>",
    "三、满意度指标 1.服务对象满意度不低于{n}%",
    "1.人均补助标准 ≤{n}.5元",
]


def _row(kind: str, n: int, rng: random.Random) -> list[str]:
    ind = rng.choice(INDICATORS).format(n=n, d=1 + n % 28)
    if kind == "project":
        return [f"{n}\t项目{n}\t{n}.5\t目标一：办班不少于{n}期\t{ind}"]
    if kind == "continued":  # a project continued after a page break, the header repeated
        return ["", HEADER, f"\t\t\t\t{ind}"]
    if kind == "amount-continued":
        return [f"\t\t{n}\t\t{ind}"]
    if kind == "extra":
        return [f"{n}\t项目{n}\t不详\t\t{ind}\t附注{n}"]
    if kind == "unit":
        return [f"{100 + n}\t某某单位{n}\t\t\t"]
    if kind == "title":  # a title met after some projects gives the later ones its year
        return [TITLE.replace("2024", str(2019 + n % 6))]
    return [f"{n}\t项目{n}\t1\t目标：无\t"]  # a project without indicators


KINDS = ["project", "project", "project", "continued", "amount-continued", "extra", "unit", "title", "bare"]


def _table(kinds: list[str], seed: int = 0, title: bool = True) -> str:
    rng = random.Random(seed)
    lines = ([TITLE, ""] if title else []) + [HEADER, "\t合计\t1\t\t", "101\t某某市某局\t1\t\t"]
    seq = 0
    for kind in kinds:
        if kind in ("project", "extra", "bare"):
            seq += 1
        lines += _row(kind, seq if kind != "unit" else seq + len(lines), rng)
    return "\n".join(lines) + "\n"


def _steps(text: str) -> Steps:
    with deferred() as handed:
        doc = parse_source(read_text(text.encode(), "t.txt"))
    (steps,) = [s for s in handed if s.doc is doc]
    return steps


def _forked(text: str, jobs: int, min_per_job: int = 1) -> bytes:
    steps = _steps(text)
    saved = forked_json.MIN_PER_JOB
    forked_json.MIN_PER_JOB = min_per_job
    try:
        return b"".join(bytes(c) for c in forked_json.document_json(steps, jobs, lambda: ValueError("none")))
    finally:
        forked_json.MIN_PER_JOB = saved


def _serial(text: str, name: str = "t.txt") -> bytes:
    return b"".join(bytes(c) for c in document_chunks(parse_bytes(text.encode(), name), floats=False))


def test_the_deferred_steps_give_the_document_read_row_by_row() -> None:
    text = _table(KINDS * 6, title=False)
    assert _forked(text, 1) == _serial(text)
    assert any(u.reason == "amount in a continuation row"
               for p in parse_bytes(text.encode(), "t.txt").projects for u in p.unparsed)
    late = "\n".join([HEADER, "1\t甲\t1\t\t1.完成时限 12月1日", TITLE, "2\t乙\t1\t\t1.完成时限 12月2日",
                      "\t\t\t\t2.完成时限 12月3日"]) + "\n"
    # a title met late gives its year to the dates of later rows only: each step keeps its row's year
    assert _forked(late, 2) == _serial(late)
    doc = parse_bytes(late.encode(), "t.txt")
    assert [isinstance(i.value, dt.date) for p in doc.projects for i in p.indicators] == [False, True, True]


@pytest.mark.parametrize("jobs", [2, 3, 5])
def test_any_number_of_processes_writes_the_same_bytes(jobs: int) -> None:
    text = _table(KINDS * 10, seed=jobs)
    assert _forked(text, jobs) == _serial(text)


@settings(max_examples=25, deadline=None)
@given(st.lists(st.sampled_from(KINDS), min_size=1, max_size=30), st.integers(1, 4), st.integers(0, 99))
def test_forked_json_equals_one_process(kinds: list[str], jobs: int, seed: int) -> None:
    text = _table(kinds, seed)
    if not parse_bytes(text.encode(), "t.txt").projects:
        return
    try:
        got = _forked(text, jobs)
    except ValueError:  # refused: then one process finds no indicator either
        assert not any(p.indicators for p in parse_bytes(text.encode(), "t.txt").projects)
        return
    assert got == _serial(text)


def test_runs_are_cut_by_text_and_small_tables_stay_in_one_process() -> None:
    steps = _steps(_table(["project"] * 40))
    bounds = forked_json.cuts(steps, 4, min_per_job=10)
    assert len(bounds) == 5 and bounds[0] == 0 and bounds[-1] == 40 and bounds == sorted(set(bounds))
    weights = [steps.weight(i) + 1 for i in range(40)]
    for start, stop in itertools.pairwise(bounds):  # each run about a quarter of the text
        assert abs(sum(weights[start:stop]) - sum(weights) / 4) <= max(weights)
    assert len(forked_json.cuts(steps, 4, min_per_job=20)) == 3  # two runs of at least 20 projects
    assert forked_json.cuts(steps, 8, min_per_job=500) == [0, 40]


def test_a_failed_reader_is_read_again_here(monkeypatch: pytest.MonkeyPatch,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    """A forked reader that dies loses nothing: its projects are read in this process."""
    text = _table(KINDS * 8, seed=3)
    want = _serial(text)
    parent, fill = os.getpid(), list_fills.fill

    def fill_dying_in_copies(*args: object) -> None:
        if os.getpid() != parent:
            os._exit(9)  # as if killed mid-way
        fill(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(list_fills, "fill", fill_dying_in_copies)
    assert _forked(text, 3) == want
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 2 and all("读取进程异常结束（退出码 9），改在主进程中读取" in line for line in lines)


def test_no_indicator_anywhere_is_refused_and_no_reader_is_left(tmp_path: Path) -> None:
    path = tmp_path / "bare.txt"
    path.write_text(_table(["bare"] * 1200), "utf-8")
    before = _children()
    with pytest.raises(UnrecognisedDocument, match="1200 个项目，但没有一个项目有绩效指标"):
        document_json_chunks(path, jobs=2)
    assert _children() == before  # every forked reader was waited for (none left, not even a zombie)


def _children() -> set[str]:
    """The pids of this process's children (Linux: other tests' servers may be among them)."""
    tasks = Path("/proc/self/task")
    return {pid for task in tasks.iterdir() for pid in (task / "children").read_text().split()}


def test_no_copy_is_forked_while_another_thread_runs() -> None:
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait, daemon=True)
    assert forked_json.can_fork()
    thread.start()
    try:
        assert not forked_json.can_fork()  # e.g. the web server's thread pool: never fork there
    finally:
        stop.set()
        thread.join()


def test_a_large_table_through_the_service(tmp_path: Path) -> None:
    """At MIN_PER_JOB projects per process the service forks; the bytes are the one-process ones, and
    the last project's indicators are really there (read by the copy)."""
    path = tmp_path / "big.txt"
    path.write_text(_table(["project"] * 1100, seed=5), "utf-8")
    two = b"".join(bytes(c) for c in document_json_chunks(path, jobs=2))
    one = b"".join(bytes(c) for c in document_json_chunks(path, jobs=1))
    assert two == one == _serial(path.read_text("utf-8"), "big.txt")
    assert b'"seq": "1100"' in two and two.count(b'"level1"') >= 1100
