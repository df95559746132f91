"""``jixiao import --from DATASET`` stores what importing the files themselves stores: the same
documents (every field, goals' commitments and locations too), the same findings linked to the same
projects and indicators, keyed by the same sha256; failures are reported, not stored. Run on SQLite
and on a real PostgreSQL, each compared with a direct import into SQLite."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from click.testing import CliRunner
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from jixiao.cli.main import main
from jixiao.dataset.cluster import run_batch
from jixiao.services import dataset_files, import_file, import_files, import_stored_file
from jixiao.store.database import make_engine, upgrade
from jixiao.store.repository import load_document
from jixiao.store.schema import DocumentRow, FindingRow

ROOT = Path(__file__).resolve().parents[2]
FILES = (ROOT / "src" / "jixiao" / "examples" / "menyuan-2023.txt",
         *(ROOT / "tests" / "corpus" / "published" / name for name in (
             "001_ezhou-2022-shizhi-project-target.txt", "003_ningxiang-batang-2021-project-target.txt",
             "017_qingshen-ndrc-2023-selfeval-sichuan-format.txt",
             "033_guangdong-edu-2021-provincial-special-fund-target.txt")))


def _corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for path in FILES:
        shutil.copy(path, folder / path.name)
    return folder


def snapshot(engine: Engine) -> dict[str, Any]:
    """sha256 -> (document, its findings with the project seq and indicator name they link to)."""
    out: dict[str, Any] = {}
    with Session(engine) as session:
        for row in session.scalars(select(DocumentRow).order_by(DocumentRow.id)):
            findings = sorted(
                (f.rule, f.severity, f.message, f.project, f.indicator, f.evidence, f.expected,
                 str(f.location), str(f.context), f.docs, f.project_id is not None,
                 f.indicator_id is not None)
                for f in session.scalars(select(FindingRow).where(FindingRow.document_id == row.id)))
            out[row.sha256] = (load_document(session, row.id), findings)
    return out


def test_import_from_dataset_equals_importing_the_files(engine: Engine, tmp_path: Path) -> None:
    corpus = _corpus(tmp_path)
    run_batch(import_files([corpus]), tmp_path / "ds", workers=0)
    with Session(engine) as session:
        outcomes = [import_stored_file(session, stored) for stored in dataset_files(tmp_path / "ds")]
        session.commit()
    direct_engine = make_engine(f"sqlite:///{tmp_path / 'direct.db'}")
    upgrade(direct_engine)
    with Session(direct_engine) as session:
        direct = [import_file(session, path) for path in import_files([corpus])]
        session.commit()
    assert [(o.created, o.projects, o.findings, o.error is None) for o in outcomes] == \
        [(o.created, o.projects, o.findings, o.error is None) for o in direct]
    assert [o.error for o in outcomes if o.error] == [o.error.replace(str(corpus), str(corpus.resolve()))
                                                     for o in direct if o.error]
    stored, expected = snapshot(engine), snapshot(direct_engine)
    direct_engine.dispose()
    assert len(stored) == len(FILES) - 1
    assert stored == expected
    # the goals' commitments (not in the JSON) came through the dataset too
    seed = next(doc for doc, *_ in stored.values() if doc.source == "menyuan-2023.txt")
    assert any(g.commitments for p in seed.projects for g in p.goals)


def test_import_from_cli_is_idempotent_and_reports_failures(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path)
    run_batch(import_files([corpus]), tmp_path / "ds", workers=0)
    db = f"sqlite:///{tmp_path / 'cli.db'}"
    first = CliRunner().invoke(main, ["import", "--from", str(tmp_path / "ds"), "--db", db])
    assert first.exit_code == 3  # 003 holds no recognisable table: reported as importing it would
    assert "未识别出绩效目标表" in first.stderr and first.stdout.count("：已存入，文件编号") == 4
    again = CliRunner().invoke(main, ["import", "--from", str(tmp_path / "ds"), "--db", db])
    assert again.stdout.count("：已存储过") == 4
    both = CliRunner().invoke(main, ["import", str(corpus), "--from", str(tmp_path / "ds"), "--db", db])
    assert both.exit_code == 2
    neither = CliRunner().invoke(main, ["import", "--from", str(tmp_path), "--db", db])
    assert neither.exit_code == 3 and "not a jixiao dataset" in neither.stderr
