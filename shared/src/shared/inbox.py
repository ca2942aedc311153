"""Idempotent consumers: the ids of handled events, recorded in the same transaction as their effect."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import ClassVar

from sqlalchemy import DateTime, String, func
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlalchemy.orm import Mapped, mapped_column

from shared.events import AnyEvent


class InboxMixin:
    """Columns of an ``inbox`` table; each consuming service declares one in its own schema."""

    __tablename__: ClassVar[str] = "inbox"

    consumer: Mapped[str] = mapped_column(String(64), primary_key=True)
    event_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    event_type: Mapped[str] = mapped_column(String(128))
    received_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


async def first_delivery(
    session: AsyncSession,
    model: type[InboxMixin],
    consumer: str,
    event_id: uuid.UUID,
    event_type: str,
) -> bool:
    """Record the event as handled; False if it already was (a redelivery: do nothing, just ack).

    ``INSERT … ON CONFLICT DO NOTHING RETURNING`` rather than check-then-insert, so two concurrent
    deliveries of one event cannot both go on.
    """
    result = await session.execute(
        insert(model)
        .values(consumer=consumer, event_id=event_id, event_type=event_type)
        .on_conflict_do_nothing()
        .returning(model.event_id)
    )
    return result.first() is not None


def idempotent(
    sessionmaker: async_sessionmaker[AsyncSession],
    model: type[InboxMixin],
    consumer: str,
    handle: Callable[[AsyncSession, AnyEvent], Awaitable[None]],
) -> Callable[[AnyEvent], Awaitable[None]]:
    """Wrap ``handle`` so it runs once per event id, in one transaction with the inbox entry."""

    async def run(event: AnyEvent) -> None:
        async with sessionmaker() as session, session.begin():
            if await first_delivery(session, model, consumer, event.id, event.type):
                await handle(session, event)

    return run
