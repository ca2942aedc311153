"""One line per API request at the public door: method, path (never the query, which may hold search
terms or tokens), status, time taken and the request id that ties it to the services' own logs."""

import logging
import time

from starlette.types import ASGIApp, Message, Receive, Scope, Send

logger = logging.getLogger("gateway.access")
QUIET = ("/healthz", "/readyz", "/metrics")


class AccessLogMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path: str = scope.get("path", "")
        if scope["type"] != "http" or not path.startswith("/api/") or path.startswith(QUIET):
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500  # what the client gets if the app fails before answering

        async def send_wrapper(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, send_wrapper)
        finally:
            request_id = scope.get("state", {}).get("request_id", "-")
            took = (time.perf_counter() - started) * 1000
            logger.info("%s %s %d %.0fms rid=%s", scope["method"], path, status, took, request_id)
