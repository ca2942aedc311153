from sqlalchemy.ext.asyncio import AsyncSession

from shared.events import CommentedData, CommentState, TicketCommented, UserRef
from shared.internal_auth import Principal
from shared.problems import ValidationFailed
from tickets.comment.repository import CommentRepository
from tickets.comment.schemas import CommentCreate
from tickets.events import SOURCE, actor_ref, emit, ticket_state, user_ref
from tickets.models import Ticket, TicketComment
from tickets.ticket.repository import TicketRepository
from tickets.user.repository import UserRepository


async def add_comment(
    session: AsyncSession,
    principal: Principal,
    ticket: Ticket,
    data: CommentCreate,
    *,
    is_internal: bool,
    public_url: str,
) -> TicketComment:
    repo = CommentRepository(session)
    if data.parent_id is not None:
        parent = await repo.get_in_ticket(data.parent_id, ticket.id)
        # A reply to a note the caller cannot see is refused as if the note did not exist.
        if parent is None or (parent.is_internal and not principal.is_admin):
            raise ValidationFailed.one("parent_id", "is not a comment on this ticket")
    await UserRepository(session).ensure(principal)
    return await record_comment(
        session,
        ticket,
        TicketComment(
            ticket_id=ticket.id,
            user_id=principal.user_id,
            parent_id=data.parent_id,
            comment=data.comment,
            is_internal=is_internal,
        ),
        actor=actor_ref(principal),
        public_url=public_url,
    )


async def record_comment(
    session: AsyncSession, ticket: Ticket, comment: TicketComment, *, actor: UserRef | None, public_url: str
) -> TicketComment:
    """Store ``comment`` on ``ticket`` (locked by the caller), bump the ticket and announce it."""
    comment = await CommentRepository(session).add(comment)
    tickets = TicketRepository(session)
    await tickets.touch(ticket)
    if not comment.is_internal:
        await tickets.reindex(ticket.id)
    await emit(
        session,
        TicketCommented(
            source=SOURCE,
            subject=str(ticket.id),
            data=CommentedData(
                ticket=ticket_state(ticket, public_url),
                actor=actor,
                comment=CommentState(
                    id=comment.id,
                    author=user_ref(comment.author),
                    body=comment.comment,
                    is_internal=comment.is_internal,
                    parent_id=comment.parent_id,
                    created_at=comment.created_at,
                    origin=comment.origin,
                    external_author=comment.external_author,
                ),
            ),
        ),
    )
    return comment
