"""Who hears about what (the seed's "Email Notifications"): reporters about replies and every change of
status; admins about new tickets, replies from reporters, assignments and escalations. Nobody is told
about their own action, and an internal note never reaches the reporter."""

from collections.abc import Sequence
from dataclasses import dataclass

from notifier.models import User
from notifier.user.repository import UserRepository
from shared.events import (
    AnyEvent,
    TicketAssigned,
    TicketClosed,
    TicketCommented,
    TicketCreated,
    TicketEscalated,
    TicketReopened,
    TicketResolved,
    TicketState,
    TicketStatusChanged,
)
from shared.wording import status_label


class RecipientNotYetKnown(Exception):
    """The reporter's account has not reached our projection yet; the event is retried shortly."""


@dataclass(frozen=True)
class Notice:
    """One mail to write: to whom, the line that says what happened, and the text it quotes."""

    recipient: User
    kind: str  # notifier.preference.kinds: what a person can turn off
    lead: str
    quote: str | None = None
    quote_label: str | None = None


async def reporter_of(users: UserRepository, ticket: TicketState) -> User | None:
    if ticket.reporter is None:
        return None  # the account was deleted; nobody to tell
    user = await users.get(ticket.reporter.id)
    if user is None:
        raise RecipientNotYetKnown(f"user {ticket.reporter.id} is not in the projection yet")
    return user


async def handlers_of(users: UserRepository, ticket: TicketState) -> Sequence[User]:
    """The admin looking after the ticket, or every admin while nobody is."""
    if ticket.assignee is not None:
        assignee = await users.get(ticket.assignee.id)
        return [assignee] if assignee is not None else []
    return await users.admins()


def _name(ref: object) -> str:
    return getattr(ref, "username", None) or "someone"


async def notices_for(users: UserRepository, event: AnyEvent) -> list[Notice]:
    """The mails an event calls for, before removing the actor (see :func:`without_actor`)."""
    if isinstance(event, TicketCreated):
        ticket = event.data.ticket
        reporter = await reporter_of(users, ticket)
        who = ticket.reporter.username if ticket.reporter else "a deleted user"
        triage = f"New ticket #{ticket.ticket_number} from {who} awaits triage."
        notices = [
            Notice(a, "new_tickets", triage, ticket.description, "Description")
            for a in await users.admins()
            if reporter is None or a.id != reporter.id
        ]
        if reporter is not None:
            thanks = (
                f"We received your ticket #{ticket.ticket_number}. We will get back to you here and by email."
            )
            notices.insert(
                0, Notice(reporter, "confirmations", thanks, ticket.description, "Your description")
            )
        return notices
    if isinstance(event, TicketCommented):
        ticket, comment = event.data.ticket, event.data.comment
        reporter = await reporter_of(users, ticket)
        author = _name(comment.author)
        if comment.origin == "github":
            author = f"{comment.external_author or 'someone'} on GitHub"
            lead = f"{author} commented on ticket #{ticket.ticket_number}."
            notices = [
                Notice(h, "replies", lead, comment.body, "Comment")
                for h in await handlers_of(users, ticket)
                if reporter is None or h.id != reporter.id
            ]
            if reporter is not None:
                reply = f"{author} replied to your ticket."
                notices.insert(0, Notice(reporter, "replies", reply, comment.body, "Reply"))
            return notices
        if comment.is_internal:
            note = f"{author} added an internal note."
            return [
                Notice(h, "internal_notes", note, comment.body, "Internal note")
                for h in await handlers_of(users, ticket)
            ]
        if reporter is not None and comment.author is not None and comment.author.id == reporter.id:
            reply = f"{author} replied on ticket #{ticket.ticket_number}."
            return [
                Notice(h, "replies", reply, comment.body, "Reply") for h in await handlers_of(users, ticket)
            ]
        if reporter is None:
            return []
        return [Notice(reporter, "replies", f"{author} replied to your ticket.", comment.body, "Reply")]
    if isinstance(event, TicketAssigned):
        ticket, new = event.data.ticket, event.data.new_assignee
        target = await users.get(new.id) if new is not None else None
        if target is None:
            return []
        lead = f"{_name(event.data.actor)} assigned ticket #{ticket.ticket_number} to you."
        return [Notice(target, "assignments", lead, ticket.description, "Description")]
    if isinstance(event, TicketEscalated):
        ticket = event.data.ticket
        lead = f"Critical ticket #{ticket.ticket_number} has waited for an answer too long."
        return [
            Notice(h, "escalations", lead, ticket.description, "Description")
            for h in await handlers_of(users, ticket)
        ]
    if isinstance(event, TicketReopened):
        ticket = event.data.ticket
        reporter = await reporter_of(users, ticket)
        if reporter is not None and event.data.actor is not None and event.data.actor.id == reporter.id:
            lead = f"{reporter.username} reopened ticket #{ticket.ticket_number}: the problem persists."
            return [Notice(h, "status_changes", lead) for h in await handlers_of(users, ticket)]
        if reporter is None:
            return []
        return [Notice(reporter, "status_changes", f"Your ticket #{ticket.ticket_number} was reopened.")]
    if isinstance(event, TicketResolved | TicketStatusChanged | TicketClosed):
        ticket = event.data.ticket
        reporter = await reporter_of(users, ticket)
        if reporter is None:
            return []
        number = ticket.ticket_number
        if isinstance(event, TicketResolved):
            lead = f"Your ticket #{number} is resolved. If that fixes it, accept the resolution; "
            lead += "if not, reopen it."
            return [Notice(reporter, "status_changes", lead)]
        if isinstance(event, TicketClosed):
            lead = f"Your ticket #{number} is closed."
            return [Notice(reporter, "status_changes", lead, event.data.resolution, "Resolution")]
        status = status_label(event.data.new_status).lower()
        return [Notice(reporter, "status_changes", f"Your ticket #{number} is now {status}.")]
    return []


def without_actor(notices: list[Notice], event: AnyEvent) -> list[Notice]:
    """Never mail people about what they just did themselves (the one exception: the reporter's
    confirmation of a new ticket); never twice to one person."""
    actor = None if isinstance(event, TicketCreated) else getattr(getattr(event, "data", None), "actor", None)
    seen: set[object] = set()
    kept = []
    for notice in notices:
        if actor is not None and notice.recipient.id == actor.id:
            continue
        if notice.recipient.id in seen:
            continue
        seen.add(notice.recipient.id)
        kept.append(notice)
    return kept
