"""Resource limits that keep a hostile or broken file from exhausting memory or time.

Zip containers (xlsx, docx) are checked from their central directory *before* anything is
decompressed: total uncompressed size, per-member compression ratio and member count.
"""

from __future__ import annotations

import io
import os
import zipfile
from contextvars import ContextVar

from jixiao.i18n import _
from jixiao.readers.base import UnreadableInput

#: Largest input file read at all (default; ``--max-input-mb`` / ``JIXIAO_MAX_INPUT_MB`` change it).
MAX_FILE_BYTES = 200 * 1024 * 1024
#: Environment variable holding the input size limit in MiB (``jixiao parse|check --max-input-mb``).
MAX_INPUT_ENV = "JIXIAO_MAX_INPUT_MB"
#: Largest total uncompressed size of a zip container.
MAX_UNZIPPED_BYTES = 512 * 1024 * 1024
#: Largest compression ratio of a member bigger than :data:`RATIO_FLOOR_BYTES` (real sheets: ~10-30).
MAX_RATIO = 200
RATIO_FLOOR_BYTES = 1024 * 1024
MAX_MEMBERS = 10_000
#: Pages / sheets rows / table cells beyond which a reader stops and notes the cut.
MAX_PAGES = 2_000
MAX_ROWS = 200_000
MAX_COLUMNS = 500
#: Cells a whole file may yield (every position, covered ones included): a few hundred MB at most.
MAX_CELLS = 1_000_000


class CellBudget:
    """Counts the cells a reader has made; ``take`` answers False once the file's budget is spent."""

    def __init__(self, limit: int = MAX_CELLS) -> None:
        self.left = limit

    def take(self, n: int) -> bool:
        self.left -= n
        return self.left >= 0


def why(exc: BaseException, limit: int = 120) -> str:
    """A library exception as a short one-line reason ("PSSyntaxError: Invalid dictionary …")."""
    text = " ".join(str(exc).split())
    text = text if len(text) <= limit else text[: limit - 1] + "…"
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


_chosen_limit: ContextVar[int | None] = ContextVar("jixiao_max_input", default=None)


def set_max_input_mb(mib: float | None) -> None:
    """Set the input size limit for the rest of this context (the CLI's ``--max-input-mb``)."""
    _chosen_limit.set(None if mib is None else int(mib * 2**20))


def max_input_bytes() -> int:
    """The input size limit: :func:`set_max_input_mb`, else ``JIXIAO_MAX_INPUT_MB`` (MiB, > 0) when
    set and valid, else :data:`MAX_FILE_BYTES` (200 MiB)."""
    chosen = _chosen_limit.get()
    if chosen is not None:
        return chosen
    text = os.environ.get(MAX_INPUT_ENV, "").strip()
    try:
        mib = float(text)
    except ValueError:
        return MAX_FILE_BYTES
    return int(mib * 2**20) if mib > 0 else MAX_FILE_BYTES


def too_large(name: str, size: int, limit: int) -> UnreadableInput:
    """The one-line refusal of an input bigger than ``limit`` bytes."""
    message = _("{name}: 文件过大（{size} MiB，上限 {limit} MiB；用 --max-input-mb 或 {env} 调整）",
                name=name, size=f"{size / 2**20:.1f}", limit=f"{limit / 2**20:g}", env=MAX_INPUT_ENV)
    return UnreadableInput(message)


def check_size(data: bytes, name: str, limit: int | None = None) -> None:
    limit = max_input_bytes() if limit is None else limit
    if len(data) > limit:
        raise too_large(name, len(data), limit)


def open_zip(data: bytes, name: str, kind: str) -> zipfile.ZipFile:
    """Open ``data`` as a zip after checking it is not a zip bomb; raise UnreadableInput otherwise."""
    check_size(data, name)
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        NotImplementedError,
        ValueError,
        OSError,
        EOFError,
    ) as exc:
        raise UnreadableInput(f"{name}: damaged or truncated {kind} file ({why(exc)})") from exc
    if len(infos) > MAX_MEMBERS:
        raise UnreadableInput(f"{name}: {kind} has {len(infos)} parts; refusing (limit {MAX_MEMBERS})")
    total = 0
    for info in infos:
        total += info.file_size
        if info.file_size > RATIO_FLOOR_BYTES and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise UnreadableInput(
                f"{name}: {kind} part {info.filename} expands {info.file_size // max(info.compress_size, 1)}"
                f"-fold (zip bomb?); refusing to decompress"
            )
    if total > MAX_UNZIPPED_BYTES:
        raise UnreadableInput(
            f"{name}: {kind} would expand to {total // 2**20} MiB"
            f" (> {MAX_UNZIPPED_BYTES // 2**20} MiB); refusing"
        )
    return zf
