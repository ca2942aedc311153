"""The five services as separate processes: how ``make run`` starts the product and how the end-to-end
tests start it, with migrations first and readiness checked before anyone is told it is up."""

from __future__ import annotations

import asyncio
import contextlib
import importlib.util
import os
import sys
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

import asyncpg
import httpx

from shared import migrations
from shared.db import asyncpg_dsn
from shared.settings import normalise_database_url


@dataclass(frozen=True)
class ServiceSpec:
    name: str
    module: str
    schema: str
    port_env: str
    default_port: int

    @property
    def migrations_dir(self) -> Path:
        spec = importlib.util.find_spec(self.module)
        assert spec is not None
        assert spec.submodule_search_locations
        return Path(next(iter(spec.submodule_search_locations))) / "migrations"


# Upstreams first, the gateway last: it is the door, opened once the rooms behind it are ready.
SERVICES: tuple[ServiceSpec, ...] = (
    ServiceSpec("tickets", "tickets", "tickets", "TICKETS_PORT", 8001),
    ServiceSpec("notifier", "notifier", "notifier", "NOTIFIER_PORT", 8002),
    ServiceSpec("webhooks", "webhooks", "webhooks", "WEBHOOKS_PORT", 8003),
    ServiceSpec("github-sync", "github_sync", "github_sync", "GITHUB_SYNC_PORT", 8004),
    ServiceSpec("gateway", "gateway", "identity", "GATEWAY_PORT", 8000),
)
URL_ENV = {
    "tickets": "TICKETS_URL",
    "notifier": "NOTIFIER_URL",
    "webhooks": "WEBHOOKS_URL",
    "github-sync": "GITHUB_SYNC_URL",
}


async def ensure_database(database_url: str) -> bool:
    """Create the database named in the URL if it does not exist; True if it was created."""
    dsn = asyncpg_dsn(normalise_database_url(database_url))
    name = dsn.rsplit("/", 1)[1].split("?", 1)[0]
    maintenance = dsn.rsplit("/", 1)[0] + "/postgres"
    conn = await asyncpg.connect(maintenance)
    try:
        if await conn.fetchval("SELECT 1 FROM pg_database WHERE datname = $1", name):
            return False
        await conn.execute(f'CREATE DATABASE "{name}"')
        return True
    finally:
        await conn.close()


async def migrate_all(database_url: str) -> None:
    url = normalise_database_url(database_url)
    for spec in SERVICES:
        await asyncio.to_thread(migrations.upgrade, spec.migrations_dir, url, spec.schema)


@dataclass
class Stack:
    """Starts the services with ``env`` (plus each one's port), watches them, stops them."""

    env: Mapping[str, str]
    ports: Mapping[str, int]
    log: IO[str] | None = None
    processes: dict[str, asyncio.subprocess.Process] = field(default_factory=dict)
    _pumps: list[asyncio.Task[None]] = field(default_factory=list)

    def url(self, service: str) -> str:
        return f"http://127.0.0.1:{self.ports[service]}"

    def service_env(self, spec: ServiceSpec) -> dict[str, str]:
        env = {**os.environ, **self.env}
        env[spec.port_env] = str(self.ports[spec.name])
        env.pop("PORT", None)
        for name, var in URL_ENV.items():
            env[var] = self.url(name)
        return env

    async def start(self, names: tuple[str, ...] | None = None) -> None:
        for spec in SERVICES:
            if names is not None and spec.name not in names:
                continue
            process = await asyncio.create_subprocess_exec(
                sys.executable,
                "-m",
                spec.module,
                env=self.service_env(spec),
                stdout=asyncio.subprocess.PIPE,
                stderr=asyncio.subprocess.STDOUT,
            )
            self.processes[spec.name] = process
            self._pumps.append(asyncio.create_task(self._pump(spec.name, process)))

    async def _pump(self, name: str, process: asyncio.subprocess.Process) -> None:
        assert process.stdout is not None
        async for line in process.stdout:
            if self.log is not None:
                self.log.write(f"{name:<11} | {line.decode(errors='replace')}")
                self.log.flush()

    async def wait_ready(self, within: float = 90.0, names: tuple[str, ...] | None = None) -> None:
        """Until every service's /readyz says ready; raises naming the ones that are not."""
        deadline = time.monotonic() + within
        pending = {s.name for s in SERVICES if names is None or s.name in names}
        async with httpx.AsyncClient(timeout=2.0, trust_env=False) as client:
            while pending:
                for name in sorted(pending):
                    process = self.processes.get(name)
                    if process is not None and process.returncode is not None:
                        raise RuntimeError(f"{name} exited with status {process.returncode}")
                    with contextlib.suppress(httpx.HTTPError):
                        if (await client.get(self.url(name) + "/readyz")).status_code == 200:
                            pending.discard(name)
                if pending and time.monotonic() > deadline:
                    raise TimeoutError(f"not ready after {within:.0f}s: {', '.join(sorted(pending))}")
                await asyncio.sleep(0.25)

    async def stop(self, names: tuple[str, ...] | None = None) -> None:
        targets = {n: p for n, p in self.processes.items() if names is None or n in names}
        for process in targets.values():
            if process.returncode is None:
                process.terminate()
        for name, process in targets.items():
            try:
                await asyncio.wait_for(process.wait(), 15)
            except TimeoutError:
                process.kill()
                await process.wait()
            self.processes.pop(name, None)
        if names is None:
            for pump in self._pumps:
                pump.cancel()
