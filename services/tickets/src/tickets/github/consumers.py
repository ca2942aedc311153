"""What GitHub says about a ticket's issue, applied to the ticket.

Closing the issue resolves the ticket (the reporter can still accept or reopen it), reopening it opens
the ticket again, and a comment there becomes a public comment here, credited to its GitHub login.
Each change emits the same events a change made here would, so email and webhooks follow; the sync
recognises those events as echoes and does not send them back (see docs/adr/0013-two-way-github-sync.md).
"""

from dataclasses import dataclass

from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from shared.events import (
    AnyEvent,
    GitHubCommentCreated,
    GitHubIssueClosed,
    GitHubIssueLinked,
    GitHubIssueReopened,
)
from tickets import workflow
from tickets.changes import Changes
from tickets.comment.schemas import COMMENT_MAX
from tickets.comment.service import record_comment
from tickets.models import Ticket, TicketComment
from tickets.ticket.repository import TicketRepository

TRUNCATED = "\n\n… (truncated; the whole comment is on GitHub: {url})"


@dataclass
class GitHubEvents:
    public_url: str

    async def __call__(self, session: AsyncSession, event: AnyEvent) -> None:
        if isinstance(event, GitHubIssueLinked):
            await session.execute(
                update(Ticket)
                .where(Ticket.id == event.data.ticket_id)
                .values(github_issue_url=event.data.issue_url, version=Ticket.version + 1)
            )
        elif isinstance(event, GitHubIssueClosed | GitHubIssueReopened):
            await self.follow_state(session, event)
        elif isinstance(event, GitHubCommentCreated):
            await self.add_comment(session, event)

    async def follow_state(
        self, session: AsyncSession, event: GitHubIssueClosed | GitHubIssueReopened
    ) -> None:
        found = await TicketRepository(session).many_for_update([event.data.ticket_id])
        if not found:
            return
        ticket = found[0]
        if isinstance(event, GitHubIssueClosed):
            if ticket.status not in workflow.ACTIVE:
                return  # resolved or closed here already
            target: workflow.Status = "resolved"
        else:
            if ticket.status in workflow.ACTIVE:
                return  # open here already
            target = "open"
        await Changes(session, None, self.public_url).set_status([ticket], target, actor="admin")

    async def add_comment(self, session: AsyncSession, event: GitHubCommentCreated) -> None:
        data = event.data
        ticket = await TicketRepository(session).find(data.ticket_id, for_update=True)
        if ticket is None:
            return
        body = data.body
        if len(body) > COMMENT_MAX:
            tail = TRUNCATED.format(url=data.html_url)
            body = body[: COMMENT_MAX - len(tail)] + tail
        await record_comment(
            session,
            ticket,
            TicketComment(
                ticket_id=ticket.id,
                user_id=None,
                comment=body,
                is_internal=False,
                origin="github",
                external_author=data.author_login[:100],
            ),
            actor=None,
            public_url=self.public_url,
        )
