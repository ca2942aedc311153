"""POSTs a delivery to its endpoint and reads the answer the way Standard Webhooks and Svix do:
2xx is success, 3xx is a failure (redirects are never followed), 410 disables the endpoint, and
``Retry-After`` on 429/502/503/504 is honoured."""

import json
import logging
import time
from datetime import UTC, datetime

import httpx
from httpx_secure import httpx_ssrf_protection
from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from shared.jobs import GiveUp, RetryLater
from webhooks.config import WebhooksSettings
from webhooks.delivery import signing
from webhooks.models import Delivery, DeliveryAttempt, Endpoint

logger = logging.getLogger(__name__)
RESPONSE_KEEP = 4096
USER_AGENT = "RevengeSupport-Webhooks/0.1"


def make_client(settings: WebhooksSettings) -> httpx.AsyncClient:
    client = httpx.AsyncClient(
        timeout=httpx.Timeout(settings.webhooks_timeout),
        follow_redirects=False,
        trust_env=False,
        headers={"user-agent": USER_AGENT},
    )
    if settings.webhooks_allow_private_targets:
        return client
    # Checks the address actually connected to, so DNS rebinding cannot reach a private one.
    return httpx_ssrf_protection(client)


def _retry_after(response: httpx.Response) -> float | None:
    value = response.headers.get("retry-after")
    if value is None:
        return None
    try:
        return min(max(float(value), 0.0), 3600.0)
    except ValueError:
        return None


class WebhookSender:
    def __init__(
        self,
        settings: WebhooksSettings,
        sessionmaker: async_sessionmaker[AsyncSession],
        client: httpx.AsyncClient,
    ) -> None:
        self.settings = settings
        self.sessionmaker = sessionmaker
        self.client = client

    async def __call__(self, session: AsyncSession, delivery: Delivery) -> None:
        endpoint = await session.get(Endpoint, delivery.endpoint_id)
        if endpoint is None or endpoint.status != "active":
            raise GiveUp("the endpoint was removed or disabled")
        body = json.dumps(delivery.payload, separators=(",", ":"), ensure_ascii=False).encode()
        headers = {"content-type": "application/json"}
        if endpoint.kind == "custom":
            # The same webhook-id on every retry: receivers dedupe on it.
            headers |= signing.headers(endpoint.secret, str(delivery.event_id), int(time.time()), body)
        started = time.perf_counter()
        response: httpx.Response | None = None
        error: str | None = None
        try:
            response = await self.client.post(endpoint.url, content=body, headers=headers)
        except httpx.HTTPError as exc:
            error = f"{type(exc).__name__}: {exc}"[:1000] or type(exc).__name__
        elapsed = int((time.perf_counter() - started) * 1000)
        await self._log_attempt(delivery, endpoint.url, response, error, elapsed)
        await self._judge(session, delivery, endpoint, response, error)

    async def _judge(
        self,
        session: AsyncSession,
        delivery: Delivery,
        endpoint: Endpoint,
        response: httpx.Response | None,
        error: str | None,
    ) -> None:
        if response is None:
            raise RetryLater(error or "no response")
        await session.execute(
            update(Delivery).where(Delivery.id == delivery.id).values(last_status_code=response.status_code)
        )
        status = response.status_code
        if 200 <= status < 300:
            return
        if status == 410 or (endpoint.kind == "discord" and status == 404):
            await self._disable(endpoint, f"the receiver answered {status}: it no longer exists")
            raise GiveUp(f"endpoint gone ({status}); disabled")
        if status in (429, 502, 503, 504):
            raise RetryLater(f"HTTP {status}", after=_retry_after(response))
        raise RetryLater(f"HTTP {status}")

    async def _log_attempt(
        self,
        delivery: Delivery,
        url: str,
        response: httpx.Response | None,
        error: str | None,
        elapsed_ms: int,
    ) -> None:
        # Its own transaction: the log must survive the failure that rolls the delivery back.
        async with self.sessionmaker() as session, session.begin():
            session.add(
                DeliveryAttempt(
                    delivery_id=delivery.id,
                    attempt_number=delivery.attempts,
                    url=url,
                    status_code=response.status_code if response is not None else None,
                    response_body=response.text[:RESPONSE_KEEP] if response is not None else None,
                    error=error,
                    duration_ms=elapsed_ms,
                )
            )

    async def _disable(self, endpoint: Endpoint, reason: str) -> None:
        logger.warning("disabling webhook %s (%s): %s", endpoint.id, endpoint.url, reason)
        async with self.sessionmaker() as session, session.begin():
            await session.execute(
                update(Endpoint)
                .where(Endpoint.id == endpoint.id)
                .values(status="disabled", disabled_reason=reason, updated_at=datetime.now(UTC))
            )
