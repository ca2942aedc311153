"""Admin triage: every ticket, the seed's views, Kanban counts, single edits (with If-Match) and bulk."""

import uuid
from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, File, Header, Query, Response, UploadFile, status
from fastapi.responses import StreamingResponse

from shared.events import Category, Severity, TicketStatus, TicketType
from shared.internal_auth import AdminUser
from shared.problems import (
    Conflict,
    Forbidden,
    NotFound,
    PayloadTooLarge,
    PreconditionFailed,
    Unauthorized,
    ValidationFailed,
    problem_responses,
)
from tickets import workflow
from tickets.admin import service
from tickets.admin.presenters import admin_detail, admin_summary, bulk_out
from tickets.admin.schemas import (
    AdminCommentIn,
    AdminTicketDetail,
    AdminTicketPage,
    AssignIn,
    BulkIn,
    BulkOut,
    CloseIn,
    LabelsIn,
    PriorityIn,
    StatusCounts,
    StatusIn,
    View,
)
from tickets.attachment import flows
from tickets.attachment.dependencies import AttachmentsDep
from tickets.concurrency import set_etag
from tickets.dependencies import Session, Settings
from tickets.label.repository import LabelRepository
from tickets.models import Ticket
from tickets.query import Sort, TicketFilter, next_cursor
from tickets.ticket import presenters
from tickets.ticket.repository import TicketRepository
from tickets.ticket.schemas import AttachmentOut, CommentOut, TicketOut
from tickets.user.lookup import admin_to_assign

PREFIX = "/api/v1/admin/support/tickets"
router = APIRouter(prefix=PREFIX, tags=["admin"])
AUTH = (Unauthorized, Forbidden)
EDIT = (NotFound, ValidationFailed, Conflict, PreconditionFailed, *AUTH)
IfMatch = Annotated[
    str | None, Header(alias="If-Match", description="The ETag you read; a stale one gets 412.")
]


def _filter(
    admin: AdminUser,
    view: View | None,
    status_: list[TicketStatus] | None,
    type_: list[TicketType] | None,
    priority: list[int] | None,
    category: list[Category] | None,
    severity: list[Severity] | None,
    label: list[uuid.UUID] | None,
    assigned_to: str | None,
    created_from: datetime | None,
    created_to: datetime | None,
    updated_from: datetime | None,
    updated_to: datetime | None,
    q: str | None,
) -> TicketFilter:
    base = service.view_filter(view, admin)
    assigned = service.parse_assignee(assigned_to, admin)
    return TicketFilter(
        statuses=status_ or base.statuses,
        types=type_ or (),
        priorities=priority or (),
        categories=category or (),
        severities=severity or (),
        label_ids=label or (),
        assigned=assigned if assigned is not None else base.assigned,  # type: ignore[arg-type]
        created_from=service.utc(created_from),
        created_to=service.utc(created_to),
        updated_from=service.utc(updated_from),
        updated_to=service.utc(updated_to),
        text=q,
    )


ViewParam = Annotated[
    View | None, Query(description="unassigned (the triage default), mine, open, resolved or closed")
]
AssignedParam = Annotated[str | None, Query(description="me, none, or an admin's id")]


@router.get(
    "",
    summary="All tickets, filtered, sorted and paged",
    responses=problem_responses(ValidationFailed, *AUTH),
)
async def list_tickets(
    admin: AdminUser,
    session: Session,
    settings: Settings,
    view: ViewParam = None,
    status_: Annotated[list[TicketStatus] | None, Query(alias="status")] = None,
    type_: Annotated[list[TicketType] | None, Query(alias="type")] = None,
    priority: Annotated[list[Annotated[int, Query(ge=1, le=5)]] | None, Query()] = None,
    category: Annotated[list[Category] | None, Query()] = None,
    severity: Annotated[list[Severity] | None, Query()] = None,
    label: Annotated[list[uuid.UUID] | None, Query(description="label ids; a ticket must carry all")] = None,
    assigned_to: AssignedParam = None,
    created_from: datetime | None = None,
    created_to: datetime | None = None,
    updated_from: datetime | None = None,
    updated_to: datetime | None = None,
    q: Annotated[str | None, Query(max_length=200, description="Words, or #1234 for a number.")] = None,
    sort: Annotated[
        Sort, Query(description="priority (critical first, then oldest), created or updated")
    ] = "created",
    cursor: str | None = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
) -> AdminTicketPage:
    filter_ = _filter(
        admin, view, status_, type_, priority, category, severity, label, assigned_to,
        created_from, created_to, updated_from, updated_to, q,
    )  # fmt: skip
    rows = await TicketRepository(session).page(filter_, sort, cursor, limit, people=True)
    return AdminTicketPage(
        items=[admin_summary(t, settings.public_url) for t in rows[:limit]],
        next_cursor=next_cursor(rows, sort, limit),
    )


