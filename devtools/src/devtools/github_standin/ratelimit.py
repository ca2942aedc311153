"""The primary rate limit, counted per stand-in, and GitHub's ``x-ratelimit-*`` headers."""

from __future__ import annotations

import time
from typing import Any

WINDOW_SECONDS = 3600


class RateLimit:
    def __init__(self, limit: int = 5000) -> None:
        self.limit = limit
        self.used = 0
        self.reset = int(time.time()) + WINDOW_SECONDS

    def spend(self) -> bool:
        """Count one request; False when the hour's budget is already gone."""
        if time.time() >= self.reset:
            self.used, self.reset = 0, int(time.time()) + WINDOW_SECONDS
        if self.used >= self.limit:
            return False
        self.used += 1
        return True

    @property
    def remaining(self) -> int:
        return max(self.limit - self.used, 0)

    def headers(self) -> dict[str, str]:
        return {
            "x-ratelimit-limit": str(self.limit),
            "x-ratelimit-remaining": str(self.remaining),
            "x-ratelimit-reset": str(self.reset),
            "x-ratelimit-used": str(self.used),
            "x-ratelimit-resource": "core",
        }

    def overview(self) -> dict[str, Any]:
        """The body of ``GET /rate_limit`` (schema ``rate-limit-overview``)."""
        core = {
            "limit": self.limit,
            "remaining": self.remaining,
            "reset": self.reset,
            "used": self.used,
        }
        search = {"limit": 30, "remaining": 30, "reset": int(time.time()) + 60, "used": 0}
        graphql = {"limit": 5000, "remaining": 5000, "reset": self.reset, "used": 0}
        return {"resources": {"core": core, "search": search, "graphql": graphql}, "rate": core}
