from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager

import httpx
from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

from gateway.api_tokens.endpoints import router as api_tokens_router
from gateway.auth.endpoints import router as auth_router
from gateway.auth.service import bootstrap_admin
from gateway.config import SERVICE, GatewaySettings
from gateway.dependencies import CSRF_HEADER
from gateway.internal_token import InternalTokenSigner
from gateway.models import OutboxMessage
from gateway.oidc.client import OidcClient
from gateway.oidc.endpoints import router as oidc_router
from gateway.openapi.endpoints import router as openapi_router
from gateway.openapi.source import MergedSpec
from gateway.passwords.endpoints import router as passwords_router
from gateway.proxy.endpoints import router as proxy_router
from gateway.proxy.routes import ROUTES, upstream_url
from gateway.ratelimit.backend import make_backend
from gateway.ratelimit.limiter import Limiter
from gateway.security_headers import SecurityHeadersMiddleware
from gateway.users.endpoints import router as users_router
from gateway.webui import mount_web_ui, policy_for
from shared.app import create_service_app
from shared.db import transaction
from shared.service import ServiceRuntime
from shared.telemetry import setup_tracing

UPSTREAMS = tuple(sorted({route.service for route in ROUTES}))
# FastAPI's own docs load their script from a CDN and would describe the gateway alone; the merged
# description and its docs live under /api instead.
DEFAULT_DOC_PATHS = frozenset({"/openapi.json", "/docs", "/docs/oauth2-redirect", "/redoc"})


ROUTERS = (
    auth_router,
    passwords_router,
    api_tokens_router,
    oidc_router,
    users_router,
    openapi_router,
    proxy_router,  # last: it answers every other /api/v1 path
)


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
        # The OIDC provider is outside: proxies from the environment apply, and its own timeout.
        outside = httpx.AsyncClient(timeout=settings.oidc_timeout, follow_redirects=False)
        backend = make_backend(settings)
        runtime.checks.update({name: _upstream_check(http, settings, name) for name in UPSTREAMS})
        if settings.redis_url:
            runtime.checks["redis"] = backend.ping
        app.state.http = http
        app.state.signer = InternalTokenSigner(settings.internal_jwt_private_key)
        app.state.limiter = Limiter(backend, settings)
        app.state.oidc = OidcClient(settings, outside) if settings.oidc_enabled else None
        app.state.merged_spec = MergedSpec(app, ROUTERS, http, settings)
        try:
            async with runtime.running(app):
                yield
        finally:
            await http.aclose()
            await outside.aclose()
            await backend.close()

    app = create_service_app(
        service=SERVICE,
        title="Revenge Support",
        description="The public API of Revenge Support: accounts, sessions and API tokens here; tickets, "
        "webhooks and GitHub sync behind it. Every operation names who may call it in `security` and "
        "`x-revenge-access`.",
        lifespan=lifespan,
        access_log=True,  # the public door logs each API request; the services behind it need not
    )
    app.router.routes[:] = [r for r in app.router.routes if getattr(r, "path", None) not in DEFAULT_DOC_PATHS]
    for router in ROUTERS:
        app.include_router(router)
    mount_web_ui(app, settings.web_dir)  # last: its catch-all serves the SPA's own routes
    if settings.cors_origin_list:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origin_list,
            allow_credentials=True,
            allow_methods=["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"],
            allow_headers=["authorization", "content-type", "if-match", "x-request-id", CSRF_HEADER],
            expose_headers=["etag", "location", "retry-after", "x-request-id"],
            max_age=600,
        )
    policy = policy_for(settings.web_dir, settings.content_security_policy)
    app.add_middleware(
        SecurityHeadersMiddleware, settings=settings.model_copy(update={"content_security_policy": policy})
    )
    return app
