import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx
from fastapi import FastAPI

from github_sync.config import SERVICE, GitHubSyncSettings
from github_sync.inbound.endpoints import router as inbound_router
from github_sync.issue.client import GitHubClient
from github_sync.issue.consumers import on_ticket_event
from github_sync.issue.endpoints import router
from github_sync.issue.tasks import TaskRunner
from github_sync.models import InboxEntry, OutboxMessage, SyncTask
from shared.app import create_service_app
from shared.events import TICKETS_EXCHANGE
from shared.jobs import JobWorker
from shared.service import ServiceRuntime
from shared.telemetry import setup_tracing

logger = logging.getLogger(__name__)


def create_app(settings: GitHubSyncSettings | None = None) -> FastAPI:
    settings = settings or GitHubSyncSettings()
    setup_tracing(SERVICE)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        runtime = ServiceRuntime(SERVICE, settings)
        runtime.relay(OutboxMessage)
        http = httpx.AsyncClient(timeout=httpx.Timeout(settings.github_timeout), trust_env=False)
        if settings.github_token and settings.github_repository:
            client = GitHubClient(
                http,
                api_url=settings.github_api_url,
                token=settings.github_token,
                repository=settings.github_repository,
            )
            worker = JobWorker(
                name="github",
                sessionmaker=runtime.sessionmaker,
                model=SyncTask,
                perform=TaskRunner(settings, client),
                schedule=settings.github_retry_schedule,
                # GitHub asks integrations to make their calls one at a time.
                concurrency=1,
            )
            runtime.consume(
                source=TICKETS_EXCHANGE, binding="ticket.#", inbox=InboxEntry, handle=on_ticket_event
            )
            runtime.run(worker.run)
        else:
            logger.info("GitHub sync is off: set GITHUB_TOKEN and GITHUB_REPOSITORY to turn it on")
        try:
            async with runtime.running(app):
                yield
        finally:
            await http.aclose()

    app = create_service_app(
        service=SERVICE,
        title="Revenge Support — GitHub sync",
        description="Mirrors tickets to GitHub issues, and GitHub's closes, reopens and comments back.",
        lifespan=lifespan,
    )
    app.include_router(router)
    app.include_router(inbound_router)
    return app
