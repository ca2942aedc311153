"""Run ASGI apps with uvicorn inside an existing event loop (for tests and ``make run``)."""

from __future__ import annotations

import asyncio
import contextlib
import socket
from collections.abc import AsyncIterator, Iterator

import uvicorn
from fastapi import FastAPI


class EmbeddedServer(uvicorn.Server):
    """A uvicorn server inside someone else's event loop: signals belong to the host program."""

    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        yield


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextlib.asynccontextmanager
async def serve(app: FastAPI, port: int, host: str = "127.0.0.1") -> AsyncIterator[str]:
    """Serve ``app`` for the duration of the block; yields its base URL."""
    config = uvicorn.Config(app, host=host, port=port, log_level="warning", lifespan="on")
    server = EmbeddedServer(config)
    task = asyncio.create_task(server.serve())
    while not server.started:
        if task.done():
            task.result()  # raises why it could not start
            raise RuntimeError(f"server on port {port} stopped at start-up")
        await asyncio.sleep(0.02)
    try:
        yield f"http://{host}:{port}"
    finally:
        server.should_exit = True
        with contextlib.suppress(asyncio.CancelledError):
            await task
