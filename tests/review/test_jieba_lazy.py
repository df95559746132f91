"""jieba's dictionary read on demand from SQLite cuts exactly as the fully loaded jieba does."""

from __future__ import annotations

import logging
import tempfile
from pathlib import Path

import pytest

from jixiao.review.jieba_import import import_jieba
from jixiao.review.jieba_lazy import LazyFreq, lazy_tokenizer

TEXTS = [
    "展品安全保障率", "环卫工人爱心早餐覆盖率", "农村饮水安全巩固提升工程受益人口", "高标准农田建设面积",
    "培训参训人员满意度", "2023年度门源县乡村振兴衔接资金项目", "ABC系统升级改造V2.0完成率",
    "中小学校舍维修改造工程验收合格率", "",
]


@pytest.fixture
def jieba(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> object:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    module = import_jieba()
    module.setLogLevel(logging.WARNING)
    return module


def test_lazy_dictionary_cuts_like_the_full_one(jieba: object, tmp_path: Path) -> None:
    first = lazy_tokenizer(jieba)  # builds the SQLite file, using the fully loaded dictionary
    assert list(tmp_path.glob("jixiao-jieba-*.sqlite"))
    lazy = lazy_tokenizer(jieba)
    assert isinstance(lazy.FREQ, LazyFreq)
    for text in TEXTS:
        expected = list(first.cut_for_search(text, HMM=False))
        assert list(lazy.cut_for_search(text, HMM=False)) == expected
    assert lazy.total == first.total


def test_damaged_file_falls_back_and_is_rewritten(jieba: object, tmp_path: Path) -> None:
    lazy_tokenizer(jieba)
    for path in tmp_path.glob("jixiao-jieba-*.sqlite"):
        path.write_bytes(b"not a database")
    tokenizer = lazy_tokenizer(jieba)
    assert isinstance(tokenizer.FREQ, dict)
    assert "安全" in tokenizer.FREQ
    assert isinstance(lazy_tokenizer(jieba).FREQ, LazyFreq)  # the damaged file was written again


def test_a_file_others_may_write_is_never_read(jieba: object, tmp_path: Path) -> None:
    lazy_tokenizer(jieba)
    (path,) = tmp_path.glob("jixiao-jieba-*.sqlite")
    assert path.stat().st_mode & 0o077 == 0  # written private
    assert isinstance(lazy_tokenizer(jieba).FREQ, LazyFreq)
    path.chmod(0o666)  # as a file planted in a shared temp directory could be
    assert isinstance(lazy_tokenizer(jieba).FREQ, dict)  # the full dictionary, not the file
