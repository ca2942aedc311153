"""Accounts through the gateway's real API: register, log in, and the headers that follow."""

import uuid
from dataclasses import dataclass

import httpx

# The first admin the gateway fixtures bootstrap.
ADMIN_EMAIL = "root@example.com"
ADMIN_PASSWORD = "correct horse battery staple"


@dataclass(frozen=True)
class Account:
    email: str
    username: str
    password: str
    token: str
    csrf: str

    @property
    def bearer(self) -> dict[str, str]:
        return {"authorization": f"Bearer {self.token}"}


def new_identity() -> tuple[str, str, str]:
    tag = uuid.uuid4().hex[:10]
    return f"user-{tag}@example.com", f"user-{tag}", f"password-{tag}"


async def register(client: httpx.AsyncClient) -> tuple[str, str, str]:
    email, username, password = new_identity()
    response = await client.post(
        "/api/v1/auth/register", json={"email": email, "username": username, "password": password}
    )
    assert response.status_code == 201, response.text
    return email, username, password


async def login(client: httpx.AsyncClient, email: str, password: str) -> Account:
    response = await client.post("/api/v1/auth/login", json={"email": email, "password": password})
    assert response.status_code == 200, response.text
    # Tests act as several people through one client: keep the credentials in the Account, not in the
    # client's cookie jar (where the next login would find them and, rightly, end that session).
    client.cookies.clear()
    body = response.json()
    username = ""
    me = await client.get("/api/v1/auth/me", headers={"authorization": f"Bearer {body['access_token']}"})
    if me.status_code == 200:
        username = me.json()["username"]
    return Account(email, username, password, body["access_token"], body["csrf_token"])


async def signed_up(client: httpx.AsyncClient) -> Account:
    email, _, password = await register(client)
    return await login(client, email, password)


def bearer(token: str) -> dict[str, str]:
    return {"authorization": f"Bearer {token}"}


def cookie(account: Account) -> dict[str, str]:
    """What a browser sends: the session cookie, and for unsafe requests the CSRF token."""
    return {"cookie": f"revenge_session={account.token}", "x-csrf-token": account.csrf}


async def admin(client: httpx.AsyncClient) -> Account:
    return await login(client, ADMIN_EMAIL, ADMIN_PASSWORD)


async def api_token(
    client: httpx.AsyncClient, account: Account, scopes: list[str], name: str = "test token"
) -> str:
    """A personal API token of ``account`` (created with its session)."""
    response = await client.post(
        "/api/v1/auth/tokens", json={"name": name, "scopes": scopes}, headers=account.bearer
    )
    assert response.status_code == 201, response.text
    secret: str = response.json()["token"]
    return secret
