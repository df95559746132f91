"""Rate limits kept in each worker's memory.

:class:`LoginLimiter` is atomic: an attempt is *reserved* (under the lock) before the password is
checked, so twenty parallel guesses cannot all pass the "fewer than 5 failures?" test before any
of them has failed; at most ``attempts`` failures and attempts in flight count per key.
:class:`PasswordChecks` bounds how many argon2 verifications run at once (each takes ~64 MiB and
tens of milliseconds). :class:`RateLimit` is a plain sliding window (the editor's validate calls).
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager

#: keys kept before idle ones are swept (addresses and usernames an attacker may rotate)
MAX_KEYS = 10_000


class _Windows:
    def __init__(self, window: float) -> None:
        self.window = window
        self.times: dict[str, deque[float]] = {}

    def recent(self, key: str, now: float) -> deque[float]:
        if len(self.times) > MAX_KEYS:
            self.times = {k: t for k, t in self.times.items() if t and now - t[-1] <= self.window}
        times = self.times.setdefault(key, deque())
        while times and now - times[0] > self.window:
            times.popleft()
        return times

    def wait(self, times: deque[float], now: float) -> int:
        return int(self.window - (now - times[0])) + 1 if times else 1


class LoginLimiter:
    """At most ``attempts`` failed logins per key (client address, username) within ``window`` s."""

    def __init__(self, attempts: int, window: float) -> None:
        self.attempts = attempts
        self._failures = _Windows(window)
        self._pending: dict[str, int] = {}
        self._lock = threading.Lock()

    def reserve(self, *keys: str) -> int:
        """0: an attempt is reserved (end it with :meth:`failed`, :meth:`succeeded` or
        :meth:`release`); otherwise the seconds to wait."""
        now = time.monotonic()
        with self._lock:
            waits = [self._failures.wait(times, now) for key in keys
                     if len(times := self._failures.recent(key, now)) + self._pending.get(key, 0)
                     >= self.attempts]
            if waits:
                return max(waits)
            for key in keys:
                self._pending[key] = self._pending.get(key, 0) + 1
            return 0

    def release(self, *keys: str) -> None:
        """End a reserved attempt that neither failed nor succeeded (e.g. refused input)."""
        with self._lock:
            for key in keys:
                left = self._pending.get(key, 1) - 1
                if left > 0:
                    self._pending[key] = left
                else:
                    self._pending.pop(key, None)

    def failed(self, *keys: str) -> None:
        self.release(*keys)
        now = time.monotonic()
        with self._lock:
            for key in keys:
                self._failures.recent(key, now).append(now)

    def succeeded(self, *keys: str) -> None:
        self.release(*keys)
        with self._lock:
            for key in keys:
                self._failures.times.pop(key, None)


class PasswordChecks:
    """At most ``limit`` password verifications at once; others wait up to ``timeout`` seconds."""

    def __init__(self, limit: int, timeout: float) -> None:
        self._slots = threading.BoundedSemaphore(limit)
        self.timeout = timeout

    @contextmanager
    def slot(self) -> Iterator[bool]:
        """Yields False when no slot came free in time (the caller answers 503)."""
        acquired = self._slots.acquire(timeout=self.timeout)
        try:
            yield acquired
        finally:
            if acquired:
                self._slots.release()


class RateLimit:
    """At most ``limit`` calls per key within ``window`` seconds."""

    def __init__(self, limit: int, window: float) -> None:
        self.limit = limit
        self._calls = _Windows(window)
        self._lock = threading.Lock()

    def hit(self, key: str) -> int:
        """0 and counted when allowed; otherwise the seconds to wait (not counted)."""
        now = time.monotonic()
        with self._lock:
            times = self._calls.recent(key, now)
            if len(times) >= self.limit:
                return self._calls.wait(times, now)
            times.append(now)
            return 0
