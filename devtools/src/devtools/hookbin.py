"""A webhook receiver that checks Standard Webhooks signatures with the reference ``standardwebhooks``
library, the way a careful integrator would, and keeps what it received.

``make run`` starts one on http://127.0.0.1:8026 and subscribes it; tests start their own and can make it
answer with failures to exercise retries.
"""

from __future__ import annotations

import asyncio
import json
from collections import deque
from dataclasses import dataclass, field
from typing import Any

from fastapi import FastAPI, Request, Response
from standardwebhooks.webhooks import Webhook, WebhookVerificationError


@dataclass
class Received:
    channel: str
    headers: dict[str, str]
    body: bytes
    verified: bool | None
    error: str | None = None

    @property
    def json(self) -> Any:
        return json.loads(self.body)

    def summary(self) -> dict[str, Any]:
        return {
            "channel": self.channel,
            "verified": self.verified,
            "error": self.error,
            "webhook_id": self.headers.get("webhook-id"),
            "headers": self.headers,
            "body": self.body.decode("utf-8", "replace"),
        }


@dataclass
class HookBin:
    """Secrets by channel, scripted answers, and everything received."""

    secrets: dict[str, str] = field(default_factory=dict)
    # Per channel, status codes to answer with, in order, before answering 204 again (for retry tests).
    scripted: dict[str, deque[tuple[int, dict[str, str]]]] = field(default_factory=dict)
    received: list[Received] = field(default_factory=list)
    _arrived: asyncio.Condition = field(default_factory=asyncio.Condition)

    def fail_next(self, channel: str, *statuses: int, headers: dict[str, str] | None = None) -> None:
        queue = self.scripted.setdefault(channel, deque())
        for status in statuses:
            queue.append((status, headers or {}))

    def on(self, channel: str) -> list[Received]:
        return [r for r in self.received if r.channel == channel]

    async def record(self, item: Received) -> None:
        self.received.append(item)
        async with self._arrived:
            self._arrived.notify_all()

    async def wait_for(self, predicate: Any, within: float = 30.0) -> list[Received]:
        async def until() -> None:
            async with self._arrived:
                await self._arrived.wait_for(lambda: bool(predicate(self.received)))

        await asyncio.wait_for(until(), within)
        return list(self.received)


def verify(secret: str, headers: dict[str, str], body: bytes) -> str | None:
    """None if the signature is valid, else why not."""
    try:
        Webhook(secret).verify(body, headers)
    except WebhookVerificationError as exc:
        return str(exc) or "invalid signature"
    return None


def hookbin_app(bin_: HookBin) -> FastAPI:
    app = FastAPI(title="Revenge Support webhook receiver", openapi_url=None)

    @app.post("/hooks/{channel}")
    async def receive(channel: str, request: Request) -> Response:
        body = await request.body()
        headers = {k.lower(): v for k, v in request.headers.items()}
        secret = bin_.secrets.get(channel)
        error = verify(secret, headers, body) if secret else None
        await bin_.record(
            Received(channel, headers, body, verified=None if secret is None else error is None, error=error)
        )
        if bin_.scripted.get(channel):
            status, extra = bin_.scripted[channel].popleft()
            return Response(status_code=status, headers=extra, content=b"scripted failure")
        if error is not None:
            return Response(status_code=401, content=error.encode())
        return Response(status_code=204)

    @app.put("/secrets/{channel}", status_code=204)
    async def set_secret(channel: str, request: Request) -> Response:
        bin_.secrets[channel] = (await request.json())["secret"]
        return Response(status_code=204)

    @app.get("/hooks/{channel}")
    async def list_channel(channel: str) -> list[dict[str, Any]]:
        return [r.summary() for r in bin_.on(channel)]

    @app.get("/")
    async def index() -> dict[str, Any]:
        return {"received": [r.summary() for r in bin_.received[-50:]]}

    return app
