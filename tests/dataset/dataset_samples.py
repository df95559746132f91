"""A small corpus for the dataset tests: the seed example, a few published documents (one of which
holds no recognisable table, so ``failures`` is exercised) and variants of the seed in other regions
and years (so the year/region partitions are exercised), plus helpers to compare two datasets."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

from jixiao.dataset.schema import TABLES

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "src" / "jixiao" / "examples" / "menyuan-2023.txt"
PUBLISHED = ROOT / "tests" / "corpus" / "published"
#: published files: grid/selfeval/stream layouts, and one with no recognisable table (003)
SAMPLES = ("001_ezhou-2022-shizhi-project-target.txt", "003_ningxiang-batang-2021-project-target.txt",
           "009_ningjin-2019-high-school-grant-eval-indicators.txt",
           "033_guangdong-edu-2021-provincial-special-fund-target.txt")
REGIONS = ("互助县", "大通县", "湟源县", "祁连县")


def seed_variant(n: int) -> str:
    """The seed moved to another county and year, its first project renamed: different bytes."""
    text = SEED.read_text("utf-8")
    region, year = REGIONS[n % len(REGIONS)], 2021 + n % 3
    return (text.replace("门源县", region).replace("2023年部门预算", f"{year}年部门预算")
            .replace("环卫工人爱心早餐", f"环卫工人爱心早餐（第{n}批）"))


def make_corpus(folder: Path, variants: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(SEED, folder / SEED.name)
    for name in SAMPLES:
        shutil.copy(PUBLISHED / name, folder / name)
    for n in range(variants):
        (folder / f"variant-{n:03d}.txt").write_text(seed_variant(n), "utf-8")
    return folder


def dataset_content(root: Path) -> dict[str, Any]:
    """Everything a dataset holds, order-free: each table's rows sorted, the part files, the manifest."""
    out: dict[str, Any] = {}
    for table in TABLES:
        rows = [r for f in sorted((root / table).rglob("*.parquet")) for r in pq.read_table(f).to_pylist()]
        out[table] = sorted(rows, key=lambda r: json.dumps(r, sort_keys=True, ensure_ascii=False))
    out["files"] = sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())
    out["manifest"] = {p.name: json.loads(p.read_text("utf-8")) for p in (root / "_manifest").glob("*.json")}
    return out
