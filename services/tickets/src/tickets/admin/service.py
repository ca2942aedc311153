"""The admin's side: triage lists, single edits with optimistic concurrency, and bulk edits that are
all or nothing."""

import uuid
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy.ext.asyncio import AsyncSession

from shared.internal_auth import Principal
from shared.problems import Conflict, NotFound, ValidationFailed
from tickets import workflow
from tickets.admin.schemas import BulkIn, View
from tickets.changes import Changes
from tickets.comment import service as comments
from tickets.comment.schemas import CommentCreate
from tickets.concurrency import check_if_match
from tickets.label.repository import LabelRepository
from tickets.models import Ticket, TicketComment
from tickets.query import TicketFilter
from tickets.ticket.repository import TicketRepository
from tickets.ticket.service import parse_ticket_ref
from tickets.user.lookup import admin_to_assign
from tickets.user.repository import UserRepository


def view_filter(view: View | None, principal: Principal) -> TicketFilter:
    """The seed's five triage views as named presets."""
    if view == "unassigned":
        return TicketFilter(statuses=workflow.ACTIVE, assigned="none")
    if view == "mine":
        return TicketFilter(statuses=workflow.ACTIVE, assigned=principal.user_id)
    if view == "open":
        return TicketFilter(statuses=workflow.ACTIVE)
    if view in ("resolved", "closed"):
        return TicketFilter(statuses=(view,))
    return TicketFilter()


def parse_assignee(value: str | None, principal: Principal) -> uuid.UUID | str | None:
    """``me``, ``none`` or an admin's id (the ``assigned_to`` filter)."""
    if value is None:
        return None
    if value == "me":
        return principal.user_id
    if value == "none":
        return "none"
    try:
        return uuid.UUID(value)
    except ValueError:
        raise ValidationFailed.one("assigned_to", "must be me, none or a user id") from None


def utc(value: datetime | None) -> datetime | None:
    """A date range bound without a zone is read as UTC."""
    return value.replace(tzinfo=UTC) if value is not None and value.tzinfo is None else value


async def get_ticket(
    session: AsyncSession, ref: str, *, for_update: bool = False, if_match: str | None = None
) -> Ticket:
    ticket = await TicketRepository(session).find(parse_ticket_ref(ref), for_update=for_update)
    if ticket is None:
        raise NotFound(f"There is no ticket {ref}.")
    check_if_match(if_match, ticket)
    return ticket


@dataclass(frozen=True)
class Edit:
    ticket: Ticket
    changes: Changes


@asynccontextmanager
async def editing(
    session: AsyncSession, principal: Principal, ref: str, *, if_match: str | None, public_url: str
) -> AsyncIterator[Edit]:
    """One admin edit of one ticket: locked, checked against ``If-Match``, committed at the end."""
    ticket = await get_ticket(session, ref, for_update=True, if_match=if_match)
    await UserRepository(session).ensure(principal)
    yield Edit(ticket, Changes(session, principal, public_url))
    await session.commit()


def require_resolution(resolution: str | None) -> None:
    """An admin closes a ticket only with a note that tells the reporter why (the seed's close)."""
    if resolution is None:
        raise ValidationFailed.one(
            "resolution", "is required to close a ticket: the reporter reads it", "missing"
        )


async def close_with(changes: Changes, tickets: Sequence[Ticket], resolution: str) -> None:
    """A public resolution note on every ticket, then closed, with the note in the closed event."""
    for ticket in tickets:
        changes.session.add(
            TicketComment(
                ticket_id=ticket.id,
                user_id=changes.actor.user_id if changes.actor else None,
                comment=resolution,
                is_internal=False,
                is_resolution=True,
            )
        )
    await changes.session.flush()
    repo = TicketRepository(changes.session)
    for ticket in tickets:
        await repo.reindex(ticket.id)
    await changes.set_status(tickets, "closed", actor="admin", resolution=resolution)


async def admin_comment(
    session: AsyncSession,
    principal: Principal,
    ticket: Ticket,
    body: CommentCreate,
    *,
    internal: bool,
    public_url: str,
) -> TicketComment:
    return await comments.add_comment(
        session, principal, ticket, body, is_internal=internal, public_url=public_url
    )


async def bulk(
    session: AsyncSession, principal: Principal, body: BulkIn, public_url: str
) -> Sequence[Ticket]:
    """Apply one action to up to 1,000 tickets in one transaction: every ticket or none."""
    missing_field = body.missing_for_action()
    if missing_field is not None:
        raise ValidationFailed.one(missing_field, f"is required for action {body.action!r}", "missing")
    closing = body.action == "close" or (body.action == "status" and body.status == "closed")
    if closing:
        require_resolution(body.resolution)
    await UserRepository(session).ensure(principal)
    tickets = await TicketRepository(session).many_for_update(body.ticket_ids)
    found = {t.id for t in tickets}
    unknown = [str(i) for i in body.ticket_ids if i not in found]
    if unknown:
        raise ValidationFailed.one("ticket_ids", f"no such ticket(s): {', '.join(unknown)}", "not_found")
    changes = Changes(session, principal, public_url)
    if body.action in ("status", "close"):
        target: workflow.Status = "closed" if body.action == "close" else body.status  # type: ignore[assignment]
        refused = [
            {"ticket_id": str(t.id), "ticket_number": t.ticket_number, "status": t.status, "reason": reason}
            for t in tickets
            if (reason := workflow.why_not("admin", t.status, target)) is not None  # type: ignore[arg-type]
        ]
        if refused:
            raise Conflict(
                f"{len(refused)} of {len(tickets)} tickets cannot move to {target}; nothing was changed.",
                title="Bulk change refused",
                extra={"refused": refused},
            )
        if closing:
            assert body.resolution is not None
            await close_with(changes, tickets, body.resolution)
        else:
            await changes.set_status(tickets, target, actor="admin")
    elif body.action == "assign":
        await changes.assign(tickets, await admin_to_assign(session, principal, body.admin_id))
    elif body.action == "priority":
        assert body.priority is not None
        await changes.set_priority(tickets, body.priority)
    else:
        assert body.label_id is not None
        labels = await LabelRepository(session).many([body.label_id])
        if not labels:
            raise ValidationFailed.one("label_id", "no such label", "not_found")
        await changes.change_labels(tickets, add=labels)
    return tickets
