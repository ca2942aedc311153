import uuid
from collections.abc import Sequence

from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from tickets.models import TicketLabel, TicketLabelAssignment


class LabelRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def all_with_counts(self) -> Sequence[tuple[TicketLabel, int]]:
        counts = (
            select(TicketLabelAssignment.label_id, func.count().label("n"))
            .group_by(TicketLabelAssignment.label_id)
            .subquery()
        )
        rows = await self.session.execute(
            select(TicketLabel, func.coalesce(counts.c.n, 0))
            .outerjoin(counts, counts.c.label_id == TicketLabel.id)
            .order_by(func.lower(TicketLabel.name))
        )
        return [(label, int(n)) for label, n in rows]

    async def count_for(self, label_id: uuid.UUID) -> int:
        query = select(func.count()).where(TicketLabelAssignment.label_id == label_id)
        return int(await self.session.scalar(query) or 0)

    async def get(self, label_id: uuid.UUID) -> TicketLabel | None:
        return await self.session.get(TicketLabel, label_id)

    async def many(self, ids: Sequence[uuid.UUID]) -> Sequence[TicketLabel]:
        return (await self.session.scalars(select(TicketLabel).where(TicketLabel.id.in_(ids)))).all()

    async def name_taken(self, name: str, *, other_than: uuid.UUID | None = None) -> bool:
        query = select(TicketLabel.id).where(func.lower(TicketLabel.name) == name.lower())
        if other_than is not None:
            query = query.where(TicketLabel.id != other_than)
        return (await self.session.scalar(query)) is not None

    async def add(self, label: TicketLabel) -> TicketLabel:
        self.session.add(label)
        await self.session.flush()
        await self.session.refresh(label)
        return label

    async def remove(self, label_id: uuid.UUID) -> None:
        await self.session.execute(delete(TicketLabel).where(TicketLabel.id == label_id))
