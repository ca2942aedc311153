"""Turning an event into queued mails. Runs in the consumer's transaction; sending comes later."""

import uuid
from email.utils import make_msgid

from sqlalchemy.ext.asyncio import AsyncSession

from notifier.email.repository import EmailRepository
from notifier.email.rules import RecipientNotYetKnown, notices_for, without_actor
from notifier.email.templates import render
from notifier.models import Email
from notifier.preference.repository import PreferenceRepository
from notifier.user.repository import UserRepository
from shared.events import AnyEvent

__all__ = ["RecipientNotYetKnown", "queue_emails", "root_message_id"]


def root_message_id(ticket_id: uuid.UUID, domain: str) -> str:
    """A Message-ID no mail has: every mail about the ticket names it, so clients thread them."""
    return f"<ticket-{ticket_id}@notify.{domain}>"


async def queue_emails(session: AsyncSession, event: AnyEvent, *, site_name: str, mail_domain: str) -> int:
    ticket = getattr(getattr(event, "data", None), "ticket", None)
    if ticket is None:
        return 0
    notices = without_actor(await notices_for(UserRepository(session), event), event)
    opted_out = await PreferenceRepository(session).opted_out(n.recipient.id for n in notices)
    repo = EmailRepository(session)
    queued = 0
    for notice in notices:
        if notice.recipient.disabled or (notice.recipient.id, notice.kind) in opted_out:
            continue
        content = render(
            site_name=site_name,
            ticket=ticket,
            greeting_name=notice.recipient.display_name or notice.recipient.username,
            lead=notice.lead,
            quote=notice.quote,
            quote_label=notice.quote_label,
        )
        await repo.add_once(
            Email(
                event_id=event.id,
                event_type=event.type,
                ticket_id=ticket.id,
                recipient_id=notice.recipient.id,
                to_address=notice.recipient.email,
                subject=content.subject,
                text_body=content.text,
                html_body=content.html,
                message_id=make_msgid(idstring=f"t{ticket.id}", domain=f"notify.{mail_domain}"),
            )
        )
        queued += 1
    return queued
