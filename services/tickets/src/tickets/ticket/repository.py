import uuid
from collections.abc import Sequence

from sqlalchemy import Select, func, select, text, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload
from sqlalchemy.orm.attributes import set_committed_value

from tickets.models import Ticket, TicketAttachment, TicketComment, TicketStatusHistory
from tickets.query import Sort, TicketFilter, counts_query, page_query

# Title weighs most, then the description, then the public conversation. Internal notes never count:
# a user's search must not find their ticket by words only admins wrote.
REINDEX = text(
    """
    UPDATE tickets.tickets t SET search_vector =
        setweight(to_tsvector('english', t.title), 'A')
        || setweight(to_tsvector('english', t.description), 'B')
        || setweight(to_tsvector('english', coalesce((
            SELECT string_agg(c.comment, ' ') FROM tickets.ticket_comments c
            WHERE c.ticket_id = t.id AND NOT c.is_internal), '')), 'C')
    WHERE t.id = :ticket_id
    """
)


class TicketRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    @staticmethod
    def _full() -> Select[Ticket]:
        return select(Ticket).options(
            selectinload(Ticket.reporter), selectinload(Ticket.assignee), selectinload(Ticket.labels)
        )

    async def add(self, ticket: Ticket) -> Ticket:
        self.session.add(ticket)
        await self.session.flush()
        await self.reindex(ticket.id)
        # Number, timestamps and defaults come from the database: reload them, with the people.
        reloaded = await self.get(ticket.id, fresh=True)
        assert reloaded is not None
        return reloaded

    async def reindex(self, ticket_id: uuid.UUID) -> None:
        await self.session.execute(REINDEX, {"ticket_id": ticket_id})

    async def touch(self, ticket: Ticket) -> None:
        """Record activity: a new version and a fresh ``updated_at``, bumped atomically in SQL."""
        version, updated_at = (
            await self.session.execute(
                update(Ticket)
                .where(Ticket.id == ticket.id)
                .values(version=Ticket.version + 1, updated_at=func.now())
                .returning(Ticket.version, Ticket.updated_at)
            )
        ).one()
        set_committed_value(ticket, "version", version)
        set_committed_value(ticket, "updated_at", updated_at)

    async def get(self, ticket_id: uuid.UUID, *, fresh: bool = False) -> Ticket | None:
        query = self._full().where(Ticket.id == ticket_id)
        if fresh:
            query = query.execution_options(populate_existing=True)
        return await self.session.scalar(query)

    async def find(
        self, ref: uuid.UUID | int, *, owner_id: uuid.UUID | None = None, for_update: bool = False
    ) -> Ticket | None:
        """A ticket by id or number; with ``owner_id`` only that user's own; ``for_update`` locks it."""
        query = self._full()
        query = query.where(Ticket.ticket_number == ref if isinstance(ref, int) else Ticket.id == ref)
        if owner_id is not None:
            query = query.where(Ticket.user_id == owner_id)
        if for_update:
            query = query.with_for_update(of=Ticket).execution_options(populate_existing=True)
        return await self.session.scalar(query)

    async def many_for_update(self, ids: Sequence[uuid.UUID]) -> Sequence[Ticket]:
        """Lock tickets in id order (two bulk requests never deadlock on each other)."""
        query = (
            self._full()
            .where(Ticket.id.in_(ids))
            .order_by(Ticket.id)
            .with_for_update(of=Ticket)
            .execution_options(populate_existing=True)
        )
        return (await self.session.scalars(query)).all()

    async def page(
        self, filter_: TicketFilter, sort: Sort, cursor: str | None, limit: int, *, people: bool
    ) -> Sequence[Ticket]:
        """Up to ``limit + 1`` rows (the extra one says whether there is a next page)."""
        query, _ = page_query(filter_, sort, cursor, limit + 1)
        if people:
            query = query.options(
                selectinload(Ticket.reporter), selectinload(Ticket.assignee), selectinload(Ticket.labels)
            )
        return (await self.session.scalars(query)).all()

    async def counts(self, filter_: TicketFilter) -> dict[str, int]:
        rows = await self.session.execute(counts_query(filter_))
        return {str(status): int(count) for status, count in rows}

    async def comments(self, ticket_id: uuid.UUID, *, include_internal: bool) -> Sequence[TicketComment]:
        query = (
            select(TicketComment)
            .options(selectinload(TicketComment.author))
            .where(TicketComment.ticket_id == ticket_id)
            .order_by(TicketComment.created_at, TicketComment.id)
        )
        if not include_internal:
            query = query.where(TicketComment.is_internal.is_(False))
        return (await self.session.scalars(query)).all()

    async def status_history(self, ticket_id: uuid.UUID) -> Sequence[TicketStatusHistory]:
        query = (
            select(TicketStatusHistory)
            .options(selectinload(TicketStatusHistory.changed_by))
            .where(TicketStatusHistory.ticket_id == ticket_id)
            .order_by(TicketStatusHistory.changed_at, TicketStatusHistory.id)
        )
        return (await self.session.scalars(query)).all()

    async def attachments(self, ticket_id: uuid.UUID) -> Sequence[TicketAttachment]:
        query = (
            select(TicketAttachment)
            .where(TicketAttachment.ticket_id == ticket_id)
            .order_by(TicketAttachment.uploaded_at, TicketAttachment.id)
        )
        return (await self.session.scalars(query)).all()
