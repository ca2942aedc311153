from pathlib import Path
from typing import Literal

from pydantic import AliasChoices, Field

from shared.settings import ServiceSettings

SERVICE = "tickets"


class TicketsSettings(ServiceSettings):
    port: int = Field(8001, validation_alias=AliasChoices("TICKETS_PORT", "PORT"))
    attachments_storage: Literal["local", "s3"] = "local"
    attachments_dir: Path = Path("var/attachments")
    max_attachment_bytes: int = 10 * 1024 * 1024
    max_attachments_per_ticket: int = 5
    s3_bucket: str | None = None
    s3_endpoint_url: str | None = None
    s3_region: str | None = None
    s3_access_key_id: str | None = None
    s3_secret_access_key: str | None = None
