"""The gateway in front of every real service (each served by uvicorn on a free port), a real SMTP
server behind the notifier, and a local OIDC provider: a product of its own for these tests."""

import contextlib
import secrets
from collections.abc import AsyncIterator, Iterator
from typing import Any

import httpx
import pytest

from devtools.mailcatcher import MailCatcher, MailStore
from devtools.oidc_provider import create_app as create_provider
from devtools.servers import free_port, serve
from gateway.app import create_app
from gateway.config import GatewaySettings
from gateway.ratelimit.rate import Rate
from github_sync.app import create_app as create_github_sync_app
from github_sync.config import GitHubSyncSettings
from notifier.app import create_app as create_notifier_app
from notifier.config import NotifierSettings
from support.accounts import ADMIN_EMAIL, ADMIN_PASSWORD
from support.apps import client_for, started
from support.broker import delete_everything
from support.db import create_fresh_database, drop_database
from support.gateway import GatewayFactory
from support.github import WEBHOOK_SECRET
from support.oidc import OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, OidcProvider
from tickets.app import create_app as create_tickets_app
from tickets.config import TicketsSettings
from webhooks.app import create_app as create_webhooks_app
from webhooks.config import WebhooksSettings

GATEWAY_URL = "http://gateway.test"
# The shared gateway must not throttle the whole suite; the rate-limit tests start their own.
UNLIMITED = Rate(1_000_000, 60)
# argon2id all the same, at a cost that lets the suite create a hundred accounts quickly.
CHEAP_PASSWORD_HASHES = {
    "password_hash_time_cost": 1,
    "password_hash_memory_kib": 1024,
    "password_hash_parallelism": 1,
}


@pytest.fixture(scope="session")
async def database_url() -> AsyncIterator[str]:
    """The gateway's tests run a whole product of their own, relays and workers included: they get a
    database and broker names of their own, so nothing here takes another suite's outbox rows,
    messages or mail."""
    url = await create_fresh_database()
    yield url
    await drop_database(url)


@pytest.fixture(scope="session")
async def broker_prefix() -> AsyncIterator[str]:
    prefix = f"gw-{secrets.token_hex(3)}."
    yield prefix
    await delete_everything(prefix)


@pytest.fixture(scope="session")
def smtp() -> Iterator[MailCatcher]:
    server = MailCatcher(free_port())
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def mail(smtp: MailCatcher) -> MailStore:
    return smtp.store


@pytest.fixture(scope="session")
async def tickets_url(database_url: str, broker_prefix: str) -> AsyncIterator[str]:
    settings = TicketsSettings(database_url=database_url, broker_prefix=broker_prefix, public_url=GATEWAY_URL)
    async with serve(create_tickets_app(settings), free_port()) as url:
        yield url


@pytest.fixture(scope="session")
async def notifier_url(database_url: str, broker_prefix: str, smtp: MailCatcher) -> AsyncIterator[str]:
    settings = NotifierSettings(
        database_url=database_url,
        broker_prefix=broker_prefix,
        smtp_host="127.0.0.1",
        smtp_port=smtp.port,
        smtp_from="Revenge Support <support@revenge.example>",
    )
    async with serve(create_notifier_app(settings), free_port()) as url:
        yield url


@pytest.fixture(scope="session")
async def webhooks_url(database_url: str, broker_prefix: str) -> AsyncIterator[str]:
    settings = WebhooksSettings(database_url=database_url, broker_prefix=broker_prefix)
    async with serve(create_webhooks_app(settings), free_port()) as url:
        yield url


@pytest.fixture(scope="session")
async def github_sync_url(database_url: str, broker_prefix: str) -> AsyncIterator[str]:
    settings = GitHubSyncSettings(
        database_url=database_url, broker_prefix=broker_prefix, github_webhook_secret=WEBHOOK_SECRET
    )
    async with serve(create_github_sync_app(settings), free_port()) as url:
        yield url


@pytest.fixture(scope="session")
async def oidc() -> AsyncIterator[OidcProvider]:
    port = free_port()
    issuer = f"http://127.0.0.1:{port}"
    app = create_provider(
        issuer=issuer,
        client_id=OIDC_CLIENT_ID,
        client_secret=OIDC_CLIENT_SECRET,
        redirect_uris=[f"{GATEWAY_URL}/api/v1/auth/oidc/callback"],
    )
    async with serve(app, port), httpx.AsyncClient(base_url=issuer, trust_env=False) as client:
        yield OidcProvider(issuer, client)


@pytest.fixture(scope="session")
def gateway_settings(
    database_url: str,
    broker_prefix: str,
    tickets_url: str,
    notifier_url: str,
    webhooks_url: str,
    github_sync_url: str,
    oidc: OidcProvider,
) -> GatewaySettings:
    return GatewaySettings(
        database_url=database_url,
        broker_prefix=broker_prefix,
        tickets_url=tickets_url,
        notifier_url=notifier_url,
        webhooks_url=webhooks_url,
        github_sync_url=github_sync_url,
        bootstrap_admin_email=ADMIN_EMAIL,
        bootstrap_admin_password=ADMIN_PASSWORD,
        public_url=GATEWAY_URL,
        oidc_issuer=oidc.issuer,
        oidc_client_id=OIDC_CLIENT_ID,
        oidc_client_secret=OIDC_CLIENT_SECRET,
        rate_limit_login_per_address=UNLIMITED,
        rate_limit_register_per_address=UNLIMITED,
        rate_limit_tickets_per_user=UNLIMITED,
        rate_limit_tickets_per_address=UNLIMITED,
        rate_limit_comments_per_user=UNLIMITED,
        rate_limit_comments_per_address=UNLIMITED,
        rate_limit_password_reset_per_address=UNLIMITED,
        login_failures_per_account=1_000,
        login_failures_per_address=1_000,
        **CHEAP_PASSWORD_HASHES,
    )


@pytest.fixture(scope="session")
async def gateway_transport(gateway_settings: GatewaySettings) -> AsyncIterator[httpx.ASGITransport]:
    async with started(create_app(gateway_settings)) as transport:
        yield transport


@pytest.fixture
async def gateway(gateway_transport: httpx.ASGITransport) -> AsyncIterator[httpx.AsyncClient]:
    """A client of its own per test: cookies set in one test never leak into another."""
    async with client_for(gateway_transport, GATEWAY_URL) as client:
        yield client


@pytest.fixture
def make_gateway(gateway_settings: GatewaySettings) -> GatewayFactory:
    """Another gateway over the same database and services, with some settings changed."""

    @contextlib.asynccontextmanager
    async def make(**changes: Any) -> AsyncIterator[httpx.AsyncClient]:
        settings = gateway_settings.model_copy(update=changes)
        async with started(create_app(settings), ready=False) as transport:
            async with client_for(transport, GATEWAY_URL) as client:
                yield client

    return make
