"""Carries out sync tasks against GitHub.

Creating an issue or a comment must never be doubled: if an earlier attempt may have created it (a
timeout, a lost response), the runner first looks for one that carries its marker. The link and the
event that tells the tickets service are written in one transaction.

A task about a ticket whose issue is still being created waits for it; a ticket that has no issue (it
was filed before the sync was turned on, or its creation failed for good) has nothing to sync.
"""

import logging
import uuid

from sqlalchemy import exists, select
from sqlalchemy.ext.asyncio import AsyncSession

from github_sync.config import SERVICE, GitHubSyncSettings
from github_sync.issue.client import Comment, GitHubClient, Issue
from github_sync.issue.render import comment_body, comment_marker, issue_body, issue_title, marker
from github_sync.models import CommentLink, IssueLink, OutboxMessage, SyncTask
from shared import outbox
from shared.events import (
    GITHUB_EXCHANGE,
    CommentState,
    GitHubIssueLinked,
    GitHubIssueLinkedData,
    TicketState,
)
from shared.jobs import GiveUp, RetryLater

logger = logging.getLogger(__name__)


class TaskRunner:
    def __init__(self, settings: GitHubSyncSettings, client: GitHubClient) -> None:
        self.settings = settings
        self.client = client

    async def __call__(self, session: AsyncSession, task: SyncTask) -> None:
        if task.kind == "create_issue":
            await self.create_issue(session, task)
        elif task.kind == "create_comment":
            await self.create_comment(session, task)
        elif task.kind == "sync_state":
            await self.sync_state(session, task)
        else:
            raise GiveUp(f"unknown task kind {task.kind!r}")

    async def create_issue(self, session: AsyncSession, task: SyncTask) -> None:
        ticket = TicketState.model_validate(task.payload["ticket"])
        if await session.get(IssueLink, ticket.id) is not None:
            return
        issue = await self._already_created(ticket) if task.attempts > 1 else None
        if issue is None:
            issue = await self.client.create_issue(
                issue_title(ticket),
                issue_body(ticket, self.settings.site_name),
                [self.settings.github_sync_label],
            )
        else:
            logger.info("ticket %s: adopting issue #%s from an earlier attempt", ticket.id, issue.number)
        session.add(
            IssueLink(
                ticket_id=ticket.id,
                ticket_number=ticket.ticket_number,
                repository=self.client.repository,
                issue_number=issue.number,
                issue_url=issue.html_url,
                issue_node_id=issue.node_id,
            )
        )
        await outbox.enqueue(
            session,
            OutboxMessage,
            GitHubIssueLinked(
                source=SERVICE,
                subject=str(ticket.id),
                data=GitHubIssueLinkedData(
                    ticket_id=ticket.id,
                    repository=self.client.repository,
                    issue_number=issue.number,
                    issue_url=issue.html_url,
                ),
            ),
            GITHUB_EXCHANGE,
        )

    async def _already_created(self, ticket: TicketState) -> Issue | None:
        wanted = marker(ticket)
        for issue in await self.client.recent_issues(self.settings.github_sync_label):
            if wanted in issue.body:
                return issue
        return None

    async def create_comment(self, session: AsyncSession, task: SyncTask) -> None:
        ticket = TicketState.model_validate(task.payload["ticket"])
        comment = CommentState.model_validate(task.payload["comment"])
        link = await self._link(session, ticket.id)
        if link is None:
            return
        if await session.scalar(select(exists().where(CommentLink.ticket_comment_id == comment.id))):
            return
        made = await self._comment_already_created(link, comment) if task.attempts > 1 else None
        if made is None:
            body = comment_body(ticket, comment, resolution=task.payload.get("resolution", False))
            made = await self.client.create_comment(link.issue_number, body)
        session.add(
            CommentLink(
                github_comment_id=made.id,
                ticket_comment_id=comment.id,
                ticket_id=ticket.id,
                origin="ticket",
            )
        )

    async def sync_state(self, session: AsyncSession, task: SyncTask) -> None:
        state: str = task.payload["state"]
        version: int = task.payload["version"]
        link = await self._link(session, task.ticket_id, for_update=True)
        if link is None or version <= link.state_version:
            return  # no issue, or a later change has been synced already
        if link.state_synced != state:
            reason = "completed" if state == "closed" else "reopened"
            await self.client.set_state(link.issue_number, state, reason)
            link.state_synced = state
        link.state_version = version

    async def _link(
        self, session: AsyncSession, ticket_id: uuid.UUID, *, for_update: bool = False
    ) -> IssueLink | None:
        """The ticket's issue; wait while it is being created, None if it never will be."""
        link = await session.get(IssueLink, ticket_id, with_for_update=for_update)
        if link is not None:
            return link
        creating = await session.scalar(
            select(
                exists().where(
                    SyncTask.ticket_id == ticket_id,
                    SyncTask.kind == "create_issue",
                    SyncTask.status == "pending",
                )
            )
        )
        if creating:
            raise RetryLater("the ticket's GitHub issue is still being created")
        return None

    async def _comment_already_created(self, link: IssueLink, comment: CommentState) -> Comment | None:
        wanted = comment_marker(comment)
        for made in await self.client.recent_comments(link.issue_number):
            if wanted in made.body:
                return made
        return None
