"""Background work a service runs beside its HTTP app: the broker connection and worker loops."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Awaitable, Callable, Coroutine, Sequence
from typing import Any
from urllib.parse import urlsplit

from faststream.rabbit import RabbitBroker

from shared.settings import redact_url

logger = logging.getLogger(__name__)


class BrokerLifecycle:
    """Starts the broker (connection, declarations, subscribers), retrying while RabbitMQ is away.

    A service keeps answering HTTP while the broker is unreachable; ``/readyz`` says so, and the outbox
    holds events until ``ready`` is set.
    """

    def __init__(
        self,
        broker: RabbitBroker,
        url: str,
        *,
        after_start: Sequence[Callable[[], Awaitable[None]]] = (),
        retry_interval: float = 2.0,
        start_grace: float = 8.0,
    ) -> None:
        self.broker = broker
        self.url = url
        self.after_start = list(after_start)
        self.retry_interval = retry_interval
        self.start_grace = start_grace  # under background()'s 10 s, so stop() still runs after it
        self.ready = asyncio.Event()

    async def _reachable(self) -> bool:
        """A plain TCP probe first: a refused connection then never becomes a half-built AMQP client
        (whose garbage-collected remains would try to close themselves outside the event loop)."""
        parts = urlsplit(self.url)
        port = parts.port or (5671 if parts.scheme == "amqps" else 5672)
        try:
            host = parts.hostname or "localhost"
            _, writer = await asyncio.wait_for(asyncio.open_connection(host, port), 3)
        except (OSError, TimeoutError):
            return False
        writer.close()
        with contextlib.suppress(OSError):
            await writer.wait_closed()
        return True

    async def _start(self) -> None:
        await self.broker.start()
        for step in self.after_start:
            await step()

    async def _attempt(self) -> None:
        """One start, which a stop does not cut in the middle.

        Cancelling aio-pika while it connects orphans its reconnection task: the connection finishes its
        handshake after the service stopped and stays open, unowned (or is garbage-collected half-made).
        So a stop waits for the attempt, a bounded time, and ``stop()`` then closes what it made.
        """
        attempt = asyncio.create_task(self._start(), name="broker start")
        try:
            await asyncio.shield(attempt)
        except asyncio.CancelledError:
            with contextlib.suppress(Exception, asyncio.CancelledError):
                await asyncio.wait_for(attempt, self.start_grace)
            raise

    async def run(self) -> None:
        warned = False
        while True:
            try:
                if not await self._reachable():
                    raise ConnectionRefusedError("the port does not accept connections")
                await self._attempt()
            except Exception as exc:
                if not warned:
                    logger.warning(
                        "cannot reach RabbitMQ at AMQP_URL=%s (%s); retrying every %.0fs",
                        redact_url(self.url),
                        exc or type(exc).__name__,
                        self.retry_interval,
                    )
                    warned = True
                await asyncio.sleep(self.retry_interval)
                continue
            if warned:
                logger.info("connected to RabbitMQ at %s", redact_url(self.url))
            self.ready.set()
            return

    async def check(self) -> None:
        """For ``/readyz``: raise unless the broker is connected."""
        if not self.ready.is_set():
            raise ConnectionError("not connected yet")
        if not await self.broker.ping(timeout=2.0):
            raise ConnectionError("connection lost; reconnecting")

    async def stop(self, within: float = 12.0) -> None:
        """Stop consuming and close the connection; handlers get a moment to finish, not forever."""
        try:
            await asyncio.wait_for(self.broker.stop(), within)
        except TimeoutError:
            logger.warning("the broker connection did not close within %.0fs; leaving it", within)
        except Exception:
            logger.exception("closing the broker connection failed")


@contextlib.asynccontextmanager
async def background(
    *jobs: Callable[[], Coroutine[Any, Any, None]],
) -> AsyncIterator[list[asyncio.Task[None]]]:
    """Run ``jobs`` as tasks for the lifetime of the block; cancel them when it ends."""
    tasks = [asyncio.create_task(job(), name=getattr(job, "__qualname__", "job")) for job in jobs]
    for task in tasks:
        task.add_done_callback(_log_crash)
    try:
        yield tasks
    finally:
        for task in tasks:
            task.cancel()
        # A shutdown has a deadline (Kubernetes' grace period): wait a bounded time for the tasks.
        _, stuck = await asyncio.wait(tasks, timeout=10)
        for task in stuck:
            logger.warning("background task %s did not stop within 10s", task.get_name())


def _log_crash(task: asyncio.Task[None]) -> None:
    if not task.cancelled() and task.exception() is not None:
        logger.error("background task %s stopped", task.get_name(), exc_info=task.exception())
