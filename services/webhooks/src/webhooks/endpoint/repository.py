import uuid
from collections.abc import Sequence

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from webhooks.models import Delivery, DeliveryAttempt, Endpoint


class EndpointRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, endpoint: Endpoint) -> Endpoint:
        self.session.add(endpoint)
        await self.session.flush()
        await self.session.refresh(endpoint)
        return endpoint

    async def get(self, endpoint_id: uuid.UUID) -> Endpoint | None:
        return await self.session.get(Endpoint, endpoint_id)

    async def all(self) -> Sequence[Endpoint]:
        return (await self.session.scalars(select(Endpoint).order_by(Endpoint.created_at))).all()

    async def subscribed_to(self, event_type: str) -> Sequence[Endpoint]:
        return (
            await self.session.scalars(
                select(Endpoint).where(
                    Endpoint.status == "active",
                    Endpoint.event_types.overlap([event_type, "*"]),
                )
            )
        ).all()

    async def remove(self, endpoint_id: uuid.UUID) -> bool:
        result = await self.session.execute(
            delete(Endpoint).where(Endpoint.id == endpoint_id).returning(Endpoint.id)
        )
        return result.first() is not None

    async def recent_deliveries(
        self, endpoint_id: uuid.UUID, limit: int
    ) -> Sequence[tuple[Delivery, Sequence[DeliveryAttempt]]]:
        deliveries = (
            await self.session.scalars(
                select(Delivery)
                .where(Delivery.endpoint_id == endpoint_id)
                .order_by(Delivery.created_at.desc())
                .limit(limit)
            )
        ).all()
        attempts = (
            await self.session.scalars(
                select(DeliveryAttempt)
                .where(DeliveryAttempt.delivery_id.in_([d.id for d in deliveries]))
                .order_by(DeliveryAttempt.attempt_number)
            )
        ).all()
        by_delivery: dict[uuid.UUID, list[DeliveryAttempt]] = {}
        for attempt in attempts:
            by_delivery.setdefault(attempt.delivery_id, []).append(attempt)
        return [(d, by_delivery.get(d.id, [])) for d in deliveries]
