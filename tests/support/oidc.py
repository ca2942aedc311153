"""Driving the devtools OIDC provider from tests, and a browser's trip through a sign-in."""

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import httpx

OIDC_CLIENT_ID = "revenge-test"
OIDC_CLIENT_SECRET = "test-client-secret-0123456789"


@dataclass(frozen=True)
class OidcProvider:
    issuer: str
    client: httpx.AsyncClient

    async def sign_in_as(self, **person: Any) -> None:
        response = await self.client.put("/_provider/person", json=person)
        assert response.status_code == 204, response.text

    async def misbehave(self, *faults: str) -> None:
        response = await self.client.put("/_provider/faults", json={"faults": list(faults)})
        assert response.status_code == 204, response.text

    async def token_requests(self) -> list[dict[str, str]]:
        return list((await self.client.get("/_provider/token-requests")).json())


async def through_provider(
    gateway: httpx.AsyncClient, provider: OidcProvider, next_path: str = "/support"
) -> httpx.Response:
    """What a browser does: start at the gateway, follow to the provider, come back to the callback."""
    start = await gateway.get("/api/v1/auth/oidc/login", params={"next": next_path})
    assert start.status_code == 302, start.text
    authorize = await provider.client.get(start.headers["location"])
    assert authorize.status_code == 302, authorize.text
    back = urlsplit(authorize.headers["location"])
    return await gateway.get(f"{back.path}?{back.query}")
