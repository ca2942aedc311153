"""Where attachment bytes live: a local directory by default, or any S3-compatible bucket.

Keys are ``<ticket id>/<attachment id>``: never derived from a user's filename, so no upload can name
its way out of the store.
"""

import os
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol

import anyio

CHUNK = 64 * 1024


class Storage(Protocol):
    async def save(self, key: str, data: AsyncIterator[bytes]) -> None: ...
    def read(self, key: str) -> AsyncIterator[bytes]: ...
    async def delete(self, key: str) -> None: ...
    def keys(self) -> AsyncIterator[tuple[str, datetime]]: ...


class LocalStorage:
    def __init__(self, root: Path) -> None:
        self.root = root

    def _path(self, key: str) -> Path:
        path = (self.root / key).resolve()
        if self.root.resolve() not in path.parents:
            raise ValueError(f"key {key!r} escapes the store")
        return path

    async def save(self, key: str, data: AsyncIterator[bytes]) -> None:
        path = self._path(key)
        await anyio.Path(path.parent).mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f".{path.name}.{uuid.uuid4().hex}.part")
        try:
            async with await anyio.open_file(partial, "wb") as out:
                async for chunk in data:
                    await out.write(chunk)
            # Readers never see half a file: it appears whole or not at all.
            await anyio.to_thread.run_sync(os.replace, partial, path)
        finally:
            await anyio.Path(partial).unlink(missing_ok=True)

    async def read(self, key: str) -> AsyncIterator[bytes]:
        async with await anyio.open_file(self._path(key), "rb") as source:
            while chunk := await source.read(CHUNK):
                yield chunk

    async def delete(self, key: str) -> None:
        await anyio.Path(self._path(key)).unlink(missing_ok=True)

    async def keys(self) -> AsyncIterator[tuple[str, datetime]]:
        """Every stored key with when it was written."""
        root = anyio.Path(self.root)
        if not await root.exists():
            return
        async for ticket_dir in root.iterdir():
            if await ticket_dir.is_dir():
                async for item in ticket_dir.iterdir():
                    if not item.name.startswith("."):
                        written = datetime.fromtimestamp((await item.stat()).st_mtime, UTC)
                        yield f"{ticket_dir.name}/{item.name}", written


class S3Storage:
    """Any S3-compatible store (AWS, MinIO, Ceph, Garage…), through aiobotocore."""

    def __init__(
        self, bucket: str, *, endpoint_url: str | None, region: str | None, **credentials: Any
    ) -> None:
        self.bucket = bucket
        self.endpoint_url = endpoint_url
        self.region = region
        self.credentials = {k: v for k, v in credentials.items() if v}

    def _client(self) -> Any:
        from aiobotocore.session import get_session  # imported only when S3 is configured

        return get_session().create_client(
            "s3", endpoint_url=self.endpoint_url, region_name=self.region, **self.credentials
        )

    async def save(self, key: str, data: AsyncIterator[bytes]) -> None:
        # Attachments are at most 10 MB: one buffer, one PUT (multipart uploads start at 5 MB parts).
        body = b"".join([chunk async for chunk in data])
        async with self._client() as s3:
            await s3.put_object(Bucket=self.bucket, Key=key, Body=body)

    async def read(self, key: str) -> AsyncIterator[bytes]:
        async with self._client() as s3:
            response = await s3.get_object(Bucket=self.bucket, Key=key)
            async with response["Body"] as stream:
                while chunk := await stream.read(CHUNK):
                    yield chunk

    async def delete(self, key: str) -> None:
        async with self._client() as s3:
            await s3.delete_object(Bucket=self.bucket, Key=key)

    async def keys(self) -> AsyncIterator[tuple[str, datetime]]:
        async with self._client() as s3:
            paginator = s3.get_paginator("list_objects_v2")
            async for page in paginator.paginate(Bucket=self.bucket):
                for item in page.get("Contents", []):
                    yield str(item["Key"]), item["LastModified"]
