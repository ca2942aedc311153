"""The GitHub webhook door before any database work: closed without a secret, and the signature check."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx
from fastapi import FastAPI

from devtools.github_standin import example, sign
from devtools.github_standin.webhooks import encode
from github_sync.config import GitHubSyncSettings
from github_sync.inbound.endpoints import router, signature_ok
from shared.app import create_service_app

SECRET = "It's a Secret to Everybody"


def test_githubs_documented_test_vector_verifies_and_anything_else_does_not() -> None:
    body = b"Hello, World!"
    header = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17"
    assert signature_ok(SECRET, body, header)
    assert not signature_ok(SECRET, body + b" ", header)
    assert not signature_ok("another secret", body, header)
    assert not signature_ok(SECRET, body, None)
    assert not signature_ok(SECRET, body, header.replace("sha256=", "sha1="))


async def test_without_a_secret_the_door_is_not_there_even_for_a_correctly_signed_delivery() -> None:
    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.settings = GitHubSyncSettings(github_webhook_secret=None)
        app.state.sessionmaker = lambda: _NoDatabase()
        yield

    app = create_service_app(service="github-sync", title="t", description="d", lifespan=lifespan)
    app.include_router(router)
    body = encode(example("ping"))
    async with app.router.lifespan_context(app):
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as client:
            response = await client.post(
                "/integrations/github/webhook",
                content=body,
                headers={
                    "X-GitHub-Event": "ping",
                    "X-GitHub-Delivery": "1",
                    "X-Hub-Signature-256": sign(SECRET, body),
                },
            )
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    assert "GITHUB_WEBHOOK_SECRET" in response.json()["detail"]


class _NoDatabase:
    """Stands where a session would be: the door must close before any database work."""

    async def __aenter__(self) -> "_NoDatabase":
        return self

    async def __aexit__(self, *exc: object) -> None:
        return None
