"""Which service answers which path prefix, and who may reach it."""

from dataclasses import dataclass
from typing import Literal

from gateway.config import GatewaySettings

Access = Literal["public", "user", "admin"]


@dataclass(frozen=True)
class Route:
    prefix: str
    service: str  # also the audience of the internal token
    access: Access

    def matches(self, path: str) -> bool:
        return path == self.prefix or path.startswith(self.prefix + "/")


# Longest prefixes first: /api/v1/admin/support must not fall into a shorter rule.
ROUTES: tuple[Route, ...] = (
    Route("/api/v1/admin/support", "tickets", "admin"),
    Route("/api/v1/admin/webhooks", "webhooks", "admin"),
    Route("/api/v1/admin/github", "github-sync", "admin"),
    Route("/api/v1/support", "tickets", "user"),
    Route("/api/v1/notifications", "notifier", "user"),
    # GitHub calls this itself; github-sync checks the X-Hub-Signature-256.
    Route("/integrations/github", "github-sync", "public"),
)


def find_route(path: str) -> Route | None:
    return next((r for r in ROUTES if r.matches(path)), None)


def upstream_url(settings: GatewaySettings, service: str) -> str:
    return {
        "tickets": settings.tickets_url,
        "notifier": settings.notifier_url,
        "webhooks": settings.webhooks_url,
        "github-sync": settings.github_sync_url,
    }[service].rstrip("/")
