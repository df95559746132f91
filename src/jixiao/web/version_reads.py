"""Concurrent requests share reads of the store's data version (issue 11).

The response cache reads the data version (``store.data_version``) on every visitor's request, and
must read it *after* the request arrived: a reply cached under an older version must not be served
once a write has committed. On PostgreSQL each read is a round trip to a server process; at a few
thousand cached replies a second, with the database on the same two cores, those round trips were
the long tail of the cached list (p99 of seconds while p50 was 3 ms).

So a request waits for the next read that *starts* after it arrived, and every request arriving
before that read starts shares it: at most one read is running and one waiting to run, per worker.
A request never uses a read begun before it arrived, so it sees every write committed before then.
"""

from __future__ import annotations

import asyncio
import weakref
from collections.abc import Callable

import anyio.to_thread


class _Turns:
    """The reads of one event loop: the read waiting to start (shared by its waiters), the runner."""

    def __init__(self) -> None:
        self.next: asyncio.Future[int] | None = None
        self.task: asyncio.Task[None] | None = None


class VersionReads:
    def __init__(self, read: Callable[[], int]) -> None:
        self.read = read
        # per event loop: uvicorn runs one per worker; tests may run several clients, each its own
        self._turns: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, _Turns] = \
            weakref.WeakKeyDictionary()
        self.reads = 0

    async def current(self) -> int:
        """The data version, read after this call began (exceptions of the read propagate)."""
        loop = asyncio.get_running_loop()
        turns = self._turns.get(loop)
        if turns is None:
            turns = self._turns[loop] = _Turns()
        if turns.next is None:
            turns.next = loop.create_future()
        waiting = turns.next
        if turns.task is None:
            turns.task = loop.create_task(self._run(turns))
        return await asyncio.shield(waiting)

    async def _run(self, turns: _Turns) -> None:
        try:
            while turns.next is not None:
                future, turns.next = turns.next, None  # requests arriving from now on wait for the next
                try:
                    version = await anyio.to_thread.run_sync(self.read)
                except Exception as error:  # handed to every waiter
                    future.set_exception(error)
                    future.exception()  # retrieved here too: no warning if every waiter went away
                else:
                    future.set_result(version)
                self.reads += 1
        finally:
            turns.task = None
