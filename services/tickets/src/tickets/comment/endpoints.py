from fastapi import APIRouter, status

from shared.internal_auth import CurrentUser
from shared.problems import NotFound, Unauthorized, ValidationFailed, problem_responses
from tickets.comment import service
from tickets.comment.schemas import CommentCreate
from tickets.dependencies import Session, Settings
from tickets.ticket import presenters
from tickets.ticket.schemas import CommentOut
from tickets.ticket.service import get_own_ticket

router = APIRouter(prefix="/api/v1/support/tickets", tags=["comments"])


@router.post(
    "/{ticket_ref}/comments",
    status_code=status.HTTP_201_CREATED,
    summary="Reply on one of your tickets",
    responses=problem_responses(NotFound, ValidationFailed, Unauthorized),
)
async def add_comment(
    ticket_ref: str,
    body: CommentCreate,
    principal: CurrentUser,
    session: Session,
    settings: Settings,
) -> CommentOut:
    ticket = await get_own_ticket(session, principal, ticket_ref)
    comment = await service.add_comment(
        session, principal, ticket, body, is_internal=False, public_url=settings.public_url
    )
    await session.commit()
    return presenters.comment_out(comment)
