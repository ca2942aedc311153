import re

from pydantic import AliasChoices, Field, field_validator

from shared.settings import ServiceSettings

SERVICE = "github-sync"
REPOSITORY_RE = re.compile(r"^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$")


class GitHubSyncSettings(ServiceSettings):
    port: int = Field(8004, validation_alias=AliasChoices("GITHUB_SYNC_PORT", "PORT"))
    github_api_url: str = "https://api.github.com"
    github_token: str | None = None
    github_repository: str | None = None
    # The secret GitHub signs its webhook deliveries with; without it the webhook endpoint answers 404.
    github_webhook_secret: str | None = None
    # The GitHub App the sync acts as, if it is one: comments that App wrote are never imported.
    github_app_id: int | None = None
    github_sync_label: str = "revenge-ticket"
    # GitHub asks for timeouts well under its own 10 s webhook budget; httpx never times out unasked.
    github_timeout: float = 10.0
    github_retry_schedule: tuple[float, ...] = (10, 60, 300, 1800, 7200, 21600)

    @field_validator("github_token", "github_repository", "github_webhook_secret")
    @classmethod
    def _blank_is_none(cls, value: str | None) -> str | None:
        return value.strip() or None if value else None

    @field_validator("github_app_id", mode="before")
    @classmethod
    def _blank_app_is_none(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("github_repository")
    @classmethod
    def _owner_slash_name(cls, value: str | None) -> str | None:
        if value is not None and not REPOSITORY_RE.fullmatch(value):
            raise ValueError("GITHUB_REPOSITORY must look like owner/name")
        return value

    @field_validator("github_api_url")
    @classmethod
    def _no_trailing_slash(cls, value: str) -> str:
        return value.rstrip("/")

    @property
    def enabled(self) -> bool:
        return bool(self.github_token and self.github_repository)
