"""RabbitMQ helpers for tests: unique names per run, a capture queue, and clean-up afterwards."""

import asyncio
import contextlib
import json
from collections.abc import AsyncIterator
from typing import Any

import aio_pika

from shared.broker import DEFAULT_RETRY_DELAYS, ConsumerTopology, exchange_name, unrouted_name
from shared.events import Envelope

AMQP_URL = "amqp://guest:guest@127.0.0.1:5672/"
CONSUMERS = (
    ("tickets", "identity"),
    ("tickets", "github"),
    ("notifier", "identity"),
    ("notifier", "tickets"),
    ("webhooks", "tickets"),
    ("github-sync", "tickets"),
)


async def delete_everything(prefix: str) -> None:
    """Remove every queue and exchange this run declared (they are durable: nothing else would)."""
    connection = await aio_pika.connect(AMQP_URL)
    async with connection:
        for service, source in CONSUMERS:
            topology = ConsumerTopology(prefix, service, source, ("#",))
            names = [topology.queue_name, topology.dlq_name]
            names += [topology.retry_queue_name(d) for d in DEFAULT_RETRY_DELAYS]
            for name in names:
                channel = await connection.channel()
                with contextlib.suppress(Exception):
                    await channel.queue_delete(name)
        for logical in ("tickets", "identity", "github"):
            channel = await connection.channel()
            with contextlib.suppress(Exception):
                await channel.exchange_delete(exchange_name(prefix, logical))
        for name in (f"{prefix}dead-letter", unrouted_name(prefix)):
            channel = await connection.channel()
            with contextlib.suppress(Exception):
                await channel.exchange_delete(name)
        channel = await connection.channel()
        with contextlib.suppress(Exception):
            await channel.queue_delete(unrouted_name(prefix))


async def events_exchange(
    channel: aio_pika.abc.AbstractChannel, prefix: str, logical: str
) -> aio_pika.abc.AbstractExchange:
    """Declared with exactly the services' arguments (RabbitMQ refuses a mismatched redeclaration)."""
    return await channel.declare_exchange(
        exchange_name(prefix, logical),
        aio_pika.ExchangeType.TOPIC,
        durable=True,
        arguments={"alternate-exchange": unrouted_name(prefix)},
    )


async def publish(prefix: str, logical_exchange: str, event: Envelope, message_id: str | None = None) -> None:
    """Publish an event the way a service's outbox relay does (persistent, confirmed)."""
    connection = await aio_pika.connect(AMQP_URL)
    async with connection:
        channel = await connection.channel(publisher_confirms=True)
        exchange = await events_exchange(channel, prefix, logical_exchange)
        await exchange.publish(
            aio_pika.Message(
                json.dumps(event.to_json_dict()).encode(),
                message_id=message_id or str(event.id),
                content_type="application/json",
                delivery_mode=aio_pika.DeliveryMode.PERSISTENT,
            ),
            routing_key=event.type,
        )


class Capture:
    """Every message routed to a temporary queue bound to an exchange."""

    def __init__(self) -> None:
        self.messages: list[aio_pika.abc.AbstractIncomingMessage] = []
        self._arrived = asyncio.Condition()

    @property
    def bodies(self) -> list[dict[str, Any]]:
        return [json.loads(m.body) for m in self.messages]

    async def add(self, message: aio_pika.abc.AbstractIncomingMessage) -> None:
        self.messages.append(message)
        async with self._arrived:
            self._arrived.notify_all()

    async def wait_for(self, count: int, within: float = 20.0) -> list[dict[str, Any]]:
        async def until() -> None:
            async with self._arrived:
                await self._arrived.wait_for(lambda: len(self.messages) >= count)

        await asyncio.wait_for(until(), within)
        return self.bodies


@contextlib.asynccontextmanager
async def capture(prefix: str, logical_exchange: str, binding: str = "#") -> AsyncIterator[Capture]:
    connection = await aio_pika.connect(AMQP_URL)
    async with connection:
        channel = await connection.channel()
        exchange = await events_exchange(channel, prefix, logical_exchange)
        queue = await channel.declare_queue(exclusive=True, auto_delete=True)
        await queue.bind(exchange, binding)
        result = Capture()

        async def on_message(message: aio_pika.abc.AbstractIncomingMessage) -> None:
            await message.ack()
            await result.add(message)

        await queue.consume(on_message)
        yield result
