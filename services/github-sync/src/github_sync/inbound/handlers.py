"""What a verified GitHub webhook delivery means for the helpdesk.

Each delivery is recorded by its GUID first (a redelivery keeps it, so it is dropped), then turned into
at most one event for the tickets service, in the same transaction. Echoes of our own changes are
dropped three ways (see docs/adr/0013-two-way-github-sync.md): a state that matches what we last set or
saw, a comment id we recorded, or a comment that carries our hidden marker.
"""

from typing import Any, TypeVar

from pydantic import ValidationError
from sqlalchemy import func, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from github_sync.config import SERVICE, GitHubSyncSettings
from github_sync.inbound.payloads import IssueCommentPayload, IssuesPayload, Repository
from github_sync.issue.render import COMMENT_MARKER_PREFIX
from github_sync.models import CommentLink, Delivery, IssueLink, OutboxMessage
from shared import outbox
from shared.events import (
    GITHUB_EXCHANGE,
    Envelope,
    GitHubCommentCreated,
    GitHubCommentData,
    GitHubIssueClosed,
    GitHubIssueReopened,
    GitHubIssueStateData,
)
from shared.problems import validation_failed

P = TypeVar("P", IssuesPayload, IssueCommentPayload)


async def record_delivery(session: AsyncSession, delivery_id: str, event: str, action: str | None) -> bool:
    """True the first time this delivery is seen. ON CONFLICT, not check-then-insert: two copies that
    arrive at once cannot both pass."""
    inserted = await session.scalar(
        insert(Delivery)
        .values(delivery_id=delivery_id, event=event, action=action, outcome="received")
        .on_conflict_do_nothing(index_elements=[Delivery.delivery_id])
        .returning(Delivery.delivery_id)
    )
    return inserted is not None


async def set_outcome(session: AsyncSession, delivery_id: str, outcome: str) -> None:
    await session.execute(
        update(Delivery).where(Delivery.delivery_id == delivery_id).values(outcome=outcome[:200])
    )


class Inbound:
    def __init__(self, settings: GitHubSyncSettings) -> None:
        self.settings = settings

    async def handle(self, session: AsyncSession, event: str, payload: dict[str, Any]) -> str:
        """Act on one delivery; the answer says what became of it."""
        if event == "ping":
            return "pong"
        if event == "issues":
            return await self.issue_state(session, _parse(IssuesPayload, payload))
        if event == "issue_comment":
            return await self.issue_comment(session, _parse(IssueCommentPayload, payload))
        return f"ignored: {event} events are not synced"

    async def issue_state(self, session: AsyncSession, payload: IssuesPayload) -> str:
        if payload.action not in ("closed", "reopened"):
            return f"ignored: issues.{payload.action} is not synced"
        if payload.issue.pull_request is not None:
            return "ignored: a pull request"
        link = await self._link(session, payload.repository, payload.issue.number)
        if link is None:
            return "ignored: not an issue of ours"
        state = "closed" if payload.action == "closed" else "open"
        if link.state_synced == state:
            return f"ignored: already {state} (our own change, or one we have passed on)"
        link.state_synced = state
        data = GitHubIssueStateData(
            ticket_id=link.ticket_id,
            repository=link.repository,
            issue_number=link.issue_number,
            state=state,
            state_reason=payload.issue.state_reason,
            actor_login=payload.sender.login,
        )
        kind = GitHubIssueClosed if state == "closed" else GitHubIssueReopened
        await _publish(session, kind(source=SERVICE, subject=str(link.ticket_id), data=data))
        return f"ticket {link.ticket_number} to be {'resolved' if state == 'closed' else 'reopened'}"

    async def issue_comment(self, session: AsyncSession, payload: IssueCommentPayload) -> str:
        if payload.action != "created":
            return f"ignored: issue_comment.{payload.action} is not synced"
        if payload.issue.pull_request is not None:
            return "ignored: a comment on a pull request"
        comment = payload.comment
        app = comment.performed_via_github_app
        if (
            app is not None
            and self.settings.github_app_id is not None
            and app.id == self.settings.github_app_id
        ):
            return "ignored: written by this helpdesk's GitHub App"
        body = comment.body or ""
        if COMMENT_MARKER_PREFIX in body:
            return "ignored: a comment this helpdesk mirrored"
        link = await self._link(session, payload.repository, payload.issue.number)
        if link is None:
            return "ignored: not an issue of ours"
        known = await session.scalar(
            insert(CommentLink)
            .values(github_comment_id=comment.id, ticket_id=link.ticket_id, origin="github")
            .on_conflict_do_nothing(index_elements=[CommentLink.github_comment_id])
            .returning(CommentLink.github_comment_id)
        )
        if known is None:
            return "ignored: a comment already synced"
        if not body.strip():
            return "ignored: an empty comment"
        author = comment.user.login if comment.user else payload.sender.login
        data = GitHubCommentData(
            ticket_id=link.ticket_id,
            repository=link.repository,
            issue_number=link.issue_number,
            comment_id=comment.id,
            author_login=author,
            body=body,
            html_url=comment.html_url,
            created_at=comment.created_at,
        )
        await _publish(session, GitHubCommentCreated(source=SERVICE, subject=str(link.ticket_id), data=data))
        return f"comment added to ticket {link.ticket_number}"

    async def _link(self, session: AsyncSession, repository: Repository, number: int) -> IssueLink | None:
        # Locked: a sync task setting this issue's state holds the row until its change is recorded,
        # so the webhook about that change finds state_synced already matching.
        link: IssueLink | None = await session.scalar(
            select(IssueLink)
            .where(
                func.lower(IssueLink.repository) == repository.full_name.lower(),
                IssueLink.issue_number == number,
            )
            .with_for_update()
        )
        return link


async def _publish(session: AsyncSession, event: Envelope) -> None:
    await outbox.enqueue(session, OutboxMessage, event, GITHUB_EXCHANGE)


def _parse(model: type[P], payload: dict[str, Any]) -> P:
    try:
        return model.model_validate(payload)
    except ValidationError as exc:
        raise validation_failed(exc.errors()) from exc
