from collections.abc import AsyncIterator, Iterator

import httpx
import pytest

from devtools.mailcatcher import MailCatcher, MailStore
from devtools.servers import free_port
from notifier.app import create_app
from notifier.config import NotifierSettings
from support.apps import running


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
async def notifier(
    database_url: str, broker_prefix: str, smtp: MailCatcher
) -> AsyncIterator[httpx.AsyncClient]:
    settings = NotifierSettings(
        database_url=database_url,
        broker_prefix=broker_prefix,
        smtp_host="127.0.0.1",
        smtp_port=smtp.port,
        smtp_from="Revenge Support <support@revenge.example>",
        site_name="Revenge Support",
    )
    async with running(create_app(settings)) as client:
        yield client
