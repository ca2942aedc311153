"""The Redis backend: every gateway replica shares one count. Each operation is one round trip and
atomic (a Lua script, or a MULTI pipeline); time comes from the Redis server, so replicas agree."""

from redis.asyncio import Redis

from gateway.ratelimit.rate import Rate

# GCRA (generic cell rate algorithm): one key per subject holding its "theoretical arrival time".
_GCRA = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local period = tonumber(ARGV[1])
local interval = tonumber(ARGV[2])
local tat = tonumber(redis.call('GET', KEYS[1]) or now)
if tat < now then tat = now end
local allowed_at = tat + interval - period
if now < allowed_at then return allowed_at - now end
redis.call('SET', KEYS[1], tat + interval, 'PX', math.ceil(tat + interval - now))
return 0
"""


class RedisBackend:
    def __init__(self, url: str) -> None:
        # Short timeouts: a limiter that cannot answer must not hold the request up for long.
        self._redis = Redis.from_url(url, socket_timeout=0.5, socket_connect_timeout=0.5)
        self._gcra = self._redis.register_script(_GCRA)

    async def hit(self, key: str, rate: Rate) -> float:
        period_ms = rate.seconds * 1000
        wait_ms = await self._gcra(keys=[key], args=[period_ms, period_ms / rate.count])
        return float(wait_ms) / 1000

    async def add_failure(self, key: str, window: int) -> int:
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.incr(key)
            pipe.expire(key, window, nx=True)
            count, _ = await pipe.execute()
        return int(count)

    async def clear(self, key: str) -> None:
        await self._redis.delete(key, f"{key}:lock")

    async def lock(self, key: str, seconds: float) -> None:
        await self._redis.set(f"{key}:lock", 1, px=max(1, int(seconds * 1000)))

    async def locked_for(self, key: str) -> float:
        ttl = await self._redis.pttl(f"{key}:lock")
        return max(0.0, ttl / 1000) if ttl > 0 else 0.0

    async def ping(self) -> None:
        await self._redis.ping()

    async def close(self) -> None:
        await self._redis.aclose()
