"""The reporter's side: file tickets, follow them, accept a resolution or reopen."""

import uuid
from typing import Annotated

from fastapi import APIRouter, File, Query, Request, Response, UploadFile, status
from fastapi.responses import StreamingResponse

from shared.events import TicketStatus, TicketType
from shared.internal_auth import CurrentUser
from shared.problems import (
    Conflict,
    NotFound,
    PayloadTooLarge,
    Unauthorized,
    UnsupportedMediaType,
    ValidationFailed,
    problem_responses,
)
from tickets import workflow
from tickets.attachment import flows
from tickets.attachment.dependencies import AttachmentsDep
from tickets.concurrency import set_etag
from tickets.dependencies import Session, Settings
from tickets.environment import describe
from tickets.models import Ticket
from tickets.query import TicketFilter, next_cursor
from tickets.ticket import presenters, service
from tickets.ticket.intake import read_ticket
from tickets.ticket.repository import TicketRepository
from tickets.ticket.schemas import AttachmentOut, TicketCreate, TicketDetail, TicketOut, TicketPage

PREFIX = "/api/v1/support/tickets"
router = APIRouter(prefix=PREFIX, tags=["tickets"])
MULTIPART_SCHEMA = {
    "type": "object",
    "required": ["type", "title", "description"],
    "properties": {
        **{name: {"type": "string"} for name in ("type", "title", "description", "severity", "category")},
        "app_version": {"type": "string"},
        "server_os": {"type": "string"},
        "files": {"type": "array", "items": {"type": "string", "format": "binary"}, "maxItems": 5},
    },
}


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    summary="File a ticket (JSON, or a multipart form with up to five attachments)",
    responses=problem_responses(ValidationFailed, Unauthorized, PayloadTooLarge, UnsupportedMediaType),
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {"schema": {"$ref": "#/components/schemas/TicketCreate"}},
                "multipart/form-data": {"schema": MULTIPART_SCHEMA},
            },
        }
    },
)
async def create_ticket(
    principal: CurrentUser,
    session: Session,
    settings: Settings,
    attachments: AttachmentsDep,
    request: Request,
    response: Response,
) -> TicketOut:
    async with read_ticket(request, settings) as intake:
        body = intake.ticket
        environment = describe(
            request.headers.get("user-agent", ""), app_version=body.app_version, server_os=body.server_os
        )
        ticket_id = uuid.uuid4()
        stored = await attachments.store(ticket_id, principal.user_id, intake.files, existing=0)
        try:
            ticket = await service.create_ticket(
                session,
                principal,
                body,
                public_url=settings.public_url,
                environment=environment,
                ticket_id=ticket_id,
            )
            session.add_all(stored)
            await session.commit()
        except BaseException:
            # The ticket was not created: its files must not stay behind.
            await attachments.discard(stored)
            raise
    response.headers["Location"] = f"{PREFIX}/{ticket.ticket_number}"
    set_etag(response, ticket)
    return presenters.ticket_out(ticket, settings.public_url)


@router.get(
    "",
    summary="Your own tickets, newest first",
    responses=problem_responses(ValidationFailed, Unauthorized),
)
async def list_tickets(
    principal: CurrentUser,
    session: Session,
    settings: Settings,
    status_: Annotated[list[TicketStatus] | None, Query(alias="status")] = None,
    type_: Annotated[list[TicketType] | None, Query(alias="type")] = None,
    q: Annotated[
        str | None, Query(max_length=200, description="Words to search for, or #1234 for a number.")
    ] = None,
    cursor: str | None = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 25,
) -> TicketPage:
    filter_ = TicketFilter(owner_id=principal.user_id, statuses=status_ or (), types=type_ or (), text=q)
    rows = await TicketRepository(session).page(filter_, "created", cursor, limit, people=False)
    return TicketPage(
        items=[presenters.ticket_summary(t, settings.public_url) for t in rows[:limit]],
        next_cursor=next_cursor(rows, "created", limit),
    )


@router.get(
    "/{ticket_ref}",
    summary="One of your tickets, with its public conversation, history and attachments",
    responses=problem_responses(NotFound, Unauthorized),
)
async def get_ticket(
    ticket_ref: str, principal: CurrentUser, session: Session, settings: Settings, response: Response
) -> TicketDetail:
    ticket = await service.get_own_ticket(session, principal, ticket_ref)
    set_etag(response, ticket)
    return await detail(session, ticket, settings.public_url)


async def detail(session: Session, ticket: Ticket, public_url: str) -> TicketDetail:
    repo = TicketRepository(session)
    return presenters.ticket_detail(
        ticket,
        public_url,
        comments=await repo.comments(ticket.id, include_internal=False),
        history=await repo.status_history(ticket.id),
        attachments=await repo.attachments(ticket.id),
        actor="user",
        api_base=PREFIX,
    )


@router.put(
    "/{ticket_ref}/resolve",
    summary="Accept the resolution: a resolved ticket becomes closed",
    responses=problem_responses(NotFound, Conflict, Unauthorized),
)
async def accept_resolution(
    ticket_ref: str, principal: CurrentUser, session: Session, settings: Settings, response: Response
) -> TicketDetail:
    return await _move(session, principal, ticket_ref, "closed", settings, response)


@router.put(
    "/{ticket_ref}/reopen",
    summary="The problem persists: a resolved or closed ticket opens again",
    responses=problem_responses(NotFound, Conflict, Unauthorized),
)
async def reopen(
    ticket_ref: str, principal: CurrentUser, session: Session, settings: Settings, response: Response
) -> TicketDetail:
    return await _move(session, principal, ticket_ref, "open", settings, response)


async def _move(
    session: Session,
    principal: CurrentUser,
    ref: str,
    target: workflow.Status,
    settings: Settings,
    response: Response,
) -> TicketDetail:
    ticket = await service.reporter_moves(session, principal, ref, target, settings.public_url)
    await session.commit()
    set_etag(response, ticket)
    return await detail(session, ticket, settings.public_url)


@router.post(
    "/{ticket_ref}/attachments",
    status_code=status.HTTP_201_CREATED,
    summary="Attach files to one of your tickets (.png, .jpg, .log, .txt; 10 MB each, 5 per ticket)",
    responses=problem_responses(NotFound, ValidationFailed, PayloadTooLarge, Unauthorized),
)
async def add_attachments(
    ticket_ref: str,
    files: Annotated[list[UploadFile], File(description="One or more files.")],
    principal: CurrentUser,
    session: Session,
    attachments: AttachmentsDep,
) -> list[AttachmentOut]:
    ticket = await service.get_own_ticket(session, principal, ticket_ref, for_update=True)
    stored = await flows.add_to_ticket(session, attachments, principal, ticket, files)
    base = f"{PREFIX}/{ticket.ticket_number}"
    return [presenters.attachment_out(a, base) for a in stored]


@router.get(
    "/{ticket_ref}/attachments/{attachment_id}",
    summary="Download an attachment of one of your tickets",
    response_class=StreamingResponse,
    responses=problem_responses(NotFound, Unauthorized),
)
async def get_attachment(
    ticket_ref: str,
    attachment_id: uuid.UUID,
    principal: CurrentUser,
    session: Session,
    attachments: AttachmentsDep,
) -> StreamingResponse:
    ticket = await service.get_own_ticket(session, principal, ticket_ref)
    return await flows.serve(session, attachments, ticket, attachment_id)


__all__ = ["TicketCreate", "router"]
