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
    # Scheduled work (one replica at a time does it, under an advisory lock).
    escalate_critical_after_hours: float = 4.0
    auto_close_resolved_after_days: float = 14.0  # 0 turns auto-close off
    housekeeping_interval_seconds: float = 60.0
    s3_bucket: str | None = None
    s3_endpoint_url: str | None = None
    s3_region: str | None = None
    s3_access_key_id: str | None = None
    s3_secret_access_key: str | None = None
