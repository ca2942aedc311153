"""From ticket rows to the events that describe them, written to the outbox in the caller's transaction."""

from collections.abc import Sequence

from sqlalchemy.ext.asyncio import AsyncSession

from shared import outbox
from shared.events import TICKETS_EXCHANGE, Envelope, TicketState, UserRef
from shared.internal_auth import Principal
from tickets.config import SERVICE
from tickets.models import OutboxMessage, Ticket, User

SOURCE = SERVICE


def ticket_url(public_url: str, ticket_number: int) -> str:
    return f"{public_url}/support/tickets/{ticket_number}"


def user_ref(user: User | None) -> UserRef | None:
    return UserRef(id=user.id, username=user.username) if user is not None else None


def actor_ref(principal: Principal) -> UserRef:
    return UserRef(id=principal.user_id, username=principal.username)


def ticket_state(ticket: Ticket, public_url: str) -> TicketState:
    """The ticket as events carry it; ``reporter``, ``assignee`` and ``labels`` must be loaded."""
    return TicketState(
        id=ticket.id,
        ticket_number=ticket.ticket_number,
        type=ticket.type,
        title=ticket.title,
        description=ticket.description,
        severity=ticket.severity,
        category=ticket.category,
        status=ticket.status,
        priority=ticket.priority,
        version=ticket.version,
        reporter=user_ref(ticket.reporter),
        assignee=user_ref(ticket.assignee),
        labels=[label.name for label in ticket.labels],
        github_issue_url=ticket.github_issue_url,
        url=ticket_url(public_url, ticket.ticket_number),
        created_at=ticket.created_at,
        updated_at=ticket.updated_at,
    )


async def emit(session: AsyncSession, event: Envelope, *, notify: bool = True) -> None:
    await outbox.enqueue(session, OutboxMessage, event, TICKETS_EXCHANGE, notify=notify)


async def emit_all(session: AsyncSession, events: Sequence[Envelope]) -> None:
    for i, event in enumerate(events):
        await emit(session, event, notify=i == len(events) - 1)
