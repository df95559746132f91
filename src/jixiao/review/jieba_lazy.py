"""jieba's prefix dictionary read on demand from an SQLite file, instead of loaded whole.

``jieba.initialize()`` unpickles its 350,000-entry prefix dictionary (about 0.6 s), a sixth of a whole
``jixiao check`` of 5,000 projects, although a document's indicator names touch a few thousand entries.
The first use writes the same dictionary (word -> frequency, prefixes with 0) into an SQLite file in
the temp directory, next to jieba's own cache; later processes give jieba a mapping that looks words
up in that file. jieba's own segmentation code runs unchanged on the same frequencies, so the words
are exactly those of a fully loaded jieba. Any problem with the file falls back to the full load.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import stat
import tempfile
from pathlib import Path
from typing import Any

_MISSING = object()


class LazyFreq:
    """A read-only ``dict``-like view of jieba's ``FREQ`` backed by SQLite, memoising what it read."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self._db = connection
        self._seen: dict[str, int | None] = {}

    def _lookup(self, word: str) -> int | None:
        try:
            return self._seen[word]
        except KeyError:
            pass
        row = self._db.execute("SELECT f FROM freq WHERE w = ?", (word,)).fetchone()
        value = None if row is None else int(row[0])
        self._seen[word] = value
        return value

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and self._lookup(word) is not None

    def __getitem__(self, word: str) -> int:
        value = self._lookup(word)
        if value is None:
            raise KeyError(word)
        return value

    def get(self, word: str, default: Any = None) -> Any:
        value = self._lookup(word)
        return default if value is None else value


def _db_path(jieba: Any) -> Path:
    """The SQLite file for this jieba version and dictionary (its path, size and mtime)."""
    custom = jieba.dt.dictionary
    dictionary = Path(jieba.__file__).parent / jieba.DEFAULT_DICT_NAME if custom is None else Path(custom)
    stat = dictionary.stat()
    key = f"{jieba.__version__}|{dictionary}|{stat.st_size}|{stat.st_mtime_ns}"
    digest = hashlib.sha256(key.encode()).hexdigest()[:16]
    return Path(tempfile.gettempdir()) / f"jixiao-jieba-{digest}.sqlite"


def _build(jieba: Any, path: Path) -> None:
    """Load jieba fully once and write its dictionary to ``path`` (atomically, by rename)."""
    jieba.dt.initialize()
    fd, name = tempfile.mkstemp(prefix=f"{path.name}.", suffix=".tmp", dir=path.parent)  # 0600, new
    os.close(fd)
    tmp = Path(name)
    db = sqlite3.connect(tmp)
    try:
        db.execute("CREATE TABLE freq (w TEXT PRIMARY KEY, f INTEGER NOT NULL) WITHOUT ROWID")
        db.execute("CREATE TABLE total (n INTEGER NOT NULL)")
        db.executemany("INSERT INTO freq VALUES (?, ?)", jieba.dt.FREQ.items())
        db.execute("INSERT INTO total VALUES (?)", (jieba.dt.total,))
        db.commit()
    finally:
        db.close()
    os.replace(tmp, path)


def _trusted(path: Path) -> bool:
    """The file is ours: owned by this user and writable by no one else (the findings depend on it)."""
    st = path.lstat()
    return stat.S_ISREG(st.st_mode) and st.st_uid == os.getuid() and not st.st_mode & 0o022


def lazy_tokenizer(jieba: Any) -> Any:
    """A ``jieba.Tokenizer`` whose dictionary is read on demand, or jieba's default tokenizer fully
    loaded when the SQLite file cannot be made or read."""
    try:
        path = _db_path(jieba)
        if not path.exists():
            _build(jieba, path)
            return jieba.dt  # loaded whole by the build: use it as it is
        if not _trusted(path):  # another user's file in a shared temp directory: never read it
            jieba.dt.initialize()
            return jieba.dt
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        try:
            (total,) = db.execute("SELECT n FROM total").fetchone()
        except sqlite3.DatabaseError:  # damaged or foreign file: write it again, use the full load
            db.close()
            _build(jieba, path)
            return jieba.dt
        tokenizer = jieba.Tokenizer()
        tokenizer.FREQ = LazyFreq(db)
        tokenizer.total = int(total)
        tokenizer.initialized = True
        return tokenizer
    except (OSError, sqlite3.Error, TypeError, ValueError):
        jieba.dt.initialize()
        return jieba.dt
