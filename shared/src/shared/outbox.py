"""Transactional outbox: an event row is written in the same transaction as the change it describes, and a
relay publishes it to RabbitMQ with publisher confirms, then marks it sent.

If RabbitMQ is down, changes still commit; their events wait in the table and go out once the broker is
back. A crash between the broker's confirm and the relay's commit re-publishes a row (at-least-once), and
the row id travels as the AMQP ``message_id`` and the CloudEvents ``id`` so consumers drop the copy.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any, ClassVar

import asyncpg
from faststream.rabbit import RabbitBroker
from opentelemetry import context, propagate
from sqlalchemy import DateTime, Index, Integer, String, Text, delete, func, select, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlalchemy.orm import Mapped, declared_attr, mapped_column

from shared.broker import declare_events_exchange, events_exchange
from shared.db import asyncpg_dsn
from shared.events import Envelope

logger = logging.getLogger(__name__)


class OutboxMixin:
    """Columns of an ``outbox`` table; each publishing service declares one in its own schema."""

    __tablename__: ClassVar[str] = "outbox"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    exchange: Mapped[str] = mapped_column(String(64))
    routing_key: Mapped[str] = mapped_column(String(128))
    aggregate_id: Mapped[str | None] = mapped_column(String(64))
    payload: Mapped[dict[str, Any]] = mapped_column(JSONB)
    headers: Mapped[dict[str, str]] = mapped_column(JSONB, default=dict)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    available_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    published_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_error: Mapped[str | None] = mapped_column(Text)

    @declared_attr.directive
    def __table_args__(cls) -> tuple[Any, ...]:
        return (
            Index(
                "ix_outbox_pending",
                "available_at",
                postgresql_where=text("published_at IS NULL"),
            ),
        )


def notify_channel(model: type[OutboxMixin]) -> str:
    schema = model.__table__.schema  # type: ignore[attr-defined]
    return f"{schema}_outbox"


async def enqueue(
    session: AsyncSession, model: type[OutboxMixin], event: Envelope, exchange: str, *, notify: bool = True
) -> None:
    """Add ``event`` to the outbox inside the caller's transaction; the relay is woken at commit.

    A caller adding many events may pass ``notify=False`` for all but the last.
    """
    carrier: dict[str, str] = {}
    propagate.inject(carrier)  # the trace of the request that caused the event
    row = model()
    row.id = event.id
    row.exchange = exchange
    row.routing_key = event.type
    row.aggregate_id = event.subject
    row.payload = event.to_json_dict()
    row.headers = carrier
    session.add(row)
    if notify:
        # NOTIFY is transactional: the relay hears it only if and when this transaction commits.
        await session.execute(text("SELECT pg_notify(:channel, '')"), {"channel": notify_channel(model)})


class OutboxRelay:
    """Publishes pending outbox rows; run one or many (rows are claimed with ``SKIP LOCKED``)."""

    def __init__(
        self,
        *,
        sessionmaker: async_sessionmaker[AsyncSession],
        model: type[OutboxMixin],
        broker: RabbitBroker,
        broker_ready: asyncio.Event,
        prefix: str,
        database_url: str,
        batch_size: int = 100,
        poll_interval: float = 2.0,
        max_backoff: float = 15.0,
        publish_timeout: float = 10.0,
        retention: timedelta = timedelta(days=7),
    ) -> None:
        self._sessionmaker = sessionmaker
        self._model = model
        self._broker = broker
        self._broker_ready = broker_ready
        self._prefix = prefix
        self._dsn = asyncpg_dsn(database_url)
        self._batch_size = batch_size
        self._poll_interval = poll_interval
        self._max_backoff = max_backoff
        self._publish_timeout = publish_timeout
        self._retention = retention
        self._wake = asyncio.Event()
        self._declared: set[str] = set()

    async def run(self) -> None:
        listener = asyncio.create_task(self._listen(), name="outbox-listen")
        try:
            last_cleanup = 0.0
            while True:
                await self._broker_ready.wait()
                try:
                    published = await self.publish_pending()
                except Exception:
                    logger.exception("outbox relay pass failed")
                    published = 0
                loop_time = asyncio.get_running_loop().time()
                if loop_time - last_cleanup > 3600:
                    last_cleanup = loop_time
                    with contextlib.suppress(Exception):
                        await self._cleanup()
                if published < self._batch_size:
                    with contextlib.suppress(TimeoutError):
                        await asyncio.wait_for(self._wake.wait(), self._poll_interval)
                    self._wake.clear()
        finally:
            listener.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await listener

    async def publish_pending(self) -> int:
        """One pass: publish what is due, in creation order. Returns how many rows were published."""
        model = self._model
        published = 0
        async with self._sessionmaker() as session, session.begin():
            rows = (
                await session.scalars(
                    select(model)
                    .where(model.published_at.is_(None), model.available_at <= func.now())
                    .order_by(model.created_at, model.id)
                    .limit(self._batch_size)
                    .with_for_update(skip_locked=True)
                )
            ).all()
            for row in rows:
                try:
                    await self._publish(row)
                except Exception as exc:
                    self._defer(row, exc)
                    # Later rows would fail the same way, and order within a ticket matters.
                    break
                row.published_at = datetime.now(UTC)
                row.last_error = None
                published += 1
        return published

    async def _publish(self, row: OutboxMixin) -> None:
        # Continue the trace of the request that wrote the row (FastStream would start a new one).
        exchange = events_exchange(self._prefix, row.exchange)
        if exchange.name not in self._declared:
            await declare_events_exchange(self._broker, self._prefix, row.exchange)
            self._declared.add(exchange.name)
        token = context.attach(propagate.extract(row.headers or {}))
        try:
            await self._broker.publish(
                row.payload,
                exchange=exchange,
                routing_key=row.routing_key,
                message_id=str(row.id),
                content_type="application/json",
                persist=True,
                timeout=self._publish_timeout,
            )
        finally:
            context.detach(token)

    def _defer(self, row: OutboxMixin, exc: Exception) -> None:
        row.attempts += 1
        backoff = min(self._max_backoff, 0.5 * 2 ** min(row.attempts, 10))
        row.available_at = datetime.now(UTC) + timedelta(seconds=backoff)
        row.last_error = f"{type(exc).__name__}: {exc}"[:2000]
        logger.warning(
            "could not publish %s %s (attempt %d, next in %.1fs): %s",
            row.routing_key,
            row.id,
            row.attempts,
            backoff,
            row.last_error,
        )

    async def _cleanup(self) -> None:
        model = self._model
        async with self._sessionmaker() as session, session.begin():
            await session.execute(
                delete(model).where(
                    model.published_at.is_not(None),
                    model.published_at < func.now() - self._retention,
                )
            )

    async def _listen(self) -> None:
        """LISTEN for commits that added rows; polling covers the gaps when this connection is down."""
        channel = notify_channel(self._model)
        while True:
            try:
                conn = await asyncpg.connect(self._dsn)
            except (OSError, asyncpg.PostgresError):
                await asyncio.sleep(self._poll_interval)
                continue
            closed = asyncio.Event()
            conn.add_termination_listener(lambda _conn, closed=closed: closed.set())
            try:
                await conn.add_listener(channel, lambda *_: self._wake.set())
                await closed.wait()
            finally:
                with contextlib.suppress(Exception):
                    await conn.close()
