"""Fan a ticket event out to the endpoints subscribed to it: one delivery row each, in the inbox's
transaction, so the event is acked only once every delivery it needs is recorded."""

from collections.abc import Awaitable, Callable

from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from shared.events import AnyEvent, CommentedData, TicketEvent
from webhooks.delivery.payloads import for_kind
from webhooks.endpoint.repository import EndpointRepository
from webhooks.models import Delivery


def is_private(event: TicketEvent) -> bool:
    """Internal notes stay inside: no webhook ever carries one."""
    return isinstance(event.data, CommentedData) and event.data.comment.is_internal


def on_ticket_event(
    site_name: str, wake_worker: Callable[[], None]
) -> Callable[[AsyncSession, AnyEvent], Awaitable[None]]:
    async def handle(session: AsyncSession, event: AnyEvent) -> None:
        if not isinstance(event, TicketEvent) or is_private(event):
            return
        endpoints = await EndpointRepository(session).subscribed_to(event.type)
        for endpoint in endpoints:
            await session.execute(
                insert(Delivery)
                .values(
                    event_id=event.id,
                    event_type=event.type,
                    endpoint_id=endpoint.id,
                    payload=for_kind(endpoint.kind, event, site_name),
                )
                .on_conflict_do_nothing(index_elements=[Delivery.event_id, Delivery.endpoint_id])
            )
        if endpoints:
            wake_worker()

    return handle
