"""Which service answers which path prefix, and who may reach it."""

from collections.abc import MutableMapping
from dataclasses import dataclass
from typing import Any, Literal
from urllib.parse import unquote

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


def safe_path(scope: MutableMapping[str, Any]) -> str | None:
    """The request's path, or None when it could climb out of its prefix once a server normalises it:
    dot segments (also percent-encoded), encoded slashes or backslashes, empty segments."""
    raw = scope.get("raw_path") or scope["path"].encode()
    text = raw.decode("latin-1").partition("?")[0]
    lowered = text.lower()
    if "%2f" in lowered or "%5c" in lowered or "\\" in text or "//" in text:
        return None
    if any(segment in (".", "..") for segment in unquote(text).split("/")):
        return None
    return str(scope["path"])


def find_route(path: str) -> Route | None:
    return next((r for r in ROUTES if r.matches(path)), None)


def upstream_url(settings: GatewaySettings, service: str) -> str:
    return {
        "tickets": settings.tickets_url,
        "notifier": settings.notifier_url,
        "webhooks": settings.webhooks_url,
        "github-sync": settings.github_sync_url,
    }[service].rstrip("/")
