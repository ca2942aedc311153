"""A TCP proxy that can refuse or cut connections: how tests take RabbitMQ away and give it back."""

from __future__ import annotations

import asyncio
import contextlib


class TcpProxy:
    """Forwards ``127.0.0.1:<port>`` to a target while open; refuses connections while closed.

    With ``delay``, each accepted connection waits that long before it reaches the target: a slow
    network, or a broker under load that takes its time to answer.
    """

    def __init__(self, target_host: str, target_port: int, port: int, *, delay: float = 0.0) -> None:
        self.target_host = target_host
        self.target_port = target_port
        self.port = port
        self.delay = delay
        self._server: asyncio.Server | None = None
        self._pipes: set[asyncio.Task[None]] = set()
        self._writers: set[asyncio.StreamWriter] = set()
        self._clients: set[asyncio.StreamWriter] = set()

    @property
    def is_open(self) -> bool:
        return self._server is not None

    async def open(self) -> None:
        if self._server is None:
            self._server = await asyncio.start_server(
                self._on_client, "127.0.0.1", self.port, reuse_address=True
            )

    async def close(self) -> None:
        """Stop accepting and cut every connection, as if the target went down."""
        if self._server is not None:
            self._server.close()
            self._server = None
        for writer in list(self._writers):
            writer.close()
        for task in list(self._pipes):
            task.cancel()
        for task in list(self._pipes):
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task
        self._writers.clear()
        self._clients.clear()

    @property
    def connections(self) -> int:
        """Client connections accepted and not yet closed by either side."""
        return sum(not writer.is_closing() for writer in self._clients)

    async def _on_client(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self._clients.add(writer)
        if self.delay:
            await asyncio.sleep(self.delay)
        try:
            up_reader, up_writer = await asyncio.open_connection(self.target_host, self.target_port)
        except OSError:
            writer.close()
            return
        self._writers.update((writer, up_writer))
        for src, dst in ((reader, up_writer), (up_reader, writer)):
            task = asyncio.create_task(self._pipe(src, dst))
            self._pipes.add(task)
            task.add_done_callback(self._pipes.discard)

    async def _pipe(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while data := await reader.read(65536):
                writer.write(data)
                await writer.drain()
        except (ConnectionError, OSError):
            pass
        finally:
            writer.close()
            self._writers.discard(writer)
            self._clients.discard(writer)
