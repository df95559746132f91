"""Resource limits that keep a hostile or broken file from exhausting memory or time.

Zip containers (xlsx, docx) are checked from their central directory *before* anything is
decompressed: total uncompressed size, per-member compression ratio and member count.
"""

from __future__ import annotations

import io
import zipfile

from jixiao.readers.base import UnreadableInput

#: Largest input file read at all.
MAX_FILE_BYTES = 200 * 1024 * 1024
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


def check_size(data: bytes, name: str) -> None:
    if len(data) > MAX_FILE_BYTES:
        mib = len(data) // 2**20
        raise UnreadableInput(f"{name}: file too large ({mib} MiB > {MAX_FILE_BYTES // 2**20} MiB)")


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
