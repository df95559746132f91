"""Fixtures of the dataset tests: the small corpus (``dataset_samples``) and its reference dataset."""

from __future__ import annotations

from pathlib import Path

import pytest
from dataset_samples import make_corpus

from jixiao.dataset.cluster import run_batch


@pytest.fixture(scope="session")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_corpus(tmp_path_factory.mktemp("corpus"), 6)


@pytest.fixture(scope="session")
def reference(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The dataset of the single-process path (``--workers 0``: no Dask)."""
    out = tmp_path_factory.mktemp("reference") / "ds"
    run_batch(sorted(corpus.iterdir()), out, workers=0)
    return out
