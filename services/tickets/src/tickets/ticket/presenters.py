"""Rows to response models. Markdown is rendered (and sanitised) here, on the way out."""

from collections.abc import Sequence

from tickets import workflow
from tickets.events import ticket_url
from tickets.markdown import render
from tickets.models import Ticket, TicketAttachment, TicketComment, TicketLabel, TicketStatusHistory, User
from tickets.ticket.schemas import (
    AttachmentOut,
    CommentOut,
    LabelOut,
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


def label_out(label: TicketLabel) -> LabelOut:
    return LabelOut(id=label.id, name=label.name, color=label.color, description=label.description)


def ticket_out(ticket: Ticket, public_url: str) -> TicketOut:
    return TicketOut(
        id=ticket.id,
        ticket_number=ticket.ticket_number,
        type=ticket.type,
        title=ticket.title,
        description=ticket.description,
        description_html=render(ticket.description),
        severity=ticket.severity,
        category=ticket.category,
        status=ticket.status,
        priority=ticket.priority,
        reporter=user_out(ticket.reporter),
        assignee=user_out(ticket.assignee),
        labels=[label_out(label) for label in ticket.labels],
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
        comment_html=render(comment.comment),
        is_internal=comment.is_internal,
        is_resolution=comment.is_resolution,
        parent_id=comment.parent_id,
        origin=comment.origin,
        external_author=comment.external_author,
        created_at=comment.created_at,
    )


def attachment_out(attachment: TicketAttachment, base: str) -> AttachmentOut:
    return AttachmentOut(
        id=attachment.id,
        filename=attachment.filename,
        size_bytes=attachment.file_size_bytes,
        mime_type=attachment.mime_type,
        is_image=attachment.mime_type.startswith("image/"),
        uploaded_at=attachment.uploaded_at,
        url=f"{base}/attachments/{attachment.id}",
    )


def history_out(history: Sequence[TicketStatusHistory]) -> list[StatusChangeOut]:
    return [
        StatusChangeOut(
            old_status=h.old_status,
            new_status=h.new_status,
            changed_by=user_out(h.changed_by),
            changed_at=h.changed_at,
        )
        for h in history
    ]


def ticket_detail(
    ticket: Ticket,
    public_url: str,
    *,
    comments: Sequence[TicketComment],
    history: Sequence[TicketStatusHistory],
    attachments: Sequence[TicketAttachment],
    actor: workflow.Actor,
    api_base: str,
) -> TicketDetail:
    base = f"{api_base}/{ticket.ticket_number}"
    # Of the environment, only what the reporter typed goes back to them; the parsed browser and
    # user-agent facts are for the support team (the admin detail's ``environment``).
    environment = ticket.metadata_json or {}
    return TicketDetail(
        **ticket_out(ticket, public_url).model_dump(),
        comments=[comment_out(c) for c in comments],
        status_history=history_out(history),
        attachments=[attachment_out(a, base) for a in attachments],
        allowed_transitions=sorted(
            workflow.allowed(actor, ticket.status),  # type: ignore[arg-type]
            key=workflow.STATUSES.index,
        ),
        app_version=environment.get("app_version"),
        server_os=environment.get("server_os"),
    )
