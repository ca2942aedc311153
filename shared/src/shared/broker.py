"""RabbitMQ topology and the consumer wrapper every service uses.

Topology (names get the deployment's ``BROKER_PREFIX``):

* one durable topic exchange per publisher: ``tickets.events``, ``identity.events``, ``github.events``;
* one durable quorum queue per consuming service and exchange (``notifier.ticket-events`` …) with a
  delivery limit and a dead-letter queue (``….dlq``), so a poison message never blocks the others;
* per queue, delay queues (``….retry.5s`` …) whose expired messages dead-letter back into the work queue:
  a transient failure is retried later without spinning.

FastStream 0.7's default ack policy rejects a message on any exception, which drops or dead-letters it at
once; consumers here ack explicitly (``AckPolicy.MANUAL``) after their transaction commits.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from faststream import AckPolicy
from faststream.rabbit import (
    Channel,
    ExchangeType,
    QueueType,
    RabbitBroker,
    RabbitExchange,
    RabbitQueue,
)
from faststream.rabbit.annotations import RabbitMessage
from faststream.rabbit.opentelemetry import RabbitTelemetryMiddleware
from opentelemetry import trace

from shared.events import AnyEvent, UnknownEvent, parse_event
from shared.settings import redact_url

logger = logging.getLogger(__name__)

RETRY_HEADER = "x-retry-count"
DEFAULT_RETRY_DELAYS: tuple[int, ...] = (2, 10, 60, 300, 1800)


class BrokerUnreachable(RuntimeError):
    pass


def make_broker(url: str, *, prefetch: int = 16) -> RabbitBroker:
    """A broker with publisher confirms on, unroutable messages raising, and W3C trace propagation."""
    return RabbitBroker(
        url,
        default_channel=Channel(prefetch_count=prefetch, publisher_confirms=True, on_return_raises=True),
        middlewares=(RabbitTelemetryMiddleware(tracer_provider=trace.get_tracer_provider()),),
        graceful_timeout=15.0,
        logger=logging.getLogger("faststream"),
    )


async def connect_or_explain(broker: RabbitBroker, url: str) -> None:
    """Connect, or raise :class:`BrokerUnreachable` with one line naming the setting."""
    try:
        await broker.connect()
    except Exception as exc:
        raise BrokerUnreachable(
            f"cannot reach RabbitMQ at AMQP_URL={redact_url(url)}: {exc or type(exc).__name__}"
        ) from exc


def exchange_name(prefix: str, logical: str) -> str:
    return f"{prefix}{logical}.events"


def unrouted_name(prefix: str) -> str:
    return f"{prefix}unrouted"


def events_exchange(prefix: str, logical: str) -> RabbitExchange:
    """A publisher's topic exchange. What no queue is bound for goes to the alternate exchange rather
    than back to the publisher: one event type nobody consumes yet must not hold up the outbox."""
    return RabbitExchange(
        exchange_name(prefix, logical),
        type=ExchangeType.TOPIC,
        durable=True,
        arguments={"alternate-exchange": unrouted_name(prefix)},
    )


async def declare_events_exchange(broker: RabbitBroker, prefix: str, logical: str) -> None:
    """The exchange, its alternate exchange and the queue that keeps what was unroutable."""
    alternate = await broker.declare_exchange(
        RabbitExchange(unrouted_name(prefix), type=ExchangeType.FANOUT, durable=True)
    )
    # Parked unroutable events: kept a week, at most 100,000, oldest dropped first. An admin can read them.
    parked = await broker.declare_queue(
        RabbitQueue(
            unrouted_name(prefix),
            durable=True,
            arguments={
                "x-message-ttl": 7 * 24 * 3600 * 1000,
                "x-max-length": 100_000,
                "x-overflow": "drop-head",
            },
        )
    )
    await parked.bind(alternate)
    await broker.declare_exchange(events_exchange(prefix, logical))


def dead_letter_exchange(prefix: str) -> RabbitExchange:
    return RabbitExchange(f"{prefix}dead-letter", type=ExchangeType.DIRECT, durable=True)


@dataclass(frozen=True)
class ConsumerTopology:
    """The queues behind one consuming service's subscription to one exchange."""

    prefix: str
    service: str
    source: str  # logical exchange: tickets, identity, github
    # Routing-key patterns, e.g. ("ticket.#",); a consumer binds only what it handles, so nothing it does
    # not need (a password-reset link, say) ever sits in its queue.
    bindings: tuple[str, ...]
    delivery_limit: int = 10
    retry_delays: tuple[int, ...] = DEFAULT_RETRY_DELAYS

    @property
    def queue_name(self) -> str:
        singular = {"tickets": "ticket", "identity": "identity", "github": "github"}[self.source]
        return f"{self.prefix}{self.service}.{singular}-events"

    @property
    def dlq_name(self) -> str:
        return f"{self.queue_name}.dlq"

    def retry_queue_name(self, delay: int) -> str:
        return f"{self.queue_name}.retry.{delay}s"

    def work_queue(self) -> RabbitQueue:
        return RabbitQueue(
            self.queue_name,
            queue_type=QueueType.QUORUM,
            durable=True,
            routing_key=self.bindings[0],
            arguments={
                "x-delivery-limit": self.delivery_limit,
                "x-dead-letter-exchange": dead_letter_exchange(self.prefix).name,
                "x-dead-letter-routing-key": self.queue_name,
                "x-dead-letter-strategy": "at-least-once",
                "x-overflow": "reject-publish",
            },
        )

    async def declare_side_queues(self, broker: RabbitBroker) -> None:
        """The dead-letter queue and the delay queues; the work queue comes with the subscriber."""
        await declare_events_exchange(broker, self.prefix, self.source)
        if len(self.bindings) > 1:
            work = await broker.declare_queue(self.work_queue())
            for key in self.bindings[1:]:
                await work.bind(exchange_name(self.prefix, self.source), routing_key=key)
        dlx = await broker.declare_exchange(dead_letter_exchange(self.prefix))
        dlq = await broker.declare_queue(
            RabbitQueue(self.dlq_name, queue_type=QueueType.QUORUM, durable=True)
        )
        await dlq.bind(dlx, routing_key=self.queue_name)
        for delay in self.retry_delays:
            await broker.declare_queue(
                RabbitQueue(
                    self.retry_queue_name(delay),
                    durable=True,
                    arguments={
                        "x-message-ttl": delay * 1000,
                        "x-dead-letter-exchange": "",
                        "x-dead-letter-routing-key": self.queue_name,
                    },
                )
            )


