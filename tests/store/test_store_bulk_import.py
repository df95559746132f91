"""Issue 11: the bulk import (worker processes, batches, Core executemany / COPY) stores exactly what
the single-document path (``services.import_file`` one file after another) stores — same rows,
findings, search entries and audit rows, on SQLite and on a real PostgreSQL."""

from __future__ import annotations

import dataclasses
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine
from sqlalchemy.orm import Session
from store_dump import dump

from jixiao import services
from jixiao.cli.main import main
from jixiao.importing import import_paths, store_documents
from jixiao.store.bulk_rows import ImportItem
from jixiao.store.repository import save_document, sha256_bytes

FIXTURES = Path(__file__).parents[1] / "fixtures"
EXAMPLE = Path(services.__file__).parent / "examples" / "menyuan-2023.txt"


def corpus(folder: Path) -> list[Path]:
    """Documents in five formats and layouts, a copy of one of them, junk and an unrecognised file."""
    folder.mkdir()
    for source in (EXAMPLE, FIXTURES / "formats" / "huangshi-2022-target.xlsx",
                   FIXTURES / "formats" / "qingshen-2023-selfeval.docx",
                   FIXTURES / "formats" / "yongde-2022-selfeval.html",
                   FIXTURES / "grid" / "puyang-2021-target.grid.tsv",
                   FIXTURES / "formats" / "puyang-2021-target.pdf"):
        shutil.copy(source, folder)
    shutil.copy(EXAMPLE, folder / "zz-copy.txt")
    (folder / "junk.bin").write_bytes(bytes(range(256)) * 8)
    (folder / "prose.txt").write_text("这是一段普通的文字，没有表格。\n", "utf-8")
    text = EXAMPLE.read_text("utf-8")
    for n in range(4):
        (folder / f"variant-{n}.txt").write_text(text.replace("门源县总工会", f"门源县第{n}工会"), "utf-8")
    return services.import_files([folder])


def single_path(engine: Engine, files: list[Path]) -> list[services.ImportOutcome]:
    with Session(engine) as session:
        outcomes = []
        for path in files:
            outcomes.append(services.import_file(session, path))
            session.commit()
        return outcomes


@pytest.mark.parametrize("batch", [6, 10_000])
def test_bulk_import_stores_what_one_file_at_a_time_stores(engine: Engine, other_engine: Engine,
                                                           tmp_path: Path, batch: int) -> None:
    """Two workers; batches of a few projects (many transactions) or all documents in one batch
    (text layouts' short indicator rows and self-evaluations' full ones in the same COPY/INSERTs)."""
    files = corpus(tmp_path / "docs")
    expected = single_path(engine, files)
    with Session(other_engine) as session:
        got = list(import_paths(session, files, jobs=2, batch_projects=batch))
    assert [o.to_dict() for o in got] == [o.to_dict() for o in expected]
    assert sum(o.created for o in got) == 10 and sum(bool(o.error) for o in got) == 2
    assert dump(other_engine) == dump(engine)


def test_cli_import_outcomes_and_store_match_the_single_path(tmp_path: Path) -> None:
    from jixiao.store.database import make_engine, upgrade

    files = corpus(tmp_path / "docs")
    reference = make_engine(f"sqlite:///{tmp_path / 'ref.db'}")
    upgrade(reference)
    expected = single_path(reference, files)
    db = f"sqlite:///{tmp_path / 'cli.db'}"
    result = CliRunner().invoke(main, ["import", "--db", db, "--jobs", "2", "--user", "system",
                                       "--format", "json", str(tmp_path / "docs")])
    assert result.exit_code == 3, result.output  # junk and prose are reported
    assert json.loads(result.stdout) == [o.to_dict() for o in expected]
    stored = make_engine(db)
    assert dump(stored) == dump(reference)
    again = CliRunner().invoke(main, ["import", "--db", db, "--jobs", "2", str(tmp_path / "docs")])
    assert again.stdout.count("：已存储过") == 11 and "：已存入" not in again.stdout
    assert dump(stored) == dump(reference)
    stored.dispose()
    reference.dispose()


def test_store_documents_takes_models_and_a_bad_document_fails_alone(engine: Engine,
                                                                   other_engine: Engine) -> None:
    """The entry point for other loaders (a dataset): (document, findings, sha256, source) items. A
    document the database refuses (PostgreSQL: NUL in text; SQLite: stores it) fails alone."""
    doc = services.read_document(EXAMPLE)
    items = []
    for n, name in enumerate(("甲", "乙\x00丙", "丁")):
        variant = dataclasses.replace(doc, projects=[dataclasses.replace(p, name=p.name + name)
                                                     for p in doc.projects])
        findings = [f.to_dict() for f in services.review_document(variant).findings]
        items.append(ImportItem(variant, findings, sha256_bytes(f"doc {n}".encode()), f"doc-{n}"))
    items.append(items[0]._replace(source="again"))
    with Session(engine) as session:
        expected = []
        for item in items:
            try:
                result = save_document(session, item.document, item.sha256, item.findings)
                session.commit()
                expected.append((result.created, result.projects, result.findings))
            except Exception:  # the old path's refusal, whatever the driver raises
                session.rollback()
                expected.append(None)
    with Session(other_engine) as session:
        got = list(store_documents(session, items))
    assert [o.path for o in got] == ["doc-0", "doc-1", "doc-2", "again"]
    assert [None if o.error else (o.created, o.projects, o.findings) for o in got] == expected
    if engine.dialect.name == "postgresql":
        assert got[1].error is not None and got[1].error.startswith("doc-1: could not be stored: ")
    assert dump(other_engine) == dump(engine)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["环卫工人", "爱心早餐", "满意度", "\n", " ", "，", "100%", "abc", "Ⅱ",
                                 "\r\n", "职工服务中心", "１２", "合格率≥95%", "\t", "（一）", "人民共和国"]),
                max_size=30).map("".join))
def test_segmenting_line_by_line_equals_segmenting_the_whole_text(text_: str) -> None:
    """``search.segment`` caches each line's words; jieba never joins words across a line break."""
    import jieba

    from jixiao.store import search

    whole = " ".join(dict.fromkeys(search._tokens(jieba.cut_for_search(text_))))
    assert search.segment(text_) == whole