@router.get(
    "/counts",
    summary="Tickets per status under the same filters (the Kanban's columns)",
    responses=problem_responses(ValidationFailed, *AUTH),
)
async def counts(
    admin: AdminUser,
    session: Session,
    view: ViewParam = None,
    type_: Annotated[list[TicketType] | None, Query(alias="type")] = None,
    priority: Annotated[list[Annotated[int, Query(ge=1, le=5)]] | None, Query()] = None,
    category: Annotated[list[Category] | None, Query()] = None,
    severity: Annotated[list[Severity] | None, Query()] = None,
    label: Annotated[list[uuid.UUID] | None, Query()] = None,
    assigned_to: AssignedParam = None,
    created_from: datetime | None = None,
    created_to: datetime | None = None,
    updated_from: datetime | None = None,
    updated_to: datetime | None = None,
    q: Annotated[str | None, Query(max_length=200)] = None,
) -> StatusCounts:
    filter_ = _filter(
        admin, view, None, type_, priority, category, severity, label, assigned_to,
        created_from, created_to, updated_from, updated_to, q,
    )  # fmt: skip
    found = await TicketRepository(session).counts(filter_)
    per = {s: found.get(s, 0) for s in ("open", "in_progress", "resolved", "closed")}
    return StatusCounts(**per, total=sum(per.values()))


@router.get(
    "/{ticket_ref}",
    summary="Any ticket, internal notes included",
    responses=problem_responses(NotFound, *AUTH),
)
async def get_ticket(
    ticket_ref: str, admin: AdminUser, session: Session, settings: Settings, response: Response
) -> AdminTicketDetail:
    ticket = await service.get_ticket(session, ticket_ref)
    set_etag(response, ticket)
    return await admin_detail(session, ticket, settings.public_url, PREFIX)


def _edited(ticket: Ticket, response: Response, public_url: str) -> TicketOut:
    set_etag(response, ticket)
    return presenters.ticket_out(ticket, public_url)


@router.put(
    "/{ticket_ref}/assign",
    summary="Assign to an admin (or `me`), or unassign",
    responses=problem_responses(*EDIT),
)
async def assign(
    ticket_ref: str, body: AssignIn, admin: AdminUser, session: Session, settings: Settings,
    response: Response, if_match: IfMatch = None,
) -> TicketOut:  # fmt: skip
    async with service.editing(
        session, admin, ticket_ref, if_match=if_match, public_url=settings.public_url
    ) as e:
        await e.changes.assign([e.ticket], await admin_to_assign(session, admin, body.admin_id))
    return _edited(e.ticket, response, settings.public_url)


@router.put(
    "/{ticket_ref}/status",
    summary="Move a ticket along its workflow (closing needs a resolution)",
    responses=problem_responses(*EDIT),
)
async def change_status(
    ticket_ref: str, body: StatusIn, admin: AdminUser, session: Session, settings: Settings,
    response: Response, if_match: IfMatch = None,
) -> TicketOut:  # fmt: skip
    if body.status == "closed":
        service.require_resolution(body.resolution)
    async with service.editing(
        session, admin, ticket_ref, if_match=if_match, public_url=settings.public_url
    ) as e:
        if body.status == "closed":
            workflow.check("admin", e.ticket.status, "closed")  # type: ignore[arg-type]
            assert body.resolution is not None
            await service.close_with(e.changes, [e.ticket], body.resolution)
        else:
            await e.changes.set_status([e.ticket], body.status, actor="admin")
    return _edited(e.ticket, response, settings.public_url)


@router.put(
    "/{ticket_ref}/priority",
    summary="Set the priority (1 critical … 5 lowest)",
    responses=problem_responses(*EDIT),
)
async def change_priority(
    ticket_ref: str, body: PriorityIn, admin: AdminUser, session: Session, settings: Settings,
    response: Response, if_match: IfMatch = None,
) -> TicketOut:  # fmt: skip
    async with service.editing(
        session, admin, ticket_ref, if_match=if_match, public_url=settings.public_url
    ) as e:
        if e.ticket.priority != body.priority:
            await e.changes.set_priority([e.ticket], body.priority)
    return _edited(e.ticket, response, settings.public_url)


