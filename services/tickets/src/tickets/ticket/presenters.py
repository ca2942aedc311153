"""Rows to response models."""

from collections.abc import Sequence

from tickets.events import ticket_url
from tickets.models import Ticket, TicketComment, TicketStatusHistory, User
from tickets.ticket.schemas import (
    CommentOut,
    StatusChangeOut,
    TicketDetail,
    TicketOut,
    TicketSummary,
    UserOut,
)


def user_out(user: User | None) -> UserOut | None:
    if user is None:
        return None
    return UserOut(id=user.id, username=user.username, display_name=user.display_name)


def ticket_out(ticket: Ticket, public_url: str) -> TicketOut:
    return TicketOut(
        id=ticket.id,
        ticket_number=ticket.ticket_number,
        type=ticket.type,
        title=ticket.title,
        description=ticket.description,
        severity=ticket.severity,
        category=ticket.category,
        status=ticket.status,
        priority=ticket.priority,
        reporter=user_out(ticket.reporter),
        assignee=user_out(ticket.assignee),
        github_issue_url=ticket.github_issue_url,
        url=ticket_url(public_url, ticket.ticket_number),
        version=ticket.version,
        created_at=ticket.created_at,
        updated_at=ticket.updated_at,
        resolved_at=ticket.resolved_at,
        closed_at=ticket.closed_at,
    )


def ticket_summary(ticket: Ticket, public_url: str) -> TicketSummary:
    return TicketSummary(
        id=ticket.id,
        ticket_number=ticket.ticket_number,
        type=ticket.type,
        title=ticket.title,
        severity=ticket.severity,
        category=ticket.category,
        status=ticket.status,
        priority=ticket.priority,
        url=ticket_url(public_url, ticket.ticket_number),
        created_at=ticket.created_at,
        updated_at=ticket.updated_at,
    )


def comment_out(comment: TicketComment) -> CommentOut:
    return CommentOut(
        id=comment.id,
        author=user_out(comment.author),
        comment=comment.comment,
        is_internal=comment.is_internal,
        parent_id=comment.parent_id,
        created_at=comment.created_at,
    )


def ticket_detail(
    ticket: Ticket,
    public_url: str,
    comments: Sequence[TicketComment],
    history: Sequence[TicketStatusHistory],
) -> TicketDetail:
    return TicketDetail(
        **ticket_out(ticket, public_url).model_dump(),
        comments=[comment_out(c) for c in comments],
        status_history=[
            StatusChangeOut(
                old_status=h.old_status,
                new_status=h.new_status,
                changed_by=user_out(h.changed_by),
                changed_at=h.changed_at,
            )
            for h in history
        ],
    )
