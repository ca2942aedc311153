"""Send a request line exactly as written: HTTP clients tidy "/a/../b" away before it leaves, attackers
do not."""

import asyncio
from urllib.parse import urlsplit


async def raw_get(base_url: str, target: str, headers: dict[str, str]) -> tuple[int, bytes]:
    """GET ``target`` verbatim; the status code and the body."""
    parts = urlsplit(base_url)
    reader, writer = await asyncio.open_connection(parts.hostname, parts.port)
    lines = [f"GET {target} HTTP/1.1", f"Host: {parts.netloc}", "Connection: close"]
    lines += [f"{name}: {value}" for name, value in headers.items()]
    writer.write(("\r\n".join(lines) + "\r\n\r\n").encode())
    await writer.drain()
    response = await asyncio.wait_for(reader.read(), 30)
    writer.close()
    await writer.wait_closed()
    head, _, body = response.partition(b"\r\n\r\n")
    return int(head.split(b" ", 2)[1]), body
