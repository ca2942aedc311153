"""A service that stops while its RabbitMQ connection is still being made, against the real broker."""

import asyncio

from devtools.servers import free_port
from devtools.tcpproxy import TcpProxy
from shared.broker import make_broker
from shared.lifecycle import BrokerLifecycle, background
from support.apps import eventually


def aio_pika_connecting(task: asyncio.Task[object]) -> bool:
    coro = repr(task.get_coro())
    return "connection_factory" in coro or "Connection.connect" in coro


class TestStoppingWhileConnecting:
    async def test_the_connection_being_made_is_closed_not_left_behind(self) -> None:
        # A broker slow to answer: the AMQP handshake is still under way when the service stops.
        proxy = TcpProxy("127.0.0.1", 5672, free_port(), delay=1.0)
        await proxy.open()
        url = f"amqp://guest:guest@127.0.0.1:{proxy.port}/"
        lifecycle = BrokerLifecycle(make_broker(url), url)
        others = asyncio.all_tasks()  # the suite's services keep their own connections meanwhile
        try:
            async with background(lifecycle.run):
                await eventually(lambda: asyncio.sleep(0, proxy.connections >= 1), within=5, interval=0.02)
            await lifecycle.stop()
            # Before, the half-made connection went on in an orphaned task: it finished its handshake
            # after the stop and stayed open (or was garbage-collected half-way, with asyncio's
            # "Task was destroyed but it is pending!", which failed an unrelated test in CI).
            await asyncio.sleep(1.5)
            assert proxy.connections == 0, f"{proxy.connections} connection(s) still open after the stop"
            assert [task for task in asyncio.all_tasks() - others if aio_pika_connecting(task)] == []
        finally:
            await proxy.close()
