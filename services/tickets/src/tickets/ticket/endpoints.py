from typing import Annotated

from fastapi import APIRouter, Query, Request, Response, status

from shared.events import TicketStatus, TicketType
from shared.internal_auth import CurrentUser
from shared.problems import NotFound, Unauthorized, ValidationFailed, problem_responses
from tickets.dependencies import Session, Settings
from tickets.ticket import presenters, service
from tickets.ticket.repository import TicketRepository
from tickets.ticket.schemas import TicketCreate, TicketDetail, TicketOut, TicketPage

router = APIRouter(prefix="/api/v1/support/tickets", tags=["tickets"])


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    summary="File a ticket",
    responses=problem_responses(ValidationFailed, Unauthorized),
)
async def create_ticket(
    body: TicketCreate,
    principal: CurrentUser,
    session: Session,
    settings: Settings,
    request: Request,
    response: Response,
) -> TicketOut:
    environment = {
        "user_agent": request.headers.get("user-agent", "")[:512],
        "app_version": body.app_version,
    }
    ticket = await service.create_ticket(
        session, principal, body, public_url=settings.public_url, environment=environment
    )
    await session.commit()
    response.headers["Location"] = f"{router.prefix}/{ticket.ticket_number}"
    return presenters.ticket_out(ticket, settings.public_url)


@router.get(
    "",
    summary="List your own tickets, newest first",
    responses=problem_responses(ValidationFailed, Unauthorized),
)
async def list_tickets(
    principal: CurrentUser,
    session: Session,
    settings: Settings,
    status_: Annotated[list[TicketStatus] | None, Query(alias="status")] = None,
    type_: Annotated[list[TicketType] | None, Query(alias="type")] = None,
    cursor: str | None = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 25,
) -> TicketPage:
    rows, next_cursor = await service.list_own_tickets(
        session,
        principal,
        statuses=status_ or (),
        types=type_ or (),
        cursor=cursor,
        limit=limit,
    )
    return TicketPage(
        items=[presenters.ticket_summary(t, settings.public_url) for t in rows],
        next_cursor=next_cursor,
    )


@router.get(
    "/{ticket_ref}",
    summary="One of your tickets, with its public conversation and status history",
    responses=problem_responses(NotFound, Unauthorized),
)
async def get_ticket(
    ticket_ref: str, principal: CurrentUser, session: Session, settings: Settings
) -> TicketDetail:
    ticket = await service.get_own_ticket(session, principal, ticket_ref)
    repo = TicketRepository(session)
    comments = await repo.comments(ticket.id, include_internal=False)
    history = await repo.status_history(ticket.id)
    return presenters.ticket_detail(ticket, settings.public_url, comments, history)
