"""An unreachable PostgreSQL or RabbitMQ is one clear line naming the setting, not a traceback."""

import asyncio
import os
import sys

import pytest

from devtools.servers import free_port

pytestmark = pytest.mark.e2e


async def run(*args: str, env: dict[str, str]) -> tuple[int, str]:
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        *args,
        env={**os.environ, **env},
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    _, stderr = await asyncio.wait_for(process.communicate(), 60)
    assert process.returncode is not None
    return process.returncode, stderr.decode()


async def test_a_service_names_database_url_when_postgres_is_unreachable() -> None:
    code, stderr = await run(
        "-m", "tickets", env={"DATABASE_URL": f"postgresql://postgres:pw@127.0.0.1:{free_port()}/revenge"}
    )
    assert code != 0
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert "DATABASE_URL=postgresql://postgres:***@127.0.0.1" in lines[0]
    assert "Traceback" not in stderr


async def test_make_run_names_amqp_url_when_rabbitmq_is_unreachable() -> None:
    code, stderr = await run(
        "-m", "devtools.run", env={"AMQP_URL": f"amqp://guest:guest@127.0.0.1:{free_port()}/"}
    )
    assert code == 2
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert "cannot reach RabbitMQ at AMQP_URL=amqp://guest:***@127.0.0.1" in lines[0]
