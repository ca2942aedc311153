from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager

import httpx
from fastapi import FastAPI

from gateway.auth.endpoints import router as auth_router
from gateway.auth.service import bootstrap_admin
from gateway.config import SERVICE, GatewaySettings
from gateway.internal_token import InternalTokenSigner
from gateway.models import OutboxMessage
from gateway.proxy.endpoints import router as proxy_router
from gateway.proxy.routes import upstream_url
from shared.app import create_service_app
from shared.db import transaction
from shared.service import ServiceRuntime
from shared.telemetry import setup_tracing

UPSTREAMS = ("tickets", "notifier", "webhooks", "github-sync")


def _upstream_check(
    client: httpx.AsyncClient, settings: GatewaySettings, service: str
) -> Callable[[], Awaitable[None]]:
    async def check() -> None:
        response = await client.get(upstream_url(settings, service) + "/healthz", timeout=2.0)
        response.raise_for_status()

    return check


def create_app(settings: GatewaySettings | None = None) -> FastAPI:
    settings = settings or GatewaySettings()
    setup_tracing(SERVICE)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        runtime = ServiceRuntime(SERVICE, settings)
        async with transaction(runtime.sessionmaker) as session:
            await bootstrap_admin(session, settings)
        runtime.relay(OutboxMessage)
        http = httpx.AsyncClient(
            timeout=httpx.Timeout(settings.upstream_timeout, connect=settings.upstream_connect_timeout),
            follow_redirects=False,
            trust_env=False,
            limits=httpx.Limits(max_connections=200, max_keepalive_connections=50),
        )
        runtime.checks.update({name: _upstream_check(http, settings, name) for name in UPSTREAMS})
        app.state.http = http
        app.state.signer = InternalTokenSigner(settings.internal_jwt_private_key)
        try:
            async with runtime.running(app):
                yield
        finally:
            await http.aclose()

    app = create_service_app(
        service=SERVICE,
        title="Revenge Support",
        description="The public API of Revenge Support: accounts and sessions here; tickets, "
        "webhooks and GitHub sync behind it.",
        lifespan=lifespan,
    )
    app.include_router(auth_router)
    app.include_router(proxy_router)
    return app
