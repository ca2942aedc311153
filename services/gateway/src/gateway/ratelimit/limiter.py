"""Rate limits and the login slow-down on top of a backend.

A backend that cannot answer (Redis down) lets requests through and logs it: the limits protect the
service, they must not take it down; ``/readyz`` reports Redis as down meanwhile.
"""

import hashlib
import logging
import math
from collections.abc import Awaitable
from typing import TypeVar

from gateway.config import GatewaySettings
from gateway.ratelimit.backend import Backend
from gateway.ratelimit.rate import Rate
from shared.problems import TooManyRequests

logger = logging.getLogger(__name__)
T = TypeVar("T")


def too_many(wait: float, detail: str) -> TooManyRequests:
    seconds = max(1, math.ceil(wait))
    return TooManyRequests(
        f"{detail} Try again in {seconds} seconds.",
        headers={"Retry-After": str(seconds)},
        extra={"retry_after": seconds},
    )


def subject_key(value: str) -> str:
    """Emails (and other personal data) are hashed before they become keys in a shared store."""
    return hashlib.sha256(value.strip().lower().encode()).hexdigest()[:32]


class Limiter:
    def __init__(self, backend: Backend, settings: GatewaySettings) -> None:
        self.backend = backend
        self.settings = settings
        self.prefix = settings.redis_key_prefix

    async def safely(self, op: Awaitable[T], default: T) -> T:
        try:
            return await op
        except Exception as exc:
            logger.warning("rate limiter unavailable, letting the request through: %s", exc)
            return default

    async def check(self, bucket: str, subject: str, rate: Rate, detail: str = "Too many requests.") -> None:
        """Count one request of ``subject`` in ``bucket``; 429 with Retry-After past ``rate``."""
        wait = await self.safely(self.backend.hit(f"{self.prefix}rl:{bucket}:{subject}", rate), 0.0)
        if wait > 0:
            raise too_many(wait, detail)

    async def allowed(self, bucket: str, subject: str, rate: Rate) -> bool:
        """Like :meth:`check`, but says no instead of raising (for limits that must stay silent)."""
        wait = await self.safely(self.backend.hit(f"{self.prefix}rl:{bucket}:{subject}", rate), 0.0)
        return wait <= 0
