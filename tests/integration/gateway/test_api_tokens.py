"""Personal API tokens: shown once, stored hashed, scoped, revocable, and never more than their owner."""

import hashlib

import asyncpg
import httpx

from shared.db import asyncpg_dsn
from support.accounts import admin, api_token, bearer, signed_up
from support.gateway import GatewayFactory

TICKET = {
    "type": "support",
    "title": "Subtitles are out of sync",
    "description": "On every episode the subtitles lag two seconds behind.",
}


class TestApiTokens:
    async def test_a_token_is_shown_once_listed_without_its_secret_and_stored_only_as_a_digest(
        self, gateway: httpx.AsyncClient, database_url: str
    ) -> None:
        account = await signed_up(gateway)
        created = await gateway.post(
            "/api/v1/auth/tokens",
            json={"name": "backup script", "scopes": ["read"], "expires_in_days": 30},
            headers=account.bearer,
        )
        assert created.status_code == 201, created.text
        secret = created.json()["token"]
        assert secret.startswith("rst_")
        assert len(secret) > 40
        assert (await gateway.get("/api/v1/auth/me", headers=bearer(secret))).status_code == 200

        [listed] = (await gateway.get("/api/v1/auth/tokens", headers=account.bearer)).json()
        assert listed["name"] == "backup script"
        assert listed["scopes"] == ["read"]
        assert listed["expires_at"] is not None
        assert listed["last_used_at"] is not None  # it was used just now
        assert "token" not in listed
        assert secret.startswith(listed["hint"])
        assert secret not in str(listed)

        connection = await asyncpg.connect(asyncpg_dsn(database_url))
        try:
            stored = await connection.fetchval(
                "SELECT token_hash FROM identity.api_tokens WHERE id = $1", listed["id"]
            )
            everything = await connection.fetchval(
                "SELECT string_agg(t::text, '') FROM identity.api_tokens t"
            )
        finally:
            await connection.close()
        assert stored == hashlib.sha256(secret.encode()).hexdigest()
        assert secret not in everything

    async def test_read_scope_may_only_read_and_write_scope_may_change_things(
        self, gateway: httpx.AsyncClient
    ) -> None:
        account = await signed_up(gateway)
        reader = await api_token(gateway, account, ["read"])
        writer = await api_token(gateway, account, ["write"])
        assert (await gateway.get("/api/v1/support/tickets", headers=bearer(reader))).status_code == 200
        refused = await gateway.post("/api/v1/support/tickets", json=TICKET, headers=bearer(reader))
        assert refused.status_code == 403
        assert refused.json()["title"] == "Insufficient scope"
        assert 'scope="write"' in refused.headers["www-authenticate"]
        filed = await gateway.post("/api/v1/support/tickets", json=TICKET, headers=bearer(writer))
        assert filed.status_code == 201, filed.text
        assert filed.json()["reporter"]["username"] == account.username
        assert (await gateway.get("/api/v1/support/tickets", headers=bearer(writer))).status_code == 200

    async def test_a_revoked_token_stops_working_at_once(self, gateway: httpx.AsyncClient) -> None:
        account = await signed_up(gateway)
        secret = await api_token(gateway, account, ["read"])
        [listed] = (await gateway.get("/api/v1/auth/tokens", headers=account.bearer)).json()
        revoked = await gateway.delete(f"/api/v1/auth/tokens/{listed['id']}", headers=account.bearer)
        assert revoked.status_code == 204
        assert (await gateway.get("/api/v1/support/tickets", headers=bearer(secret))).status_code == 401
        assert (await gateway.get("/api/v1/auth/tokens", headers=account.bearer)).json() == []
        again = await gateway.delete(f"/api/v1/auth/tokens/{listed['id']}", headers=account.bearer)
        assert again.status_code == 404

    async def test_nobody_revokes_or_sees_another_persons_tokens(self, gateway: httpx.AsyncClient) -> None:
        owner, other = await signed_up(gateway), await signed_up(gateway)
        secret = await api_token(gateway, owner, ["read"])
        [listed] = (await gateway.get("/api/v1/auth/tokens", headers=owner.bearer)).json()
        assert (await gateway.get("/api/v1/auth/tokens", headers=other.bearer)).json() == []
        attempt = await gateway.delete(f"/api/v1/auth/tokens/{listed['id']}", headers=other.bearer)
        assert attempt.status_code == 404
        assert (await gateway.get("/api/v1/auth/me", headers=bearer(secret))).status_code == 200

    async def test_tokens_cannot_manage_tokens_or_the_account(self, gateway: httpx.AsyncClient) -> None:
        account = await signed_up(gateway)
        secret = await api_token(gateway, account, ["read", "write"])
        for method, path, body in (
            ("GET", "/api/v1/auth/tokens", None),
            ("POST", "/api/v1/auth/tokens", {"name": "more", "scopes": ["write"]}),
            ("POST", "/api/v1/auth/password", {"current_password": "x", "new_password": "y" * 12}),
            ("DELETE", "/api/v1/auth/me", {"current_password": account.password}),
            ("POST", "/api/v1/auth/logout", None),
        ):
            response = await gateway.request(method, path, json=body, headers=bearer(secret))
            assert response.status_code == 403, path
        assert (await gateway.get("/api/v1/auth/me", headers=account.bearer)).status_code == 200

    async def test_an_admins_token_acts_as_admin_only_with_the_admin_scope(
        self, gateway: httpx.AsyncClient
    ) -> None:
        root = await admin(gateway)
        plain = await api_token(gateway, root, ["read"])
        elevated = await api_token(gateway, root, ["read", "admin"])
        assert (await gateway.get("/api/v1/admin/users", headers=bearer(plain))).status_code == 403
        assert (await gateway.get("/api/v1/admin/support/tickets", headers=bearer(plain))).status_code == 403
        assert (await gateway.get("/api/v1/admin/users", headers=bearer(elevated))).status_code == 200
        # A plain token's requests reach the services as a user, not as the admin behind it.
        me = (await gateway.get("/api/v1/auth/me", headers=bearer(plain))).json()
        assert me["role"] == "admin"  # the account is still an admin, shown as such

    async def test_only_admins_may_ask_for_the_admin_scope_and_scopes_must_allow_something(
        self, gateway: httpx.AsyncClient
    ) -> None:
        account = await signed_up(gateway)
        for scopes, message in ((["read", "admin"], "only for administrators"), (["admin"], "")):
            response = await gateway.post(
                "/api/v1/auth/tokens", json={"name": "x", "scopes": scopes}, headers=account.bearer
            )
            assert response.status_code == 422, scopes
            assert response.json()["errors"][0]["field"] == "scopes"
            assert message in response.json()["errors"][0]["message"]
        root = await admin(gateway)
        only_admin = await gateway.post(
            "/api/v1/auth/tokens", json={"name": "x", "scopes": ["admin"]}, headers=root.bearer
        )
        assert only_admin.status_code == 422
        assert "'read' or 'write'" in only_admin.json()["errors"][0]["message"]

    async def test_every_token_expires_within_the_servers_limit_unless_it_has_none(
        self, gateway: httpx.AsyncClient, make_gateway: GatewayFactory
    ) -> None:
        account = await signed_up(gateway)
        for days, message in ((None, "expire within 366 days"), (367, "at most 366")):
            response = await gateway.post(
                "/api/v1/auth/tokens",
                json={"name": "forever", "scopes": ["read"], "expires_in_days": days},
                headers=account.bearer,
            )
            assert response.status_code == 422, days
            [error] = response.json()["errors"]
            assert (error["field"], message in error["message"]) == ("expires_in_days", True)
        assert (await gateway.get("/api/v1/auth/tokens", headers=account.bearer)).json() == []

        async with make_gateway(api_token_max_days=0) as unlimited:
            forever = await unlimited.post(
                "/api/v1/auth/tokens",
                json={"name": "forever", "scopes": ["read"], "expires_in_days": None},
                headers=account.bearer,
            )
            assert forever.status_code == 201, forever.text
            [listed] = (await unlimited.get("/api/v1/auth/tokens", headers=account.bearer)).json()
            assert listed["expires_at"] is None
