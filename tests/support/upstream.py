"""A stand-in service behind the gateway, to watch what the gateway forwards and how it streams."""

import asyncio
from collections.abc import AsyncIterator
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import StreamingResponse

MB = 1024 * 1024


class StandIn:
    def __init__(self) -> None:
        self.first_upload_chunk = asyncio.Event()
        self.download_may_go_on = asyncio.Event()
        self.released = asyncio.Event()
        self.seen: list[dict[str, Any]] = []


def stand_in_app(stand_in: StandIn, download_size: int = 10 * MB) -> FastAPI:
    app = FastAPI()

    @app.get("/healthz")
    async def healthz() -> dict[str, str]:
        return {"status": "ok"}

    @app.api_route("/api/v1/support/echo/{rest:path}", methods=["GET", "POST"])
    async def echo(request: Request) -> dict[str, Any]:
        seen = {
            "raw_path": request.scope["raw_path"].decode(),
            "query": request.scope["query_string"].decode(),
            "headers": dict(request.headers),
        }
        stand_in.seen.append(seen)
        return seen

    @app.post("/api/v1/support/upload")
    async def upload(request: Request) -> dict[str, int]:
        size = 0
        async for chunk in request.stream():
            size += len(chunk)
            if size:
                stand_in.first_upload_chunk.set()
        return {"bytes": size}

    @app.get("/api/v1/support/download")
    async def download() -> StreamingResponse:
        async def body() -> AsyncIterator[bytes]:
            yield b"x" * MB
            # Nothing more until the client has the first megabyte: a gateway that buffered the whole
            # answer would never deliver it, and this would time out.
            await asyncio.wait_for(stand_in.download_may_go_on.wait(), 30)
            for _ in range(download_size // MB - 1):
                yield b"x" * MB

        return StreamingResponse(body(), media_type="application/octet-stream")

    @app.get("/api/v1/support/slow")
    async def slow() -> dict[str, str]:
        await stand_in.released.wait()
        return {"status": "finally"}

    return app
