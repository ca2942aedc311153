"""``/healthz`` (alive), ``/readyz`` (dependencies reachable) and ``/metrics`` (Prometheus) for a service."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable, Mapping

from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse
from prometheus_client import CONTENT_TYPE_LATEST, Counter, Histogram, generate_latest
from starlette.types import ASGIApp, Message, Receive, Scope, Send

Check = Callable[[], Awaitable[None]]

REQUESTS = Counter("http_requests_total", "HTTP requests answered", ["service", "method", "route", "status"])
LATENCY = Histogram("http_request_duration_seconds", "HTTP request latency", ["service", "method", "route"])
access_logger = logging.getLogger("access")


def health_router(timeout: float = 3.0) -> APIRouter:
    """Readiness runs the checks a service's lifespan puts in ``app.state.ready_checks``."""
    router = APIRouter(include_in_schema=False)

    @router.get("/healthz")
    async def healthz() -> dict[str, str]:
        return {"status": "ok"}

    @router.get("/readyz")
    async def readyz(request: Request) -> JSONResponse:
        checks: Mapping[str, Check] = getattr(request.app.state, "ready_checks", {})
        results: dict[str, str] = {}
        for name, check in checks.items():
            try:
                await asyncio.wait_for(check(), timeout)
                results[name] = "ok"
            except Exception as exc:
                results[name] = f"down: {type(exc).__name__}: {exc}"[:300]
        ready = all(v == "ok" for v in results.values())
        return JSONResponse(
            {"status": "ready" if ready else "not ready", "checks": results},
            status_code=200 if ready else 503,
        )

    @router.get("/metrics")
    async def metrics() -> Response:
        return Response(generate_latest(), media_type=CONTENT_TYPE_LATEST)

    return router


class MetricsMiddleware:
    """Counts and times requests by route template (not raw path, which would explode the labels).

    With ``access_log``, also logs one line per ``/api/`` request: method, path (never the query, which may
    hold search terms), status, time taken and the request id that ties it to the services' logs."""

    def __init__(self, app: ASGIApp, service: str, access_log: bool = False) -> None:
        self.app = app
        self.service = service
        self.access_log = access_log

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start = time.perf_counter()
        status = 500

        async def send_wrapper(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, send_wrapper)
        finally:
            route = scope.get("route")
            template = getattr(route, "path", "unmatched")
            method = scope["method"]
            took = time.perf_counter() - start
            REQUESTS.labels(self.service, method, template, str(status)).inc()
            LATENCY.labels(self.service, method, template).observe(took)
            path: str = scope.get("path", "")
            if self.access_log and path.startswith("/api/"):
                request_id = scope.get("state", {}).get("request_id", "-")
                access_logger.info("%s %s %d %.0fms rid=%s", method, path, status, took * 1000, request_id)
