from collections.abc import AsyncIterator

import httpx
import pytest

from support.apps import running
from tickets.app import create_app
from tickets.config import TicketsSettings

PUBLIC_URL = "https://support.example.test"


@pytest.fixture(scope="session")
def tickets_settings(
    database_url: str, broker_prefix: str, tmp_path_factory: pytest.TempPathFactory
) -> TicketsSettings:
    return TicketsSettings(
        database_url=database_url,
        broker_prefix=broker_prefix,
        public_url=PUBLIC_URL,
        attachments_dir=tmp_path_factory.mktemp("attachments"),
    )


@pytest.fixture(scope="session")
async def tickets(tickets_settings: TicketsSettings) -> AsyncIterator[httpx.AsyncClient]:
    async with running(create_app(tickets_settings)) as client:
        yield client
