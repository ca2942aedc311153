"""Scheduled work: stale critical tickets are escalated once, long-resolved tickets close themselves
with a note, and files no ticket refers to are removed — by one replica at a time."""

import asyncio
import os
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import asyncpg
import httpx
import pytest

from shared.db import asyncpg_dsn, create_engine, create_sessionmaker
from support.apps import running
from support.db import create_fresh_database, drop_database
from support.tickets import ADMIN, USER, file_ticket, set_status
from support.tokens import person
from tickets.app import create_app
from tickets.attachment.service import Attachments, make_storage
from tickets.config import TicketsSettings
from tickets.housekeeping import Housekeeping


@pytest.fixture
async def setup(
    broker_prefix: str, tmp_path: Path
) -> AsyncIterator[tuple[httpx.AsyncClient, Housekeeping, TicketsSettings]]:
    url = await create_fresh_database(services=("tickets",))
    settings = TicketsSettings(
        database_url=url,
        broker_prefix=broker_prefix,
        attachments_dir=tmp_path,
        escalate_critical_after_hours=0,
        auto_close_resolved_after_days=1,
        housekeeping_interval_seconds=3600,  # the test drives the passes itself
    )
    engine = create_engine(url, application_name="housekeeping-test")
    try:
        async with running(create_app(settings), ready=False) as client:
            attachments = Attachments(make_storage(settings), settings)
            yield client, Housekeeping(create_sessionmaker(engine), settings, attachments), settings
    finally:
        await engine.dispose()
        await drop_database(url)


async def outbox_types(settings: TicketsSettings, subject: str) -> list[str]:
    conn = await asyncpg.connect(asyncpg_dsn(settings.database_url))
    try:
        rows = await conn.fetch(
            "SELECT routing_key FROM tickets.outbox WHERE aggregate_id = $1 ORDER BY created_at", subject
        )
    finally:
        await conn.close()
    return [r["routing_key"] for r in rows]


async def age_resolution(settings: TicketsSettings, number: int, days: int) -> None:
    conn = await asyncpg.connect(asyncpg_dsn(settings.database_url))
    try:
        await conn.execute(
            "UPDATE tickets.tickets SET resolved_at = now() - make_interval(days => $2) "
            "WHERE ticket_number = $1",
            number,
            days,
        )
    finally:
        await conn.close()


class TestHousekeeping:
    async def test_critical_tickets_nobody_took_are_escalated_once(
        self, setup: tuple[httpx.AsyncClient, Housekeeping, TicketsSettings]
    ) -> None:
        client, housekeeping, settings = setup
        admin = person("admin")
        critical = await file_ticket(client, person(), severity="critical")
        taken = await file_ticket(client, person(), severity="critical")
        minor = await file_ticket(client, person(), severity="low")
        await set_status(client, admin, taken["ticket_number"], "in_progress")
        assert (await housekeeping.once())["escalated"] == 1
        assert (await housekeeping.once()).get("escalated", 0) == 0
        assert "ticket.escalated" in await outbox_types(settings, critical["id"])
        assert "ticket.escalated" not in await outbox_types(settings, taken["id"])
        assert "ticket.escalated" not in await outbox_types(settings, minor["id"])

    async def test_tickets_resolved_long_ago_close_with_a_note(
        self, setup: tuple[httpx.AsyncClient, Housekeeping, TicketsSettings]
    ) -> None:
        client, housekeeping, settings = setup
        admin, reporter = person("admin"), person()
        old = await file_ticket(client, reporter)
        recent = await file_ticket(client, reporter)
        for ticket in (old, recent):
            await set_status(client, admin, ticket["ticket_number"], "resolved")
        await age_resolution(settings, old["ticket_number"], days=2)
        assert (await housekeeping.once())["closed"] == 1
        closed = (await client.get(f"{USER}/{old['ticket_number']}", headers=reporter.headers())).json()
        assert closed["status"] == "closed"
        [note] = [c for c in closed["comments"] if c["is_resolution"]]
        assert note["author"] is None
        assert "automatically" in note["comment"]
        assert closed["status_history"][-1]["changed_by"] is None
        still = (await client.get(f"{ADMIN}/{recent['ticket_number']}", headers=admin.headers())).json()
        assert still["status"] == "resolved"
        assert (await outbox_types(settings, old["id"]))[-1] == "ticket.closed"

    async def test_replicas_racing_escalate_each_ticket_once(
        self, setup: tuple[httpx.AsyncClient, Housekeeping, TicketsSettings]
    ) -> None:
        client, housekeeping, _ = setup
        for _ in range(3):
            await file_ticket(client, person(), severity="critical")
        results = await asyncio.gather(*(housekeeping.once() for _ in range(4)))
        assert sum(r.get("escalated", 0) for r in results) == 3

    async def test_files_without_a_ticket_are_removed_after_an_hour(
        self, setup: tuple[httpx.AsyncClient, Housekeeping, TicketsSettings]
    ) -> None:
        client, housekeeping, settings = setup
        reporter = person()
        number = (await file_ticket(client, reporter))["ticket_number"]
        kept = await client.post(
            f"{USER}/{number}/attachments", files=[("files", ("a.log", b"log line\n", "text/plain"))],
            headers=reporter.headers(),
        )  # fmt: skip
        assert kept.status_code == 201
        orphan_dir = settings.attachments_dir / "00000000-0000-0000-0000-000000000000"
        orphan_dir.mkdir()
        old, fresh = orphan_dir / "old", orphan_dir / "fresh"
        for path in (old, fresh):
            path.write_bytes(b"left behind")
        two_hours_ago = (datetime.now(UTC) - timedelta(hours=2)).timestamp()
        os.utime(old, (two_hours_ago, two_hours_ago))
        assert await housekeeping.sweep_orphans() == 1
        assert not old.exists()
        assert fresh.exists()
        download = await client.get(kept.json()[0]["url"], headers=reporter.headers())
        assert download.content == b"log line\n"
