"""Typed factories for the events services exchange, for tests that play one side of the broker."""

import random
import uuid
from datetime import UTC, datetime
from typing import Any, Literal

from shared.events import (
    ClosedData,
    CommentedData,
    CommentState,
    TicketClosed,
    TicketCommented,
    TicketCreated,
    TicketData,
    TicketState,
    UserCreated,
    UserData,
    UserRef,
)


def user_created(role: Literal["user", "admin"] = "user", **overrides: Any) -> UserCreated:
    tag = uuid.uuid4().hex[:8]
    data = UserData(
        id=overrides.pop("id", uuid.uuid4()),
        email=overrides.pop("email", f"{role}-{tag}@example.com"),
        username=overrides.pop("username", f"{role}-{tag}"),
        role=role,
        **overrides,
    )
    return UserCreated(source="gateway", subject=str(data.id), data=data)


def ticket_state(reporter: UserData | None, **overrides: Any) -> TicketState:
    number = overrides.pop("ticket_number", random.randint(10_000, 10_000_000))
    now = datetime.now(UTC)
    fields: dict[str, Any] = {
        "id": uuid.uuid4(),
        "ticket_number": number,
        "type": "bug",
        "title": "Playback stutters on Chrome",
        "description": "Every 4K movie stutters after ten seconds.",
        "severity": "high",
        "category": "movies",
        "status": "open",
        "priority": 2,
        "version": 1,
        "reporter": UserRef(id=reporter.id, username=reporter.username) if reporter else None,
        "url": f"https://support.example.test/support/tickets/{number}",
        "created_at": now,
        "updated_at": now,
    }
    fields.update(overrides)
    return TicketState(**fields)


def ticket_created(ticket: TicketState) -> TicketCreated:
    return TicketCreated(source="tickets", subject=str(ticket.id), data=TicketData(ticket=ticket))


def ticket_commented(
    ticket: TicketState, author: UserData, body: str, *, internal: bool = False
) -> TicketCommented:
    ref = UserRef(id=author.id, username=author.username)
    return TicketCommented(
        source="tickets",
        subject=str(ticket.id),
        data=CommentedData(
            ticket=ticket,
            actor=ref,
            comment=CommentState(
                id=uuid.uuid4(), author=ref, body=body, is_internal=internal, created_at=datetime.now(UTC)
            ),
        ),
    )


def ticket_closed(ticket: TicketState, actor: UserData, resolution: str, *, version: int = 2) -> TicketClosed:
    """An admin closes ``ticket`` (open until now) with ``resolution``."""
    state = ticket.model_copy(update={"status": "closed", "version": version})
    return TicketClosed(
        source="tickets",
        subject=str(ticket.id),
        data=ClosedData(
            ticket=state,
            actor=UserRef(id=actor.id, username=actor.username),
            old_status=ticket.status,
            new_status="closed",
            resolution=resolution,
        ),
    )
