"""A new ticket arrives as JSON, or as a multipart form (the fields plus ``files``) when it brings
attachments. Both are validated by the same model, so both give the same 422s."""

import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

from fastapi import Request
from pydantic import ValidationError
from starlette.datastructures import FormData, UploadFile

from shared.problems import BadRequest, PayloadTooLarge, UnsupportedMediaType, validation_failed
from tickets.config import TicketsSettings
from tickets.ticket.schemas import TicketCreate

FORM_OVERHEAD = 1024 * 1024


@dataclass
class Intake:
    ticket: TicketCreate
    files: list[UploadFile] = field(default_factory=list)
    form: FormData | None = None

    async def close(self) -> None:
        """Uploaded files wait in temporary files until then."""
        if self.form is not None:
            await self.form.close()


@asynccontextmanager
async def read_ticket(request: Request, settings: TicketsSettings) -> AsyncIterator[Intake]:
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type == "multipart/form-data":
        intake = await _from_form(request, settings)
        try:
            yield intake
        finally:
            await intake.close()
        return
    if content_type in ("application/json", ""):
        try:
            data: Any = json.loads(await request.body())
        except (ValueError, UnicodeDecodeError) as exc:
            raise BadRequest("The request body is not valid JSON.", title="Malformed JSON") from exc
        yield Intake(_validated(data))
        return
    raise UnsupportedMediaType("Send the ticket as application/json, or as multipart/form-data with files.")


async def _from_form(request: Request, settings: TicketsSettings) -> Intake:
    limit = settings.max_attachments_per_ticket * settings.max_attachment_bytes + FORM_OVERHEAD
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise PayloadTooLarge(f"The upload is larger than {limit // (1024 * 1024)} MB in all.")
    form = await request.form(max_files=settings.max_attachments_per_ticket + 1, max_fields=30)
    try:
        fields = {k: v for k, v in form.multi_items() if isinstance(v, str) and k != "files"}
        files = [f for f in form.getlist("files") if isinstance(f, UploadFile)]
        extra = [k for k, v in form.multi_items() if not isinstance(v, str) and k != "files"]
        fields.update({k: "" for k in extra})  # reported as unknown fields below
        return Intake(_validated(fields), files, form)
    except BaseException:
        await form.close()
        raise


def _validated(data: Any) -> TicketCreate:
    try:
        return TicketCreate.model_validate(data)
    except ValidationError as exc:
        raise validation_failed(
            [{**e, "loc": ("body", *e["loc"])} for e in exc.errors(include_url=False)]
        ) from exc
