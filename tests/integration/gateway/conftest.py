from collections.abc import AsyncIterator

import httpx
import pytest
from support.accounts import ADMIN_EMAIL, ADMIN_PASSWORD
from support.apps import client_for, started

from devtools.servers import free_port, serve
from gateway.app import create_app
from gateway.config import GatewaySettings
from tickets.app import create_app as create_tickets_app
from tickets.config import TicketsSettings


@pytest.fixture(scope="session")
async def tickets_url(database_url: str, broker_prefix: str) -> AsyncIterator[str]:
    settings = TicketsSettings(database_url=database_url, broker_prefix=broker_prefix)
    async with serve(create_tickets_app(settings), free_port()) as url:
        yield url


@pytest.fixture(scope="session")
def gateway_settings(database_url: str, broker_prefix: str, tickets_url: str) -> GatewaySettings:
    return GatewaySettings(
        database_url=database_url,
        broker_prefix=broker_prefix,
        tickets_url=tickets_url,
        # Nothing listens here: the "upstream down" case.
        webhooks_url=f"http://127.0.0.1:{free_port()}",
        bootstrap_admin_email=ADMIN_EMAIL,
        bootstrap_admin_password=ADMIN_PASSWORD,
        public_url="http://gateway.test",
    )


@pytest.fixture(scope="session")
async def gateway_transport(gateway_settings: GatewaySettings) -> AsyncIterator[httpx.ASGITransport]:
    # Not "ready": readiness includes upstreams this test session deliberately leaves down.
    async with started(create_app(gateway_settings), ready=False) as transport:
        yield transport


@pytest.fixture
async def gateway(gateway_transport: httpx.ASGITransport) -> AsyncIterator[httpx.AsyncClient]:
    """A client of its own per test: cookies set in one test never leak into another."""
    async with client_for(gateway_transport, "http://gateway.test") as client:
        yield client
