"""Session-wide real infrastructure: a fresh, migrated PostgreSQL database and unique RabbitMQ names."""

import secrets
from collections.abc import AsyncIterator

import pytest

from support.broker import delete_everything
from support.db import create_fresh_database, drop_database


@pytest.fixture(scope="session")
async def database_url() -> AsyncIterator[str]:
    url = await create_fresh_database()
    yield url
    await drop_database(url)


@pytest.fixture(scope="session")
async def broker_prefix() -> AsyncIterator[str]:
    prefix = f"test-{secrets.token_hex(3)}."
    yield prefix
    await delete_everything(prefix)
