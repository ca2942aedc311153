"""Which event mails whom, and what it says. Runs in the consumer's transaction; sending comes later."""

import uuid
from dataclasses import dataclass
from email.utils import make_msgid

from sqlalchemy.ext.asyncio import AsyncSession

from notifier.email.repository import EmailRepository
from notifier.email.templates import Rendered, render
from notifier.models import Email, User
from notifier.user.repository import UserRepository
from shared.events import AnyEvent, TicketCommented, TicketCreated, TicketState


class RecipientNotYetKnown(Exception):
    """The reporter's account has not reached our projection yet; the event is retried shortly."""


@dataclass(frozen=True)
class Letter:
    recipient: User
    content: Rendered


def _name(user: User) -> str:
    return user.display_name or user.username


async def _reporter(users: UserRepository, ticket: TicketState) -> User | None:
    if ticket.reporter is None:
        return None  # the account was deleted; nobody to tell
    user = await users.get(ticket.reporter.id)
    if user is None:
        raise RecipientNotYetKnown(f"user {ticket.reporter.id} is not in the projection yet")
    return user


async def letters_for(session: AsyncSession, event: AnyEvent, site_name: str) -> list[Letter]:
    users = UserRepository(session)
    letters: list[Letter] = []
    if isinstance(event, TicketCreated):
        ticket = event.data.ticket
        reporter = await _reporter(users, ticket)
        if reporter is not None:
            letters.append(
                Letter(
                    reporter,
                    render(
                        site_name=site_name,
                        ticket=ticket,
                        greeting_name=_name(reporter),
                        lead=f"We received your ticket #{ticket.ticket_number}. We will get back "
                        "to you here and by email.",
                        quote=ticket.description,
                        quote_label="Your description",
                    ),
                )
            )
        for admin in await users.admins():
            if reporter is not None and admin.id == reporter.id:
                continue
            who = ticket.reporter.username if ticket.reporter else "a deleted user"
            letters.append(
                Letter(
                    admin,
                    render(
                        site_name=site_name,
                        ticket=ticket,
                        greeting_name=_name(admin),
                        lead=f"New ticket #{ticket.ticket_number} from {who} awaits triage.",
                        quote=ticket.description,
                        quote_label="Description",
                    ),
                )
            )
    elif isinstance(event, TicketCommented):
        letters.extend(await _comment_letters(users, event, site_name))
    return letters


async def _comment_letters(users: UserRepository, event: TicketCommented, site_name: str) -> list[Letter]:
    ticket, comment = event.data.ticket, event.data.comment
    author_id = comment.author.id if comment.author else None
    author_name = comment.author.username if comment.author else "someone"
    letters: list[Letter] = []
    reporter = await _reporter(users, ticket)
    # An internal note never reaches the reporter, whatever else happens.
    if not comment.is_internal and reporter is not None and reporter.id != author_id:
        letters.append(
            Letter(
                reporter,
                render(
                    site_name=site_name,
                    ticket=ticket,
                    greeting_name=_name(reporter),
                    lead=f"{author_name} replied to your ticket.",
                    quote=comment.body,
                    quote_label="Reply",
                ),
            )
        )
    if reporter is not None and author_id == reporter.id:
        # The reporter wrote: tell the assigned admin, or every admin while nobody is assigned.
        if ticket.assignee is not None:
            assignee = await users.get(ticket.assignee.id)
            targets = [assignee] if assignee is not None else []
        else:
            targets = list(await users.admins())
        for admin in targets:
            letters.append(
                Letter(
                    admin,
                    render(
                        site_name=site_name,
                        ticket=ticket,
                        greeting_name=_name(admin),
                        lead=f"{author_name} replied on ticket #{ticket.ticket_number}.",
                        quote=comment.body,
                        quote_label="Reply",
                    ),
                )
            )
    return letters


def root_message_id(ticket_id: uuid.UUID, domain: str) -> str:
    """A Message-ID no mail has: every mail about the ticket names it, so clients thread them."""
    return f"<ticket-{ticket_id}@notify.{domain}>"


async def queue_emails(session: AsyncSession, event: AnyEvent, *, site_name: str, mail_domain: str) -> int:
    letters = await letters_for(session, event, site_name)
    repo = EmailRepository(session)
    ticket_id = uuid.UUID(event.subject) if event.subject else None
    for letter in letters:
        if letter.recipient.disabled:
            continue
        await repo.add_once(
            Email(
                event_id=event.id,
                event_type=event.type,
                ticket_id=ticket_id,
                recipient_id=letter.recipient.id,
                to_address=letter.recipient.email,
                subject=letter.content.subject,
                text_body=letter.content.text,
                html_body=letter.content.html,
                message_id=make_msgid(idstring=f"t{ticket_id}", domain=f"notify.{mail_domain}"),
            )
        )
    return len(letters)
