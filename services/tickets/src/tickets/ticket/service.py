"""Ticket use cases of reporters. Functions take the session first, flush but never commit: the
endpoint does."""

import uuid
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from shared.events import TicketCreated, TicketData
from shared.internal_auth import Principal
from shared.problems import NotFound
from tickets import workflow
from tickets.changes import Changes
from tickets.events import SOURCE, actor_ref, emit, ticket_state
from tickets.models import Ticket, TicketStatusHistory
from tickets.ticket.repository import TicketRepository
from tickets.ticket.schemas import TicketCreate
from tickets.user.repository import UserRepository

# A bug's severity sets its starting priority (1 = critical … 5 = low); other tickets start at 3.
PRIORITY_FOR_SEVERITY = {"critical": 1, "high": 2, "medium": 3, "low": 4}
DEFAULT_PRIORITY = 3


def parse_ticket_ref(ref: str) -> uuid.UUID | int:
    """Tickets are addressed by UUID or by number (``1234`` or ``#1234``)."""
    text = ref.strip().removeprefix("#")
    if text.isdigit() and len(text) < 19:
        return int(text)
    try:
        return uuid.UUID(text)
    except ValueError:
        raise NotFound(f"There is no ticket {ref!r}; tickets are addressed by number or id.") from None


async def create_ticket(
    session: AsyncSession,
    principal: Principal,
    data: TicketCreate,
    *,
    public_url: str,
    environment: dict[str, Any],
    ticket_id: uuid.UUID | None = None,
) -> Ticket:
    await UserRepository(session).ensure(principal)
    priority = PRIORITY_FOR_SEVERITY.get(data.severity or "", DEFAULT_PRIORITY)
    ticket = await TicketRepository(session).add(
        Ticket(
            id=ticket_id or uuid.uuid4(),
            user_id=principal.user_id,
            type=data.type,
            title=data.title,
            description=data.description,
            severity=data.severity,
            category=data.category,
            status="open",
            priority=priority,
            metadata_json=environment,
        )
    )
    session.add(
        TicketStatusHistory(
            ticket_id=ticket.id, old_status=None, new_status="open", changed_by_user_id=principal.user_id
        )
    )
    await emit(
        session,
        TicketCreated(
            source=SOURCE,
            subject=str(ticket.id),
            data=TicketData(ticket=ticket_state(ticket, public_url), actor=actor_ref(principal)),
        ),
    )
    return ticket


async def get_own_ticket(
    session: AsyncSession, principal: Principal, ref: str, *, for_update: bool = False
) -> Ticket:
    """The caller's ticket, or 404: another user's ticket is indistinguishable from a missing one."""
    ticket = await TicketRepository(session).find(
        parse_ticket_ref(ref), owner_id=principal.user_id, for_update=for_update
    )
    if ticket is None:
        raise NotFound(f"You have no ticket {ref}.")
    return ticket


async def reporter_moves(
    session: AsyncSession, principal: Principal, ref: str, target: workflow.Status, public_url: str
) -> Ticket:
    """Accept a resolution (resolved → closed) or reopen (resolved or closed → open)."""
    ticket = await get_own_ticket(session, principal, ref, for_update=True)
    workflow.check("user", ticket.status, target)  # type: ignore[arg-type]
    await UserRepository(session).ensure(principal)
    await Changes(session, principal, public_url).set_status([ticket], target, actor="user")
    return ticket
