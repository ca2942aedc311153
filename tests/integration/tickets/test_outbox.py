"""Every ticket change reaches RabbitMQ through the outbox, even when RabbitMQ is away at the time."""

import asyncio
from collections.abc import AsyncIterator

import asyncpg
import httpx
import pytest

from devtools.servers import free_port
from devtools.tcpproxy import TcpProxy
from shared.db import asyncpg_dsn
from support.apps import eventually, running
from support.broker import capture
from support.db import create_fresh_database, drop_database
from support.tokens import person
from tickets.app import create_app
from tickets.config import TicketsSettings

URL = "/api/v1/support/tickets"
BODY = {
    "type": "bug",
    "title": "Library scan never finishes",
    "description": "The scan of my 40,000 track library stops at 99% every time.",
    "severity": "high",
    "category": "music",
}


async def unpublished(database_url: str) -> int:
    conn = await asyncpg.connect(asyncpg_dsn(database_url))
    try:
        return int(await conn.fetchval("SELECT count(*) FROM tickets.outbox WHERE published_at IS NULL"))
    finally:
        await conn.close()


@pytest.fixture
async def own_database() -> AsyncIterator[str]:
    """A database of its own, so no other running relay publishes this test's events."""
    url = await create_fresh_database(services=("tickets",))
    yield url
    await drop_database(url)


class TestOutboxRelay:
    async def test_a_new_ticket_is_published_once_with_its_event_id_as_message_id(
        self, tickets: httpx.AsyncClient, broker_prefix: str
    ) -> None:
        async with capture(broker_prefix, "tickets", "ticket.created") as events:
            ticket = (await tickets.post(URL, json=BODY, headers=person().headers())).json()

            async def mine() -> list[dict[str, object]]:
                return [b for b in events.bodies if b["subject"] == ticket["id"]]

            [event] = await eventually(mine)
            message = next(m for m in events.messages if m.message_id == event["id"])
            assert message.delivery_mode == 2  # persistent
            assert event["type"] == "ticket.created"
            assert event["source"] == "tickets"
            assert event["specversion"] == "1.0"
            assert event["data"]["ticket"]["ticket_number"] == ticket["ticket_number"]
            assert event["data"]["ticket"]["version"] == 1
            await asyncio.sleep(1.0)
            assert len(await mine()) == 1

    async def test_tickets_filed_while_rabbitmq_is_unreachable_are_published_when_it_returns(
        self, own_database: str, broker_prefix: str
    ) -> None:
        proxy = TcpProxy("127.0.0.1", 5672, free_port())  # closed: connections are refused
        settings = TicketsSettings(
            database_url=own_database,
            broker_prefix=broker_prefix,
            amqp_url=f"amqp://guest:guest@127.0.0.1:{proxy.port}/",
        )
        async with (
            capture(broker_prefix, "tickets", "ticket.created") as events,
            running(create_app(settings), ready=False) as service,
        ):
            ready = await service.get("/readyz")
            assert ready.status_code == 503
            assert ready.json()["checks"]["broker"].startswith("down")
            someone = person()
            created = []
            for _ in range(3):
                response = await service.post(URL, json=BODY, headers=someone.headers())
                assert response.status_code == 201
                created.append(response.json()["id"])
            await asyncio.sleep(1.0)
            assert await unpublished(own_database) == 3

            await proxy.open()  # RabbitMQ is back

            async def all_three() -> list[str]:
                subjects = [b["subject"] for b in events.bodies if b["subject"] in created]
                return subjects if len(subjects) >= 3 else []

            subjects = await eventually(all_three, within=30)
            assert sorted(subjects) == sorted(created)
            assert await eventually(lambda: _none_left(own_database))
            await asyncio.sleep(1.0)
            assert len([b for b in events.bodies if b["subject"] in created]) == 3
        await proxy.close()

    async def test_a_broker_that_drops_mid_flight_loses_nothing(
        self, own_database: str, broker_prefix: str
    ) -> None:
        proxy = TcpProxy("127.0.0.1", 5672, free_port())
        await proxy.open()
        settings = TicketsSettings(
            database_url=own_database,
            broker_prefix=broker_prefix,
            amqp_url=f"amqp://guest:guest@127.0.0.1:{proxy.port}/",
        )
        async with (
            capture(broker_prefix, "tickets", "ticket.created") as events,
            running(create_app(settings)) as service,
        ):
            someone = person()
            before = (await service.post(URL, json=BODY, headers=someone.headers())).json()["id"]
            await eventually(lambda: _seen(events.bodies, {before}))
            await proxy.close()  # connection cut, new ones refused
            during = [
                (await service.post(URL, json=BODY, headers=someone.headers())).json()["id"] for _ in range(2)
            ]
            await asyncio.sleep(1.5)
            await proxy.open()
            await eventually(lambda: _seen(events.bodies, set(during)), within=40)
            assert await eventually(lambda: _none_left(own_database), within=20)
        await proxy.close()


async def _none_left(database_url: str) -> bool:
    return await unpublished(database_url) == 0


async def _seen(bodies: list[dict[str, object]], subjects: set[str]) -> bool:
    return subjects <= {str(b["subject"]) for b in bodies}
