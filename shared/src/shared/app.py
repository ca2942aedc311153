"""What every service's FastAPI app has: problem+json errors, health and metrics, tracing, request ids."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import AbstractAsyncContextManager
from typing import Any

from fastapi import FastAPI
from opentelemetry.instrumentation.fastapi import FastAPIInstrumentor
from pydantic import BaseModel
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from shared.health import MetricsMiddleware, health_router
from shared.problems import install_problem_handlers, problem_schemas

REQUEST_ID_HEADER = "x-request-id"


class RequestIdMiddleware:
    """Keeps the caller's (or gateway's) X-Request-ID, or makes one, and echoes it on the response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope["headers"])
        raw = headers.get(REQUEST_ID_HEADER.encode())
        request_id = raw.decode("latin-1")[:128] if raw else uuid.uuid4().hex
        scope.setdefault("state", {})["request_id"] = request_id

        async def send_wrapper(message: Message) -> None:
            if message["type"] == "http.response.start":
                message.setdefault("headers", [])
                message["headers"] = [
                    *message["headers"],
                    (REQUEST_ID_HEADER.encode(), request_id.encode("latin-1")),
                ]
            await send(message)

        await self.app(scope, receive, send_wrapper)


def _document_schemas(app: FastAPI, models: Sequence[type[BaseModel]]) -> None:
    """Add the problem+json schemas (and models routes refer to by hand) to the OpenAPI document."""
    generate = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = generate()
            components = schema.setdefault("components", {}).setdefault("schemas", {})
            components.update(problem_schemas())
            for model in models:
                found = model.model_json_schema(ref_template="#/components/schemas/{model}")
                components.update(found.pop("$defs", {}))
                components[model.__name__] = found
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]


def create_service_app(
    *,
    service: str,
    title: str,
    description: str,
    lifespan: Callable[[FastAPI], AbstractAsyncContextManager[None]]
    | Callable[[FastAPI], AsyncIterator[None]],
    openapi_tags: list[dict[str, Any]] | None = None,
    extra_schemas: Sequence[type[BaseModel]] = (),
    access_log: bool = False,
) -> FastAPI:
    app = FastAPI(
        title=title,
        description=description,
        version="0.1.0",
        lifespan=lifespan,  # type: ignore[arg-type]
        openapi_tags=openapi_tags,
    )
    install_problem_handlers(app)
    _document_schemas(app, extra_schemas)
    app.include_router(health_router())
    app.add_middleware(MetricsMiddleware, service=service, access_log=access_log)
    app.add_middleware(RequestIdMiddleware)
    FastAPIInstrumentor.instrument_app(app, excluded_urls="healthz,readyz,metrics")
    return app
