"""The runtime every service shares: database, broker, consumers, outbox relay and worker loops.

A service's ``create_app`` builds a :class:`ServiceRuntime`, declares what it consumes and runs, and
enters :meth:`ServiceRuntime.running` from its lifespan.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Coroutine
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI
from sqlalchemy.ext.asyncio import AsyncSession

from shared.broker import ConsumerTopology, EventConsumer, make_broker
from shared.db import create_engine, create_sessionmaker, ping
from shared.events import AnyEvent
from shared.inbox import InboxMixin, idempotent
from shared.internal_auth import InternalTokenVerifier
from shared.lifecycle import BrokerLifecycle, background
from shared.outbox import OutboxMixin, OutboxRelay
from shared.settings import ServiceSettings

Check = Callable[[], Awaitable[None]]


class ServiceRuntime:
    def __init__(self, service: str, settings: ServiceSettings) -> None:
        self.service = service
        self.settings = settings
        self.engine = create_engine(
            settings.database_url, pool_size=settings.db_pool_size, application_name=service
        )
        self.sessionmaker = create_sessionmaker(self.engine)
        self.broker = make_broker(settings.amqp_url)
        self.lifecycle = BrokerLifecycle(self.broker, settings.amqp_url)
        self.consumers: list[EventConsumer] = []
        self.jobs: list[Callable[[], Coroutine[Any, Any, None]]] = []
        self.checks: dict[str, Check] = {
            "database": lambda: ping(self.engine),
            "broker": self.lifecycle.check,
        }

    def consume(
        self,
        *,
        source: str,
        binding: str | tuple[str, ...],
        inbox: type[InboxMixin],
        handle: Callable[[AsyncSession, AnyEvent], Awaitable[None]],
    ) -> None:
        """Subscribe ``handle`` to ``source``'s events; it runs once per event id, in a transaction."""
        bindings = (binding,) if isinstance(binding, str) else binding
        topology = ConsumerTopology(self.settings.broker_prefix, self.service, source, bindings)
        consumer = EventConsumer(
            topology,
            idempotent(self.sessionmaker, inbox, f"{self.service}.{source}", handle),
        )
        consumer.register(self.broker)
        self.lifecycle.after_start.append(consumer.declare)
        self.consumers.append(consumer)

    def relay(self, outbox: type[OutboxMixin]) -> OutboxRelay:
        relay = OutboxRelay(
            sessionmaker=self.sessionmaker,
            model=outbox,
            broker=self.broker,
            broker_ready=self.lifecycle.ready,
            prefix=self.settings.broker_prefix,
            database_url=self.settings.database_url,
        )
        self.jobs.append(relay.run)
        return relay

    def run(self, job: Callable[[], Coroutine[Any, Any, None]]) -> None:
        self.jobs.append(job)

    @asynccontextmanager
    async def running(self, app: FastAPI) -> AsyncIterator[None]:
        app.state.settings = self.settings
        app.state.sessionmaker = self.sessionmaker
        app.state.token_verifier = InternalTokenVerifier(self.settings.internal_jwt_public_key, self.service)
        app.state.ready_checks = self.checks
        try:
            async with background(self.lifecycle.run, *self.jobs):
                yield
        finally:
            await self.lifecycle.stop()
            await self.engine.dispose()
