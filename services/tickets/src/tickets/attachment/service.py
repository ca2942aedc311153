"""Storing uploads: checked by name and content, streamed to storage with a size cap, and removed again
if the transaction that should record them fails."""

import hashlib
import uuid
from collections.abc import AsyncIterator, Sequence
from datetime import UTC, datetime

from starlette.datastructures import UploadFile

from shared.problems import FieldError, PayloadTooLarge, ValidationFailed
from tickets.attachment.storage import CHUNK, LocalStorage, S3Storage, Storage
from tickets.attachment.validation import FIELD, check_content, clean_filename, kind_of
from tickets.config import TicketsSettings
from tickets.models import TicketAttachment

HEAD = 8192


def make_storage(settings: TicketsSettings) -> Storage:
    if settings.attachments_storage == "s3":
        if not settings.s3_bucket:
            raise ValueError("ATTACHMENTS_STORAGE=s3 needs S3_BUCKET")
        return S3Storage(
            settings.s3_bucket,
            endpoint_url=settings.s3_endpoint_url,
            region=settings.s3_region,
            aws_access_key_id=settings.s3_access_key_id,
            aws_secret_access_key=settings.s3_secret_access_key,
        )
    return LocalStorage(settings.attachments_dir)


class Attachments:
    def __init__(self, storage: Storage, settings: TicketsSettings) -> None:
        self.storage = storage
        self.max_bytes = settings.max_attachment_bytes
        self.max_count = settings.max_attachments_per_ticket

    async def store(
        self,
        ticket_id: uuid.UUID,
        uploader_id: uuid.UUID,
        uploads: Sequence[UploadFile],
        *,
        existing: int,
    ) -> list[TicketAttachment]:
        """Store every upload or none, and return their rows (not yet added to a session): the caller
        adds them once their ticket exists and commits, or calls :meth:`discard` if it cannot."""
        if existing + len(uploads) > self.max_count:
            raise ValidationFailed.one(
                FIELD,
                f"a ticket holds at most {self.max_count} attachments (it has {existing}, "
                f"{len(uploads)} more sent)",
                "too_many_files",
            )
        stored: list[TicketAttachment] = []
        try:
            for upload in uploads:
                stored.append(await self._store_one(ticket_id, uploader_id, upload))
        except BaseException:
            await self.discard(stored)
            raise
        return stored

    async def _store_one(
        self, ticket_id: uuid.UUID, uploader_id: uuid.UUID, upload: UploadFile
    ) -> TicketAttachment:
        filename = clean_filename(upload.filename)
        kind = kind_of(filename)
        head = await upload.read(HEAD)
        check_content(filename, kind, head)
        attachment_id = uuid.uuid4()
        key = f"{ticket_id}/{attachment_id}"
        digest = hashlib.sha256()
        size = 0

        async def chunks() -> AsyncIterator[bytes]:
            nonlocal size
            data = head
            while data:
                size += len(data)
                if size > self.max_bytes:
                    raise PayloadTooLarge(
                        f"{filename!r} is larger than {self.max_bytes // (1024 * 1024)} MB",
                        extra={
                            "errors": [
                                FieldError(
                                    field=FIELD, message="file too large", type="file_size"
                                ).model_dump()
                            ]
                        },
                    )
                digest.update(data)
                yield data
                data = await upload.read(CHUNK)

        await self.storage.save(key, chunks())
        return TicketAttachment(
            id=attachment_id,
            ticket_id=ticket_id,
            uploaded_by=uploader_id,
            filename=filename,
            file_path=key,
            file_size_bytes=size,
            mime_type=kind.mime,
            sha256=digest.hexdigest(),
            # Not the transaction's now(): files sent together keep the order they were sent in.
            uploaded_at=datetime.now(UTC),
        )

    async def discard(self, attachments: Sequence[TicketAttachment]) -> None:
        for attachment in attachments:
            await self.storage.delete(attachment.file_path)
