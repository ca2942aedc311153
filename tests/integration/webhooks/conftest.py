from collections.abc import AsyncIterator

import httpx
import pytest

from devtools.hookbin import HookBin, hookbin_app
from devtools.servers import free_port, serve
from support.apps import running
from webhooks.app import create_app
from webhooks.config import WebhooksSettings


@pytest.fixture(scope="session")
async def receiver() -> AsyncIterator[tuple[HookBin, str]]:
    bin_ = HookBin()
    async with serve(hookbin_app(bin_), free_port()) as url:
        yield bin_, url


@pytest.fixture(scope="session")
async def webhooks(database_url: str, broker_prefix: str) -> AsyncIterator[httpx.AsyncClient]:
    settings = WebhooksSettings(
        database_url=database_url,
        broker_prefix=broker_prefix,
        webhooks_allow_private_targets=True,
        webhooks_retry_schedule=(0.3, 0.3, 0.3),
        site_name="Revenge Support",
    )
    async with running(create_app(settings)) as client:
        yield client
