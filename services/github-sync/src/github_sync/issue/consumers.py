import uuid
from typing import Any

from pydantic import BaseModel
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from github_sync.models import SyncTask
from shared.events import (
    AnyEvent,
    CommentState,
    TicketClosed,
    TicketCommented,
    TicketCreated,
    TicketReopened,
    TicketResolved,
    TicketStatusChanged,
)

STATUS_EVENTS = (TicketStatusChanged, TicketResolved, TicketClosed, TicketReopened)


async def on_ticket_event(session: AsyncSession, event: AnyEvent) -> None:
    """Record what GitHub should hear about; the task runner makes the calls."""
    if isinstance(event, TicketCreated):
        await _task(
            session, event.id, "create_issue", event.data.ticket.id, {"ticket": _json(event.data.ticket)}
        )
    elif isinstance(event, TicketCommented):
        comment = event.data.comment
        # Internal notes never leave the helpdesk; a comment that came from GitHub is there already.
        if comment.is_internal or comment.origin == "github":
            return
        payload = {"ticket": _json(event.data.ticket), "comment": _json(comment)}
        await _task(session, event.id, "create_comment", event.data.ticket.id, payload)
    elif isinstance(event, STATUS_EVENTS):
        ticket = event.data.ticket
        state = "closed" if event.data.new_status in ("resolved", "closed") else "open"
        await _task(session, event.id, "sync_state", ticket.id, {"state": state, "version": ticket.version})
        if isinstance(event, TicketClosed) and event.data.resolution:
            # The resolution is a public comment on the ticket: the issue gets it too, under the event's
            # id (the closed event does not carry the comment's own).
            resolution = CommentState(
                id=event.id,
                author=event.data.actor,
                body=event.data.resolution,
                is_internal=False,
                created_at=event.time,
            )
            mirrored = {"ticket": _json(ticket), "comment": _json(resolution), "resolution": True}
            await _task(session, event.id, "create_comment", ticket.id, mirrored)


def _json(model: BaseModel) -> dict[str, Any]:
    data: dict[str, Any] = model.model_dump(mode="json")
    return data


async def _task(
    session: AsyncSession, event_id: uuid.UUID, kind: str, ticket_id: uuid.UUID, payload: dict[str, Any]
) -> None:
    await session.execute(
        insert(SyncTask)
        .values(event_id=event_id, kind=kind, ticket_id=ticket_id, payload=payload)
        .on_conflict_do_nothing(index_elements=[SyncTask.event_id, SyncTask.kind])
    )
