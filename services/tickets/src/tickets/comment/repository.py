import uuid

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from tickets.models import TicketComment


class CommentRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, comment: TicketComment) -> TicketComment:
        self.session.add(comment)
        await self.session.flush()
        reloaded = await self.session.scalar(
            select(TicketComment)
            .options(selectinload(TicketComment.author))
            .where(TicketComment.id == comment.id)
            .execution_options(populate_existing=True)
        )
        assert reloaded is not None
        return reloaded

    async def get_in_ticket(self, comment_id: uuid.UUID, ticket_id: uuid.UUID) -> TicketComment | None:
        return await self.session.scalar(
            select(TicketComment).where(TicketComment.id == comment_id, TicketComment.ticket_id == ticket_id)
        )
