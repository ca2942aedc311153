import secrets
from collections.abc import AsyncIterator

import httpx
import pytest

from devtools.github_standin import APP_ID
from devtools.github_standin.app import create_app as create_standin
from devtools.servers import free_port, serve
from github_sync.app import create_app
from github_sync.config import GitHubSyncSettings
from support.apps import running
from support.broker import delete_everything
from support.github import REPOSITORY, TOKEN, WEBHOOK_SECRET


@pytest.fixture(scope="session")
async def github() -> AsyncIterator[str]:
    async with serve(create_standin(token=TOKEN), free_port()) as url:
        yield url


@pytest.fixture(scope="session")
async def github_prefix() -> AsyncIterator[str]:
    """Broker names of their own: this service hears only the events its tests publish."""
    prefix = f"gh-{secrets.token_hex(3)}."
    yield prefix
    await delete_everything(prefix)


@pytest.fixture(scope="session")
async def github_sync(database_url: str, github_prefix: str, github: str) -> AsyncIterator[httpx.AsyncClient]:
    settings = GitHubSyncSettings(
        database_url=database_url,
        broker_prefix=github_prefix,
        github_api_url=github,
        github_token=TOKEN,
        github_repository=REPOSITORY,
        github_retry_schedule=(0.3, 0.3, 0.3, 0.3),
        github_webhook_secret=WEBHOOK_SECRET,
        github_app_id=APP_ID,
    )
    async with running(create_app(settings)) as client:
        yield client


@pytest.fixture
async def standin(github: str) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=github) as client:
        yield client
