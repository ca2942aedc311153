from typing import Annotated

from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel
from sqlalchemy import func, select

from github_sync.config import GitHubSyncSettings
from github_sync.models import IssueLink, SyncTask
from shared.dependencies import DbSession
from shared.internal_auth import AdminUser
from shared.problems import Forbidden, Unauthorized, problem_responses

router = APIRouter(prefix="/api/v1/admin/github", tags=["github"])


def settings_of(request: Request) -> GitHubSyncSettings:
    settings: GitHubSyncSettings = request.app.state.settings
    return settings


class SyncStatus(BaseModel):
    enabled: bool
    # Whether GitHub's deliveries are taken (GITHUB_WEBHOOK_SECRET is set): closes, reopens, comments.
    webhook_enabled: bool
    repository: str | None
    api_url: str
    linked_issues: int
    tasks: dict[str, int]


@router.get(
    "/status",
    summary="Whether GitHub sync is on, and how its work stands",
    responses=problem_responses(Unauthorized, Forbidden),
)
async def sync_status(
    admin: AdminUser,
    session: DbSession,
    settings: Annotated[GitHubSyncSettings, Depends(settings_of)],
) -> SyncStatus:
    links = await session.scalar(select(func.count()).select_from(IssueLink)) or 0
    rows = await session.execute(select(SyncTask.status, func.count()).group_by(SyncTask.status))
    tasks = {str(status): int(count) for status, count in rows}
    return SyncStatus(
        enabled=settings.enabled,
        webhook_enabled=settings.github_webhook_secret is not None,
        repository=settings.github_repository,
        api_url=settings.github_api_url,
        linked_issues=links,
        tasks=tasks,
    )
