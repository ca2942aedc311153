from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from notifier.config import SERVICE, NotifierSettings
from notifier.email.consumers import on_ticket_event
from notifier.email.sender import SmtpSender
from notifier.models import Email, InboxEntry
from notifier.preference.endpoints import router as preferences_router
from notifier.user.consumers import on_identity_event
from shared.app import create_service_app
from shared.events import IDENTITY_EXCHANGE, TICKETS_EXCHANGE
from shared.jobs import JobWorker
from shared.service import ServiceRuntime
from shared.telemetry import setup_tracing


def create_app(settings: NotifierSettings | None = None) -> FastAPI:
    settings = settings or NotifierSettings()
    setup_tracing(SERVICE)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        runtime = ServiceRuntime(SERVICE, settings)
        worker = JobWorker(
            name="email",
            sessionmaker=runtime.sessionmaker,
            model=Email,
            perform=SmtpSender(settings),
            schedule=settings.email_retry_schedule,
        )
        runtime.consume(
            source=IDENTITY_EXCHANGE,
            binding="user.#",
            inbox=InboxEntry,
            handle=on_identity_event(settings, worker.wake),
        )
        runtime.consume(
            source=TICKETS_EXCHANGE,
            binding="ticket.#",
            inbox=InboxEntry,
            handle=on_ticket_event(settings, worker.wake),
        )
        runtime.run(worker.run)
        async with runtime.running(app):
            yield

    app = create_service_app(
        service=SERVICE,
        title="Revenge Support — notifier",
        description="Turns ticket events into email; keeps each person's notification preferences.",
        lifespan=lifespan,
    )
    app.include_router(preferences_router)
    return app
