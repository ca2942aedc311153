from pydantic import AliasChoices, Field

from shared.settings import ServiceSettings

SERVICE = "webhooks"

# Svix's schedule: the first attempt at once, then 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h.
SVIX_SCHEDULE = (5.0, 300.0, 1800.0, 7200.0, 18000.0, 36000.0, 36000.0)


class WebhooksSettings(ServiceSettings):
    port: int = Field(8003, validation_alias=AliasChoices("WEBHOOKS_PORT", "PORT"))
    # Off in production: a webhook URL could otherwise reach the cluster's own services.
    webhooks_allow_private_targets: bool = False
    webhooks_timeout: float = 15.0
    webhooks_retry_schedule: tuple[float, ...] = SVIX_SCHEDULE
    webhooks_concurrency: int = 8
