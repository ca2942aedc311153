from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from shared.app import create_service_app
from shared.events import GITHUB_EXCHANGE, IDENTITY_EXCHANGE
from shared.service import ServiceRuntime
from shared.telemetry import setup_tracing
from tickets.admin.endpoints import router as admin_router
from tickets.attachment.service import Attachments, make_storage
from tickets.comment.endpoints import router as comments_router
from tickets.config import SERVICE, TicketsSettings
from tickets.github.consumers import GitHubEvents
from tickets.housekeeping import Housekeeping
from tickets.label.endpoints import router as labels_router
from tickets.models import InboxEntry, OutboxMessage
from tickets.ticket.endpoints import router as tickets_router
from tickets.ticket.schemas import TicketCreate
from tickets.user.consumers import on_identity_event

TAGS = [
    {"name": "tickets", "description": "A reporter's own tickets."},
    {"name": "comments", "description": "The conversation on a ticket."},
    {"name": "admin", "description": "Triage: every ticket, views, edits and bulk actions (admins only)."},
    {"name": "labels", "description": "Label management (admins only)."},
]


def create_app(settings: TicketsSettings | None = None) -> FastAPI:
    settings = settings or TicketsSettings()
    setup_tracing(SERVICE)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        runtime = ServiceRuntime(SERVICE, settings)
        runtime.consume(
            source=IDENTITY_EXCHANGE,
            binding=("user.created", "user.updated", "user.deleted"),
            inbox=InboxEntry,
            handle=on_identity_event,
        )
        runtime.consume(
            source=GITHUB_EXCHANGE,
            binding="github.#",
            inbox=InboxEntry,
            handle=GitHubEvents(settings.public_url),
        )
        runtime.relay(OutboxMessage)
        attachments = Attachments(make_storage(settings), settings)
        app.state.attachments = attachments
        runtime.run(Housekeeping(runtime.sessionmaker, settings, attachments).run)
        async with runtime.running(app):
            yield

    app = create_service_app(
        service=SERVICE,
        title="Revenge Support — tickets",
        description="Tickets, comments, labels, attachments and their history. Reached through the "
        "gateway, which forwards each request with a signed internal token.",
        lifespan=lifespan,
        openapi_tags=TAGS,
        extra_schemas=[TicketCreate],
    )
    app.include_router(tickets_router)
    app.include_router(comments_router)
    app.include_router(admin_router)
    app.include_router(labels_router)
    return app