@router.post("/{ticket_ref}/labels", summary="Add labels", responses=problem_responses(*EDIT))
async def add_labels(
    ticket_ref: str, body: LabelsIn, admin: AdminUser, session: Session, settings: Settings,
    response: Response, if_match: IfMatch = None,
) -> TicketOut:  # fmt: skip
    async with service.editing(
        session, admin, ticket_ref, if_match=if_match, public_url=settings.public_url
    ) as e:
        labels = await LabelRepository(session).many(body.label_ids)
        unknown = sorted(str(i) for i in set(body.label_ids) - {label.id for label in labels})
        if unknown:
            raise ValidationFailed.one("label_ids", f"no such label(s): {', '.join(unknown)}", "not_found")
        await e.changes.change_labels([e.ticket], add=labels)
    return _edited(e.ticket, response, settings.public_url)


@router.delete(
    "/{ticket_ref}/labels/{label_id}", summary="Remove a label", responses=problem_responses(*EDIT)
)
async def remove_label(
    ticket_ref: str, label_id: uuid.UUID, admin: AdminUser, session: Session, settings: Settings,
    response: Response, if_match: IfMatch = None,
) -> TicketOut:  # fmt: skip
    async with service.editing(
        session, admin, ticket_ref, if_match=if_match, public_url=settings.public_url
    ) as e:
        label = await LabelRepository(session).get(label_id)
        if label is None or label.id not in {lab.id for lab in e.ticket.labels}:
            raise NotFound("The ticket does not carry that label.")
        await e.changes.change_labels([e.ticket], remove=[label])
    return _edited(e.ticket, response, settings.public_url)


@router.post(
    "/{ticket_ref}/comments",
    status_code=status.HTTP_201_CREATED,
    summary="Reply to the reporter, or add an internal note",
    responses=problem_responses(NotFound, ValidationFailed, *AUTH),
)
async def add_comment(
    ticket_ref: str, body: AdminCommentIn, admin: AdminUser, session: Session, settings: Settings
) -> CommentOut:
    ticket = await service.get_ticket(session, ticket_ref, for_update=True)
    comment = await service.admin_comment(
        session, admin, ticket, body, internal=body.is_internal, public_url=settings.public_url
    )
    await session.commit()
    return presenters.comment_out(comment)


@router.put("/{ticket_ref}/close", summary="Close with a resolution note", responses=problem_responses(*EDIT))
async def close(
    ticket_ref: str, body: CloseIn, admin: AdminUser, session: Session, settings: Settings,
    response: Response, if_match: IfMatch = None,
) -> TicketOut:  # fmt: skip
    async with service.editing(
        session, admin, ticket_ref, if_match=if_match, public_url=settings.public_url
    ) as e:
        workflow.check("admin", e.ticket.status, "closed")  # type: ignore[arg-type]
        await service.close_with(e.changes, [e.ticket], body.resolution)
    return _edited(e.ticket, response, settings.public_url)


@router.post(
    "/bulk",
    summary="One action on up to 1,000 tickets: all of them or none",
    responses=problem_responses(ValidationFailed, Conflict, *AUTH),
)
async def bulk(body: BulkIn, admin: AdminUser, session: Session, settings: Settings) -> BulkOut:
    tickets = await service.bulk(session, admin, body, settings.public_url)
    await session.commit()
    return bulk_out(body.action, tickets, body.ticket_ids)


@router.post(
    "/{ticket_ref}/attachments",
    status_code=status.HTTP_201_CREATED,
    summary="Attach files to a ticket",
    responses=problem_responses(NotFound, ValidationFailed, PayloadTooLarge, *AUTH),
)
async def add_attachments(
    ticket_ref: str,
    files: Annotated[list[UploadFile], File()],
    admin: AdminUser,
    session: Session,
    attachments: AttachmentsDep,
) -> list[AttachmentOut]:
    ticket = await service.get_ticket(session, ticket_ref, for_update=True)
    stored = await flows.add_to_ticket(session, attachments, admin, ticket, files)
    return [presenters.attachment_out(a, f"{PREFIX}/{ticket.ticket_number}") for a in stored]


@router.get(
    "/{ticket_ref}/attachments/{attachment_id}",
    summary="Download an attachment",
    response_class=StreamingResponse,
    responses=problem_responses(NotFound, *AUTH),
)
async def get_attachment(
    ticket_ref: str, attachment_id: uuid.UUID, admin: AdminUser, session: Session, attachments: AttachmentsDep
) -> StreamingResponse:
    ticket = await service.get_ticket(session, ticket_ref)
    return await flows.serve(session, attachments, ticket, attachment_id)
