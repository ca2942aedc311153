from typing import Protocol

from gateway.config import GatewaySettings
from gateway.ratelimit.rate import Rate


class Backend(Protocol):
    async def hit(self, key: str, rate: Rate) -> float: ...
    async def add_failure(self, key: str, window: int) -> int: ...
    async def clear(self, key: str) -> None: ...
    async def lock(self, key: str, seconds: float) -> None: ...
    async def locked_for(self, key: str) -> float: ...
    async def ping(self) -> None: ...
    async def close(self) -> None: ...


def make_backend(settings: GatewaySettings) -> Backend:
    if settings.redis_url:
        from gateway.ratelimit.redis import RedisBackend

        return RedisBackend(settings.redis_url)
    from gateway.ratelimit.memory import MemoryBackend

    return MemoryBackend()
