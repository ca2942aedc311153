"""Carries out sync tasks against GitHub.

Creating an issue is the one call that must never be doubled: if an earlier attempt may have created it
(a timeout, a lost response), the runner first looks for an issue that carries this ticket's marker.
The link and the event that tells the tickets service are written in one transaction.
"""

import logging

from sqlalchemy.ext.asyncio import AsyncSession

from github_sync.config import SERVICE, GitHubSyncSettings
from github_sync.issue.client import GitHubClient, Issue
from github_sync.issue.render import issue_body, issue_title, marker
from github_sync.models import IssueLink, OutboxMessage, SyncTask
from shared import outbox
from shared.events import GITHUB_EXCHANGE, GitHubIssueLinked, GitHubIssueLinkedData, TicketState
from shared.jobs import GiveUp

logger = logging.getLogger(__name__)


class TaskRunner:
    def __init__(self, settings: GitHubSyncSettings, client: GitHubClient) -> None:
        self.settings = settings
        self.client = client

    async def __call__(self, session: AsyncSession, task: SyncTask) -> None:
        if task.kind == "create_issue":
            await self.create_issue(session, task)
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
