from pydantic import AliasChoices, Field, field_validator

from shared.settings import ServiceSettings

SERVICE = "notifier"


class NotifierSettings(ServiceSettings):
    port: int = Field(8002, validation_alias=AliasChoices("NOTIFIER_PORT", "PORT"))
    smtp_host: str = "127.0.0.1"
    smtp_port: int = 1025
    smtp_username: str | None = None
    smtp_password: str | None = None
    smtp_starttls: bool = False
    smtp_tls: bool = False
    smtp_timeout: float = 20.0
    smtp_from: str = "Revenge Support <support@localhost>"
    # Seconds between attempts at a mail the SMTP server did not take (4xx, timeouts).
    email_retry_schedule: tuple[float, ...] = (10, 60, 300, 1800, 7200, 21600)

    @field_validator("smtp_username", "smtp_password")
    @classmethod
    def _blank_is_none(cls, value: str | None) -> str | None:
        return value or None