class PermanentFailure(Exception):
    """Raised by a handler for a message that will never succeed: it goes to the dead-letter queue."""


EventHandler = Callable[[AnyEvent], Awaitable[None]]


@dataclass
class EventConsumer:
    """Subscribes one handler to one exchange with explicit acks, delayed retries and dead-lettering.

    The handler records the event id in its own inbox table in the same transaction as its effect, so a
    redelivery is harmless; this wrapper only decides what happens to the message afterwards.
    """

    topology: ConsumerTopology
    handler: EventHandler
    max_retries: int = 12
    _broker: RabbitBroker | None = field(default=None, init=False)

    def register(self, broker: RabbitBroker) -> None:
        self._broker = broker
        exchange = events_exchange(self.topology.prefix, self.topology.source)
        broker.subscriber(self.topology.work_queue(), exchange, ack_policy=AckPolicy.MANUAL)(self._on_message)

    async def declare(self) -> None:
        assert self._broker is not None, "register() first"
        await self.topology.declare_side_queues(self._broker)

    async def _on_message(self, msg: RabbitMessage) -> None:
        try:
            event = parse_event(msg.body)
        except UnknownEvent as exc:
            logger.error("dead-lettering unparseable message %s: %s", msg.message_id, exc)
            await msg.reject(requeue=False)
            return
        try:
            await self.handler(event)
        except PermanentFailure as exc:
            logger.error("dead-lettering %s %s: %s", event.type, event.id, exc)
            await msg.reject(requeue=False)
        except Exception as exc:
            await self._retry_later(msg, event, exc)
        else:
            await msg.ack()

    async def _retry_later(self, msg: RabbitMessage, event: AnyEvent, exc: Exception) -> None:
        headers: dict[str, Any] = dict(msg.headers or {})
        count = int(headers.get(RETRY_HEADER, 0)) + 1
        if count > self.max_retries:
            logger.error("giving up on %s %s after %d tries: %s", event.type, event.id, count, exc)
            await msg.reject(requeue=False)
            return
        delays = self.topology.retry_delays
        delay = delays[min(count - 1, len(delays) - 1)]
        logger.warning(
            "%s %s failed (%s: %s); retry %d in %ds",
            event.type,
            event.id,
            type(exc).__name__,
            exc,
            count,
            delay,
        )
        headers[RETRY_HEADER] = count
        headers.pop("x-death", None)
        try:
            assert self._broker is not None
            await self._broker.publish(
                msg.body,
                queue=self.topology.retry_queue_name(delay),
                headers=headers,
                message_id=msg.message_id,
                content_type=msg.content_type,
                persist=True,
            )
        except Exception:
            logger.exception("could not schedule a retry; returning the message to the queue")
            await msg.nack(requeue=True)
            return
        await msg.ack()


def register_consumers(broker: RabbitBroker, consumers: Sequence[EventConsumer]) -> None:
    for consumer in consumers:
        consumer.register(broker)
