"""Scheduled work: escalate critical tickets nobody has picked up, close tickets resolved long ago, and
remove stored files no ticket refers to. Every replica runs the loop; a transaction-scoped advisory lock
lets only one of them do a pass at a time."""

import asyncio
import logging
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select, text, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from shared.events import TicketData, TicketEscalated
from tickets.admin.service import close_with
from tickets.attachment.repository import AttachmentRepository
from tickets.attachment.service import Attachments
from tickets.changes import Changes
from tickets.config import TicketsSettings
from tickets.events import SOURCE, emit_all, ticket_state
from tickets.models import Ticket
from tickets.ticket.repository import TicketRepository

logger = logging.getLogger(__name__)
LOCK = text("SELECT pg_try_advisory_xact_lock(hashtext('tickets.housekeeping'))")
BATCH = 500
ORPHAN_AGE = timedelta(hours=1)


class Housekeeping:
    def __init__(
        self,
        sessionmaker: async_sessionmaker[AsyncSession],
        settings: TicketsSettings,
        attachments: Attachments,
    ) -> None:
        self.sessionmaker = sessionmaker
        self.settings = settings
        self.attachments = attachments
        self._last_sweep = datetime.min.replace(tzinfo=UTC)

    async def run(self) -> None:
        while True:
            try:
                await self.once()
            except Exception:
                logger.exception("housekeeping pass failed")
            await asyncio.sleep(self.settings.housekeeping_interval_seconds)

    async def once(self) -> dict[str, int]:
        """One pass, if no other replica is doing one; how many tickets were escalated and closed."""
        async with self.sessionmaker() as session, session.begin():
            if not await session.scalar(LOCK):
                return {}
            done = {"escalated": await self.escalate(session), "closed": await self.auto_close(session)}
        if datetime.now(UTC) - self._last_sweep > ORPHAN_AGE:
            self._last_sweep = datetime.now(UTC)
            done["orphans"] = await self.sweep_orphans()
        if any(done.values()):
            logger.info("housekeeping: %s", done)
        return done

    async def escalate(self, session: AsyncSession) -> int:
        """Critical tickets still ``open`` (nobody took them) after the configured hours, once each."""
        cutoff = datetime.now(UTC) - timedelta(hours=self.settings.escalate_critical_after_hours)
        ids = (
            await session.scalars(
                update(Ticket)
                .where(
                    Ticket.status == "open",
                    Ticket.priority == 1,
                    Ticket.escalated_at.is_(None),
                    Ticket.created_at < cutoff,
                    Ticket.id.in_(
                        select(Ticket.id)
                        .where(Ticket.status == "open", Ticket.priority == 1, Ticket.escalated_at.is_(None))
                        .limit(BATCH)
                        .scalar_subquery()
                    ),
                )
                .values(escalated_at=func.now())
                .returning(Ticket.id)
            )
        ).all()
        if not ids:
            return 0
        tickets = await TicketRepository(session).many_for_update(ids)
        await emit_all(
            session,
            [
                TicketEscalated(
                    source=SOURCE,
                    subject=str(t.id),
                    data=TicketData(ticket=ticket_state(t, self.settings.public_url)),
                )
                for t in tickets
            ],
        )
        return len(tickets)

    async def auto_close(self, session: AsyncSession) -> int:
        days = self.settings.auto_close_resolved_after_days
        if days <= 0:
            return 0
        cutoff = datetime.now(UTC) - timedelta(days=days)
        ids = (
            await session.scalars(
                select(Ticket.id)
                .where(Ticket.status == "resolved", Ticket.resolved_at < cutoff)
                .order_by(Ticket.resolved_at)
                .limit(BATCH)
            )
        ).all()
        if not ids:
            return 0
        tickets = await TicketRepository(session).many_for_update(ids)
        note = f"Closed automatically: the resolution was not disputed within {days:g} days."
        # Written as a resolution note by no one: the reporter sees why the ticket closed.
        await close_with(Changes(session, None, self.settings.public_url), tickets, note)
        return len(tickets)

    async def sweep_orphans(self) -> int:
        """Files whose ticket was never committed (a crash between storing and committing)."""
        async with self.sessionmaker() as session:
            known = await AttachmentRepository(session).all_keys()
        cutoff = datetime.now(UTC) - ORPHAN_AGE
        removed = 0
        async for key, written in self.attachments.storage.keys():
            if key not in known and written < cutoff:
                await self.attachments.storage.delete(key)
                removed += 1
        return removed
