"""The two things both the reporter's and the admin's routes do with attachments."""

import uuid
from collections.abc import Sequence

from fastapi.responses import StreamingResponse
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.datastructures import UploadFile

from shared.internal_auth import Principal
from shared.problems import NotFound, ValidationFailed
from tickets.attachment.repository import AttachmentRepository
from tickets.attachment.responses import download
from tickets.attachment.service import Attachments
from tickets.models import Ticket, TicketAttachment
from tickets.ticket.repository import TicketRepository
from tickets.user.repository import UserRepository


async def add_to_ticket(
    session: AsyncSession,
    attachments: Attachments,
    principal: Principal,
    ticket: Ticket,
    files: Sequence[UploadFile],
) -> list[TicketAttachment]:
    """Store ``files`` on a locked ticket and commit; nothing is left behind if anything fails."""
    if not files:
        raise ValidationFailed.one("files", "send at least one file", "missing")
    await UserRepository(session).ensure(principal)
    existing = await AttachmentRepository(session).count(ticket.id)
    stored = await attachments.store(ticket.id, principal.user_id, files, existing=existing)
    try:
        session.add_all(stored)
        await TicketRepository(session).touch(ticket)
        await session.commit()
    except BaseException:
        await attachments.discard(stored)
        raise
    return stored


async def serve(
    session: AsyncSession, attachments: Attachments, ticket: Ticket, attachment_id: uuid.UUID
) -> StreamingResponse:
    attachment = await AttachmentRepository(session).get(ticket.id, attachment_id)
    if attachment is None:
        raise NotFound("There is no such attachment on this ticket.")
    return download(attachments.storage, attachment)
