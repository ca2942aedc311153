"""The merged description, built on first request and kept for a short while.

Each service serves its own ``/openapi.json`` on the internal network; the gateway fetches them (never
forwards them) and merges. A service that is down is left out, named in ``info.x-revenge-missing``, and
asked again a few seconds later.
"""

import asyncio
import logging
import time
from collections.abc import Sequence
from typing import Any

import httpx
from fastapi import APIRouter, FastAPI

from gateway.config import GatewaySettings
from gateway.openapi.access import access_table
from gateway.openapi.merge import merge
from gateway.proxy.routes import ROUTES, upstream_url

logger = logging.getLogger(__name__)
RETRY_MISSING_SECONDS = 5.0


class MergedSpec:
    def __init__(
        self,
        app: FastAPI,
        routers: Sequence[APIRouter],
        client: httpx.AsyncClient,
        settings: GatewaySettings,
    ) -> None:
        self.app = app
        self.client = client
        self.settings = settings
        self._spec: dict[str, Any] | None = None
        self._expires = 0.0
        self._lock = asyncio.Lock()
        self._access = access_table(routers)

    def _gateway_access(self, path: str, method: str) -> tuple[str, bool]:
        return self._access[(path, method)]

    async def _fetch(self, service: str) -> dict[str, Any] | None:
        try:
            response = await self.client.get(
                upstream_url(self.settings, service) + "/openapi.json", timeout=3.0
            )
            response.raise_for_status()
            spec: dict[str, Any] = response.json()
            return spec
        except (httpx.HTTPError, ValueError) as exc:
            logger.warning("cannot read the %s service's OpenAPI description: %s", service, exc)
            return None

    async def get(self) -> dict[str, Any]:
        async with self._lock:
            if self._spec is None or time.monotonic() >= self._expires:
                self._spec, missing = await self._build()
                ttl = RETRY_MISSING_SECONDS if missing else self.settings.openapi_cache_seconds
                self._expires = time.monotonic() + ttl
            return self._spec

    async def _build(self) -> tuple[dict[str, Any], list[str]]:
        services = sorted({route.service for route in ROUTES})
        fetched = await asyncio.gather(*(self._fetch(s) for s in services))
        upstreams = {s: spec for s, spec in zip(services, fetched, strict=True) if spec is not None}
        missing = [s for s in services if s not in upstreams]
        spec = merge(self.app.openapi(), upstreams, self._gateway_access)
        if missing:
            spec["info"]["x-revenge-missing"] = missing
        return spec, missing
