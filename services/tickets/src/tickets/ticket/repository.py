import uuid
from collections.abc import Sequence

from sqlalchemy import Select, and_, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload
from sqlalchemy.orm.attributes import set_committed_value

from tickets.models import Ticket, TicketComment, TicketStatusHistory
from tickets.pagination import Cursor


class TicketRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    def _with_people(self) -> Select[Ticket]:
        return select(Ticket).options(selectinload(Ticket.reporter), selectinload(Ticket.assignee))

    async def add(self, ticket: Ticket) -> Ticket:
        self.session.add(ticket)
        await self.session.flush()
        # Number, timestamps and defaults come from the database: reload them, with the people.
        reloaded = await self.session.scalar(
            self._with_people().where(Ticket.id == ticket.id).execution_options(populate_existing=True)
        )
        assert reloaded is not None
        return reloaded

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

    async def get(self, ticket_id: uuid.UUID) -> Ticket | None:
        return await self.session.scalar(self._with_people().where(Ticket.id == ticket_id))

    async def find(self, ref: uuid.UUID | int, *, owner_id: uuid.UUID | None = None) -> Ticket | None:
        """A ticket by id or number; with ``owner_id`` only that user's own."""
        query = self._with_people()
        if isinstance(ref, int):
            query = query.where(Ticket.ticket_number == ref)
        else:
            query = query.where(Ticket.id == ref)
        if owner_id is not None:
            query = query.where(Ticket.user_id == owner_id)
        return await self.session.scalar(query)

    async def list_for_owner(
        self,
        owner_id: uuid.UUID,
        *,
        statuses: Sequence[str] = (),
        types: Sequence[str] = (),
        after: Cursor | None,
        limit: int,
    ) -> Sequence[Ticket]:
        query = select(Ticket).where(Ticket.user_id == owner_id)
        if statuses:
            query = query.where(Ticket.status.in_(statuses))
        if types:
            query = query.where(Ticket.type.in_(types))
        if after is not None:
            query = query.where(
                or_(
                    Ticket.created_at < after.created_at,
                    and_(Ticket.created_at == after.created_at, Ticket.id < after.id),
                )
            )
        query = query.order_by(Ticket.created_at.desc(), Ticket.id.desc()).limit(limit)
        return (await self.session.scalars(query)).all()

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
