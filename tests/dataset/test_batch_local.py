"""The batch without a cluster: what the dataset holds, resuming, failures, the CLI's contract."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from dataset_samples import dataset_content

from jixiao.cli.main import main
from jixiao.dataset.cluster import run_batch
from jixiao.model.jsonify import document_to_dict
from jixiao.services import import_files, read_document, review_document


def test_the_dataset_holds_what_check_reads(corpus: Path, reference: Path) -> None:
    content = dataset_content(reference)
    files = import_files([corpus])
    docs = {}
    for path in files:
        try:
            docs[str(path.resolve())] = read_document(path)
        except Exception:
            continue
    assert {r["path"] for r in content["documents"]} == set(docs)
    assert len(content["projects"]) == sum(len(d.projects) for d in docs.values())
    assert len(content["indicators"]) == sum(len(p.indicators) for d in docs.values() for p in d.projects)
    assert len(content["findings"]) == sum(len(review_document(d).findings) for d in docs.values())
    seed = next(d for p, d in docs.items() if p.endswith("menyuan-2023.txt"))
    rows = [r for r in content["projects"] if r["region"] == "门源县"]
    assert [r["name"] for r in sorted(rows, key=lambda r: r["project_index"])] == \
        [p["name"] for p in document_to_dict(seed)["projects"]]
    assert [r["path"].rsplit("/", 1)[1] for r in content["failures"]] == \
        ["003_ningxiang-batang-2021-project-target.txt"]
    assert content["failures"][0]["kind"] == "unrecognised"
    assert "未识别出绩效目标表" in content["failures"][0]["error"]
    # partitioned by year and region, named by the file's sha256
    assert any(f.startswith("projects/year=2022/region=大通县/") for f in content["files"])
    assert any("region=__HIVE_DEFAULT_PARTITION__" in f for f in content["files"])


def test_a_rerun_skips_every_file_and_changes_nothing(corpus: Path, reference: Path) -> None:
    before = dataset_content(reference)
    summary = run_batch(import_files([corpus]), reference, workers=0)
    assert summary.skipped == summary.files == len(list(corpus.iterdir()))
    assert summary.results == []
    assert dataset_content(reference) == before


def test_new_files_are_added_to_an_existing_dataset(corpus: Path, tmp_path: Path, reference: Path) -> None:
    files = import_files([corpus])
    out = tmp_path / "ds"
    first = run_batch(files[:3], out, workers=0)
    second = run_batch(files, out, workers=0)
    assert second.skipped == len(first.results) == 3
    assert dataset_content(out) == dataset_content(reference)


def test_batch_cli_summary_and_exit_code(corpus: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["batch", str(corpus), "--out", str(tmp_path / "ds"), "--workers", "0"])
    assert result.exit_code == 3, result.output  # one file holds no recognisable table
    assert "未识别出绩效目标表" in result.stderr
    assert "处理 11 个文件（0 个已在数据集中，跳过；1 个失败）" in result.stdout
    again = CliRunner().invoke(main, ["batch", str(corpus), "--out", str(tmp_path / "ds"), "--workers", "0",
                                      "--format", "json"])
    assert again.exit_code == 0
    assert '"skipped": 11' in again.stdout


def test_batch_cli_refuses_a_bad_scheduler_address(corpus: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["batch", str(corpus), "--out", str(tmp_path / "ds"),
                                       "--scheduler", "localhost:1"])
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "tcp://" in result.stderr


def test_a_region_too_long_for_a_file_name_is_cut_and_kept_whole(tmp_path: Path) -> None:
    from dataset_samples import SEED

    from jixiao.dataset.views import query

    long_region = "某" * 120 + "县"  # 363 bytes: more than a directory name may hold
    data = document_to_dict(read_document(SEED)) | {"region": long_region}
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "long.json").write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    summary = run_batch(import_files([tmp_path / "in"]), tmp_path / "ds", workers=0)
    assert summary.failed == 0, summary.results
    folders = {p.name for p in (tmp_path / "ds" / "projects" / "year=2023").iterdir()}
    assert len(folders) == 1 and len(next(iter(folders)).encode()) < 255
    regions = query(tmp_path / "ds", "SELECT DISTINCT region FROM projects")[1]
    assert regions == [(long_region,)]
