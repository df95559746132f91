"""Fixtures for the export tests; screenshots and rendered files go to ``test-artifacts/export``."""

from __future__ import annotations

from pathlib import Path

import pytest
from export_samples import SEED, sample_document

from jixiao import services
from jixiao.model import Document

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "export"


@pytest.fixture(scope="session")
def seed_doc() -> Document:
    return services.parse_file(SEED)


@pytest.fixture
def sample_doc() -> Document:
    return sample_document()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS
