"""``make run``'s first step against the real PostgreSQL and RabbitMQ, and a RabbitMQ that is not there."""

import asyncio
import os
import sys

import pytest

from devtools import preflight
from devtools.servers import free_port


class TestPreflight:
    async def test_it_passes_when_postgres_and_rabbitmq_answer(self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.delenv("DATABASE_URL", raising=False)
        monkeypatch.delenv("AMQP_URL", raising=False)
        assert await preflight.explain() == 0

    async def test_an_unreachable_rabbitmq_is_one_line_naming_amqp_url(self) -> None:
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "devtools.preflight",
            env={**os.environ, "AMQP_URL": f"amqp://guest:guest@127.0.0.1:{free_port()}/"},
            stderr=asyncio.subprocess.PIPE,
        )
        _, stderr = await asyncio.wait_for(process.communicate(), 60)
        assert process.returncode == 2
        [line] = stderr.decode().splitlines()
        assert line.startswith("make run: cannot reach RabbitMQ at AMQP_URL=amqp://guest:***@127.0.0.1:")
