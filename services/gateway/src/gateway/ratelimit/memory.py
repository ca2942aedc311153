"""The in-process backend: right for one gateway process; several replicas each count on their own."""

import time
from collections.abc import Callable
from typing import TypeVar

from gateway.ratelimit.rate import Rate

# Past this many keys, expired entries are swept before a new one is added.
SWEEP_ABOVE = 10_000
V = TypeVar("V")


class MemoryBackend:
    def __init__(self) -> None:
        self._tat: dict[str, float] = {}
        self._failures: dict[str, tuple[int, float]] = {}
        self._locks: dict[str, float] = {}

    @staticmethod
    def _now() -> float:
        return time.monotonic()

    async def hit(self, key: str, rate: Rate) -> float:
        """GCRA: allow ``rate.count`` at once, refilled evenly over ``rate.seconds``; 0 means allowed,
        otherwise the seconds until the next request would be."""
        now = self._now()
        interval = rate.seconds / rate.count
        tat = max(self._tat.get(key, now), now)
        allowed_at = tat + interval - rate.seconds
        if now < allowed_at:
            return allowed_at - now
        self._sweep(self._tat, lambda tat: tat, now)
        self._tat[key] = tat + interval
        return 0.0

    async def add_failure(self, key: str, window: int) -> int:
        now = self._now()
        count, expires = self._failures.get(key, (0, 0.0))
        if expires <= now:
            count, expires = 0, now + window
        self._sweep(self._failures, lambda entry: entry[1], now)
        self._failures[key] = (count + 1, expires)
        return count + 1

    async def clear(self, key: str) -> None:
        self._failures.pop(key, None)
        self._locks.pop(key, None)

    async def lock(self, key: str, seconds: float) -> None:
        self._sweep(self._locks, lambda until: until, self._now())
        self._locks[key] = self._now() + seconds

    async def locked_for(self, key: str) -> float:
        return max(0.0, self._locks.get(key, 0.0) - self._now())

    async def ping(self) -> None:
        return None

    async def close(self) -> None:
        return None

    @staticmethod
    def _sweep(table: dict[str, V], expiry: Callable[[V], float], now: float) -> None:
        if len(table) < SWEEP_ABOVE:
            return
        for key in [k for k, v in table.items() if expiry(v) <= now]:
            del table[key]
