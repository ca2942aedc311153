from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from shared.app import create_service_app
from shared.events import TICKETS_EXCHANGE
from shared.jobs import JobWorker
from shared.service import ServiceRuntime
from shared.telemetry import setup_tracing
from webhooks.config import SERVICE, WebhooksSettings
from webhooks.delivery.consumers import on_ticket_event
from webhooks.delivery.sender import WebhookSender, make_client
from webhooks.endpoint.endpoints import router
from webhooks.models import Delivery, InboxEntry


def create_app(settings: WebhooksSettings | None = None) -> FastAPI:
    settings = settings or WebhooksSettings()
    setup_tracing(SERVICE)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        runtime = ServiceRuntime(SERVICE, settings)
        client = make_client(settings)
        worker = JobWorker(
            name="webhooks",
            sessionmaker=runtime.sessionmaker,
            model=Delivery,
            perform=WebhookSender(settings, runtime.sessionmaker, client),
            schedule=settings.webhooks_retry_schedule,
            concurrency=settings.webhooks_concurrency,
        )
        runtime.consume(
            source=TICKETS_EXCHANGE,
            binding="ticket.#",
            inbox=InboxEntry,
            handle=on_ticket_event(settings.site_name, worker.wake),
        )
        runtime.run(worker.run)
        try:
            async with runtime.running(app):
                yield
        finally:
            await client.aclose()

    app = create_service_app(
        service=SERVICE,
        title="Revenge Support — webhooks",
        description="Webhook subscriptions (custom URLs signed per Standard Webhooks, Discord, Slack) "
        "and their deliveries.",
        lifespan=lifespan,
    )
    app.include_router(router)
    return app
