from pathlib import Path

from pydantic import AliasChoices, Field, field_validator, model_validator

from gateway.ratelimit.rate import Rate, RateSetting
from shared.dev_keys import DEV_INTERNAL_PRIVATE_KEY
from shared.settings import ServiceSettings

SERVICE = "gateway"

# What the web UI (a static SvelteKit SPA served by the gateway) and the API docs need, and nothing more.
DEFAULT_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; frame-ancestors 'none'; "
    "base-uri 'self'; form-action 'self'"
)


def _csv(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]


class GatewaySettings(ServiceSettings):
    port: int = Field(8000, validation_alias=AliasChoices("GATEWAY_PORT", "PORT"))
    internal_jwt_private_key: str = DEV_INTERNAL_PRIVATE_KEY
    tickets_url: str = "http://127.0.0.1:8001"
    notifier_url: str = "http://127.0.0.1:8002"
    webhooks_url: str = "http://127.0.0.1:8003"
    github_sync_url: str = "http://127.0.0.1:8004"
    upstream_timeout: float = 30.0
    upstream_connect_timeout: float = 3.0
    openapi_cache_seconds: float = 60.0
    bootstrap_admin_email: str | None = None
    bootstrap_admin_password: str | None = None
    bootstrap_admin_username: str = "admin"
    registration_open: bool = True
    session_cookie: str = "revenge_session"
    csrf_cookie: str = "revenge_csrf"
    session_idle_minutes: int = 60 * 24 * 7
    session_absolute_days: int = 30
    password_reset_minutes: int = 30
    # argon2id cost; the defaults are RFC 9106's low-memory profile (64 MiB, 3 passes, 4 lanes).
    password_hash_time_cost: int = Field(3, ge=1)
    password_hash_memory_kib: int = Field(65536, ge=8)
    password_hash_parallelism: int = Field(4, ge=1)
    api_token_max_days: int = Field(366, ge=0)  # 0: no limit; tokens may then never expire

    # Rate limits and login slow-down. Shared across replicas through Redis when REDIS_URL is set.
    redis_url: str | None = None
    redis_key_prefix: str = "revenge:"
    rate_limit_login_per_address: RateSetting = Rate(10, 60)
    rate_limit_register_per_address: RateSetting = Rate(20, 3600)
    rate_limit_tickets_per_user: RateSetting = Rate(10, 3600)
    rate_limit_tickets_per_address: RateSetting = Rate(30, 3600)
    rate_limit_comments_per_user: RateSetting = Rate(60, 3600)
    rate_limit_comments_per_address: RateSetting = Rate(120, 3600)
    rate_limit_password_reset_per_address: RateSetting = Rate(10, 3600)
    rate_limit_password_reset_per_account: RateSetting = Rate(3, 3600)
    login_failures_per_account: int = 5
    login_failures_per_address: int = 20
    login_failure_window_seconds: int = 900
    login_delay_seconds: float = 2.0
    login_delay_max_seconds: float = 900.0

    # Browsers and proxies.
    cors_origins: str = ""
    trusted_proxies: str = ""
    content_security_policy: str = DEFAULT_CSP
    # The built web UI (``npm --prefix web run build``); the gateway serves it at /.
    web_dir: Path = Path(__file__).resolve().parents[4] / "web" / "build"

    # Optional sign-in through an OpenID Connect provider.
    oidc_issuer: str | None = None
    oidc_client_id: str | None = None
    oidc_client_secret: str | None = None
    oidc_scopes: str = "openid email profile"
    oidc_timeout: float = 10.0

    @field_validator("redis_url", "oidc_issuer", "oidc_client_id", "oidc_client_secret")
    @classmethod
    def _blank_is_none(cls, value: str | None) -> str | None:
        return value or None

    @property
    def secure_cookies(self) -> bool:
        """Cookies are Secure unless the site itself is served over plain http (development)."""
        return not self.public_url.startswith("http://")

    @property
    def cors_origin_list(self) -> list[str]:
        return [origin.rstrip("/") for origin in _csv(self.cors_origins)]

    @property
    def trusted_proxy_list(self) -> list[str]:
        return _csv(self.trusted_proxies)

    @property
    def oidc_enabled(self) -> bool:
        return bool(self.oidc_issuer and self.oidc_client_id and self.oidc_client_secret)

    @property
    def oidc_redirect_uri(self) -> str:
        return f"{self.public_url}/api/v1/auth/oidc/callback"

    @model_validator(mode="after")
    def _private_key_matches(self) -> "GatewaySettings":
        if self.environment == "production" and self.internal_jwt_private_key == DEV_INTERNAL_PRIVATE_KEY:
            raise ValueError(
                "INTERNAL_JWT_PRIVATE_KEY still holds the development placeholder; "
                "set a real key when ENVIRONMENT=production"
            )
        if "*" in self.cors_origin_list:
            raise ValueError("CORS_ORIGINS must list origins; '*' cannot be used with credentials")
        if any((self.oidc_issuer, self.oidc_client_id, self.oidc_client_secret)) and not self.oidc_enabled:
            raise ValueError("OIDC needs all three of OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET")
        return self
