"""The S3-compatible storage option, against a real S3 API (moto's server) rather than a mock object."""

from collections.abc import AsyncIterator, Iterator
from typing import Any

import httpx
import pytest
from aiobotocore.session import get_session
from moto.server import ThreadedMotoServer

from devtools.servers import free_port
from support.apps import running
from support.tickets import USER, body
from support.tokens import person
from tickets.app import create_app
from tickets.config import TicketsSettings

BUCKET = "revenge-attachments"
CREDENTIALS: dict[str, Any] = {"aws_access_key_id": "test", "aws_secret_access_key": "test"}


@pytest.fixture(scope="module")
def s3_endpoint() -> Iterator[str]:
    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    yield f"http://127.0.0.1:{port}"
    server.stop()


@pytest.fixture
async def s3_tickets(
    s3_endpoint: str, database_url: str, broker_prefix: str
) -> AsyncIterator[httpx.AsyncClient]:
    async with get_session().create_client(
        "s3", endpoint_url=s3_endpoint, region_name="us-east-1", **CREDENTIALS
    ) as s3:
        await s3.create_bucket(Bucket=BUCKET)
    settings = TicketsSettings(
        database_url=database_url,
        broker_prefix=broker_prefix,
        attachments_storage="s3",
        s3_bucket=BUCKET,
        s3_endpoint_url=s3_endpoint,
        s3_region="us-east-1",
        s3_access_key_id="test",
        s3_secret_access_key="test",
    )
    async with running(create_app(settings)) as client:
        yield client


async def test_attachments_round_trip_through_s3(s3_tickets: httpx.AsyncClient, s3_endpoint: str) -> None:
    reporter = person()
    log = b"transcode failed at 00:12:34\n" * 1000
    created = await s3_tickets.post(
        USER, data=body(), files=[("files", ("ffmpeg.log", log, "text/plain"))], headers=reporter.headers()
    )
    assert created.status_code == 201, created.text
    detail = (
        await s3_tickets.get(f"{USER}/{created.json()['ticket_number']}", headers=reporter.headers())
    ).json()
    [attachment] = detail["attachments"]
    assert (await s3_tickets.get(attachment["url"], headers=reporter.headers())).content == log
    async with get_session().create_client(
        "s3", endpoint_url=s3_endpoint, region_name="us-east-1", **CREDENTIALS
    ) as s3:
        listed = await s3.list_objects_v2(Bucket=BUCKET)
        keys = [item["Key"] for item in listed.get("Contents", [])]
    assert f"{created.json()['id']}/{attachment['id']}" in keys
