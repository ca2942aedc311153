from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from github_sync.models import SyncTask
from shared.events import AnyEvent, TicketCreated


async def on_ticket_event(session: AsyncSession, event: AnyEvent) -> None:
    """Record what GitHub should hear about; the task runner makes the calls."""
    if isinstance(event, TicketCreated):
        await session.execute(
            insert(SyncTask)
            .values(
                event_id=event.id,
                kind="create_issue",
                ticket_id=event.data.ticket.id,
                payload={"ticket": event.data.ticket.model_dump(mode="json")},
            )
            .on_conflict_do_nothing(index_elements=[SyncTask.event_id, SyncTask.kind])
        )
