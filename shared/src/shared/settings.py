"""Settings every service reads from the environment.

Each service subclasses :class:`ServiceSettings` and adds its own. Every setting has a default that works
on a development machine with PostgreSQL and RabbitMQ on localhost; development-only secrets are refused
when ``ENVIRONMENT=production``.
"""

from __future__ import annotations

from typing import Literal
from urllib.parse import urlsplit, urlunsplit

from pydantic import field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from shared.dev_keys import DEV_INTERNAL_PUBLIC_KEY

Environment = Literal["development", "test", "production"]


def normalise_database_url(url: str) -> str:
    """Accept the URL forms people paste (``postgres://``, ``postgresql://``) and use asyncpg."""
    for prefix in (
        "postgres://",
        "postgresql://",
        "postgresql+psycopg://",
        "postgresql+psycopg2://",
    ):
        if url.startswith(prefix):
            return "postgresql+asyncpg://" + url[len(prefix) :]
    return url


def redact_url(url: str) -> str:
    """The URL with its password replaced, fit for an error message or a log line."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@", 1)
    return urlunsplit(parts._replace(netloc=netloc))


class ServiceSettings(BaseSettings):
    model_config = SettingsConfigDict(extra="ignore", case_sensitive=False)

    environment: Environment = "development"
    database_url: str = "postgresql+asyncpg://postgres@127.0.0.1:5432/revenge"
    amqp_url: str = "amqp://guest:guest@127.0.0.1:5672/"
    # Prepended to every exchange and queue name, so several installations (or test runs) can share
    # one RabbitMQ virtual host without seeing each other's messages.
    broker_prefix: str = ""
    public_url: str = "http://127.0.0.1:8000"
    site_name: str = "Revenge Support"
    internal_jwt_public_key: str = DEV_INTERNAL_PUBLIC_KEY
    host: str = "127.0.0.1"
    port: int = 8000
    log_level: str = "INFO"
    log_format: Literal["json", "text"] = "json"
    db_pool_size: int = 10

    @field_validator("database_url")
    @classmethod
    def _asyncpg_url(cls, value: str) -> str:
        return normalise_database_url(value)

    @field_validator("public_url")
    @classmethod
    def _no_trailing_slash(cls, value: str) -> str:
        return value.rstrip("/")

    @model_validator(mode="after")
    def _refuse_development_secrets(self) -> ServiceSettings:
        if self.environment == "production":
            for name, value in self.development_secrets().items():
                if value:
                    raise ValueError(
                        f"{name.upper()} still holds the development placeholder; "
                        "set a real value when ENVIRONMENT=production"
                    )
        return self

    def development_secrets(self) -> dict[str, bool]:
        """Settings whose development default must not reach production (name -> still default)."""
        return {"internal_jwt_public_key": self.internal_jwt_public_key == DEV_INTERNAL_PUBLIC_KEY}
