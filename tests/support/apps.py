"""Run a service's FastAPI app in-process, lifespan and all, and talk to it over ASGI."""

import asyncio
import contextlib
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import TypeVar

import httpx
from asgi_lifespan import LifespanManager
from fastapi import FastAPI

T = TypeVar("T")


@contextlib.asynccontextmanager
async def running(app: FastAPI, *, ready: bool = True) -> AsyncIterator[httpx.AsyncClient]:
    """Start ``app``; with ``ready``, wait until its /readyz says the database and broker are up."""
    async with started(app, ready=ready) as transport, client_for(transport) as client:
        yield client


@contextlib.asynccontextmanager
async def started(app: FastAPI, *, ready: bool = True) -> AsyncIterator[httpx.ASGITransport]:
    """The app, started, as a transport: give each test its own client (and cookie jar) over it."""
    async with LifespanManager(app, startup_timeout=30, shutdown_timeout=30) as manager:
        transport = httpx.ASGITransport(app=manager.app)
        if ready:
            async with client_for(transport) as client:
                await wait_ready(client)
        yield transport


def client_for(transport: httpx.ASGITransport, base_url: str = "http://service") -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=transport, base_url=base_url)


async def wait_ready(client: httpx.AsyncClient, within: float = 30.0) -> None:
    async def ready() -> bool:
        return (await client.get("/readyz")).status_code == 200

    await eventually(ready, within=within)


async def eventually(probe: Callable[[], Awaitable[T]], within: float = 20.0, interval: float = 0.1) -> T:
    """Poll ``probe`` until it returns something truthy; fail with the last value if it never does."""
    deadline = time.monotonic() + within
    while True:
        value = await probe()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"still not true after {within:.0f}s; last value: {value!r}")
        await asyncio.sleep(interval)
