from pathlib import Path

from pydantic import AliasChoices, Field

from shared.settings import ServiceSettings

SERVICE = "tickets"


class TicketsSettings(ServiceSettings):
    port: int = Field(8001, validation_alias=AliasChoices("TICKETS_PORT", "PORT"))
    attachments_dir: Path = Path("var/attachments")
    max_attachment_bytes: int = 10 * 1024 * 1024
    max_attachments_per_ticket: int = 5
