"""Concurrent requests share reads of the data version, never one begun before they arrived
(``web.version_reads``, issue 11)."""

from __future__ import annotations

import asyncio
import threading

import pytest

from jixiao.web.version_reads import VersionReads


def test_each_call_alone_reads_afresh() -> None:
    count = 0

    def read() -> int:
        nonlocal count
        count += 1
        return count

    async def main() -> list[int]:
        reads = VersionReads(read)
        return [await reads.current() for _ in range(3)]

    assert asyncio.run(main()) == [1, 2, 3]


def test_callers_arriving_during_a_read_share_the_next_one() -> None:
    started: list[int] = []
    release = threading.Event()

    def read() -> int:
        started.append(len(started) + 1)
        if len(started) == 1:
            release.wait(5)  # the first read is slow: callers pile up behind it
        return len(started)

    async def main() -> tuple[int, list[int], int]:
        reads = VersionReads(read)
        first = asyncio.create_task(reads.current())
        while not started:
            await asyncio.sleep(0.001)
        later = [asyncio.create_task(reads.current()) for _ in range(5)]  # arrived during read 1
        await asyncio.sleep(0.01)
        release.set()
        return await first, list(await asyncio.gather(*later)), reads.reads

    first, later, count = asyncio.run(main())
    assert first == 1
    assert later == [2] * 5  # not read 1 (begun before they arrived): one shared read after it
    assert count == 2


def test_a_failed_read_reaches_every_waiter() -> None:
    def read() -> int:
        raise LookupError("gone")

    async def main() -> None:
        reads = VersionReads(read)
        results = await asyncio.gather(reads.current(), reads.current(), return_exceptions=True)
        assert all(isinstance(r, LookupError) for r in results)
        with pytest.raises(LookupError):
            await reads.current()  # and the next call reads again

    asyncio.run(main())
