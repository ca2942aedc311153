import uuid

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from tickets.models import TicketAttachment


class AttachmentRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def count(self, ticket_id: uuid.UUID) -> int:
        query = (
            select(func.count()).select_from(TicketAttachment).where(TicketAttachment.ticket_id == ticket_id)
        )
        return int(await self.session.scalar(query) or 0)

    async def get(self, ticket_id: uuid.UUID, attachment_id: uuid.UUID) -> TicketAttachment | None:
        return await self.session.scalar(
            select(TicketAttachment).where(
                TicketAttachment.id == attachment_id, TicketAttachment.ticket_id == ticket_id
            )
        )

    async def all_keys(self) -> set[str]:
        return set((await self.session.scalars(select(TicketAttachment.file_path))).all())
