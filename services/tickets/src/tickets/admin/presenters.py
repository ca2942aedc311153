import uuid
from collections.abc import Sequence

from sqlalchemy.ext.asyncio import AsyncSession

from tickets.admin.schemas import AdminTicketDetail, AdminTicketSummary, BulkAction, BulkOut, BulkResult
from tickets.models import Ticket
from tickets.ticket import presenters
from tickets.ticket.repository import TicketRepository


def admin_summary(ticket: Ticket, public_url: str) -> AdminTicketSummary:
    return AdminTicketSummary(
        **presenters.ticket_summary(ticket, public_url).model_dump(),
        reporter=presenters.user_out(ticket.reporter),
        assignee=presenters.user_out(ticket.assignee),
        labels=[presenters.label_out(label) for label in ticket.labels],
        version=ticket.version,
    )


async def admin_detail(
    session: AsyncSession, ticket: Ticket, public_url: str, api_base: str
) -> AdminTicketDetail:
    repo = TicketRepository(session)
    detail = presenters.ticket_detail(
        ticket,
        public_url,
        comments=await repo.comments(ticket.id, include_internal=True),
        history=await repo.status_history(ticket.id),
        attachments=await repo.attachments(ticket.id),
        actor="admin",
        api_base=api_base,
    )
    return AdminTicketDetail(**detail.model_dump(), environment=ticket.metadata_json or {})


def bulk_out(action: BulkAction, tickets: Sequence[Ticket], order: Sequence[uuid.UUID]) -> BulkOut:
    by_id = {t.id: t for t in tickets}
    return BulkOut(
        action=action,
        count=len(tickets),
        results=[
            BulkResult(
                ticket_id=i,
                ticket_number=by_id[i].ticket_number,
                status=by_id[i].status,
                version=by_id[i].version,
            )
            for i in order
        ],
    )
