from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from shared.events import AnyEvent, GitHubIssueLinked
from tickets.models import Ticket


async def on_github_event(session: AsyncSession, event: AnyEvent) -> None:
    if isinstance(event, GitHubIssueLinked):
        await session.execute(
            update(Ticket)
            .where(Ticket.id == event.data.ticket_id)
            .values(github_issue_url=event.data.issue_url, version=Ticket.version + 1)
        )
