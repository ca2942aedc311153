from pydantic import AliasChoices, Field, model_validator

from shared.dev_keys import DEV_INTERNAL_PRIVATE_KEY
from shared.settings import ServiceSettings

SERVICE = "gateway"


class GatewaySettings(ServiceSettings):
    port: int = Field(8000, validation_alias=AliasChoices("GATEWAY_PORT", "PORT"))
    internal_jwt_private_key: str = DEV_INTERNAL_PRIVATE_KEY
    tickets_url: str = "http://127.0.0.1:8001"
    notifier_url: str = "http://127.0.0.1:8002"
    webhooks_url: str = "http://127.0.0.1:8003"
    github_sync_url: str = "http://127.0.0.1:8004"
    upstream_timeout: float = 30.0
    upstream_connect_timeout: float = 3.0
    bootstrap_admin_email: str | None = None
    bootstrap_admin_password: str | None = None
    bootstrap_admin_username: str = "admin"
    registration_open: bool = True
    session_cookie: str = "revenge_session"
    csrf_cookie: str = "revenge_csrf"
    session_idle_minutes: int = 60 * 24 * 7
    session_absolute_days: int = 30

    @property
    def secure_cookies(self) -> bool:
        """Cookies are Secure unless the site itself is served over plain http (development)."""
        return not self.public_url.startswith("http://")

    @model_validator(mode="after")
    def _private_key_matches(self) -> "GatewaySettings":
        if self.environment == "production" and self.internal_jwt_private_key == DEV_INTERNAL_PRIVATE_KEY:
            raise ValueError(
                "INTERNAL_JWT_PRIVATE_KEY still holds the development placeholder; "
                "set a real key when ENVIRONMENT=production"
            )
        return self
