"""Registering, logging in and out, sessions, and what the session cookie promises."""

from typing import Any

import asyncpg
import httpx

from shared.db import asyncpg_dsn
from support.accounts import (
    ADMIN_EMAIL,
    ADMIN_PASSWORD,
    api_token,
    cookie,
    login,
    new_identity,
    register,
    signed_up,
)
from support.apps import eventually
from support.broker import capture
from support.clock import expire_session, idle_session
from support.gateway import GatewayFactory

TICKET = {
    "type": "support",
    "title": "Where are my watch statistics?",
    "description": "The statistics page is empty since the upgrade.",
}


class TestRegister:
    async def test_registering_publishes_user_created_without_the_password(
        self, gateway: httpx.AsyncClient, broker_prefix: str
    ) -> None:
        async with capture(broker_prefix, "identity", "user.created") as events:
            email, username, password = await register(gateway)

            async def mine() -> list[dict[str, object]]:
                return [e for e in events.bodies if e["data"]["username"] == username]  # type: ignore[index]

            [event] = await eventually(mine)
        assert event["data"]["email"] == email
        assert event["data"]["role"] == "user"
        assert password not in str(event)

    async def test_the_password_is_stored_only_as_an_argon2id_hash(
        self, gateway: httpx.AsyncClient, database_url: str
    ) -> None:
        email, _, password = await register(gateway)
        connection = await asyncpg.connect(asyncpg_dsn(database_url))
        try:
            stored = await connection.fetchval(
                "SELECT password_hash FROM identity.users WHERE lower(email) = lower($1)", email
            )
        finally:
            await connection.close()
        assert stored.startswith("$argon2id$")
        assert password not in stored

    async def test_taken_email_and_username_are_409_naming_both_case_insensitively(
        self, gateway: httpx.AsyncClient
    ) -> None:
        email, username, _ = await register(gateway)
        again = await gateway.post(
            "/api/v1/auth/register",
            json={"email": email.upper(), "username": username.upper(), "password": "another password"},
        )
        assert again.status_code == 409
        assert {e["field"] for e in again.json()["errors"]} == {"email", "username"}

    async def test_common_or_guessable_passwords_are_refused_naming_the_field(
        self, gateway: httpx.AsyncClient
    ) -> None:
        email, username, _ = new_identity()
        for password in ("password1234", "qwertyuiop123", "aaaaaaaaaaaa", email):
            response = await gateway.post(
                "/api/v1/auth/register", json={"email": email, "username": username, "password": password}
            )
            assert response.status_code == 422, password
            [error] = response.json()["errors"]
            assert error["field"] == "password"
            assert "too common or too easy to guess" in error["message"]

    async def test_registration_can_be_closed(self, make_gateway: GatewayFactory) -> None:
        async with make_gateway(registration_open=False) as closed:
            email, username, password = new_identity()
            response = await closed.post(
                "/api/v1/auth/register", json={"email": email, "username": username, "password": password}
            )
            assert response.status_code == 403
            assert "closed" in response.json()["detail"]

    async def test_bad_fields_are_422_naming_each(self, gateway: httpx.AsyncClient) -> None:
        response = await gateway.post(
            "/api/v1/auth/register", json={"email": "not-an-email", "username": "a", "password": "short"}
        )
        assert response.status_code == 422
        assert {e["field"] for e in response.json()["errors"]} == {"email", "username", "password"}


class TestLogin:
    async def test_wrong_password_and_unknown_email_get_the_same_answer(
        self, gateway: httpx.AsyncClient
    ) -> None:
        email, _, _ = await register(gateway)
        wrong_password = await gateway.post(
            "/api/v1/auth/login", json={"email": email, "password": "not the password"}
        )
        unknown = await gateway.post(
            "/api/v1/auth/login", json={"email": "nobody-here@example.com", "password": "not the password"}
        )
        assert wrong_password.status_code == unknown.status_code == 401
        assert wrong_password.json()["detail"] == unknown.json()["detail"]

    async def test_login_sets_an_httponly_lax_session_cookie_and_a_readable_csrf_cookie(
        self, gateway: httpx.AsyncClient
    ) -> None:
        email, _, password = await register(gateway)
        response = await gateway.post("/api/v1/auth/login", json={"email": email, "password": password})
        assert response.status_code == 200
        body = response.json()
        assert body["token_type"] == "bearer"
        cookies = {c.split("=", 1)[0]: c.lower() for c in response.headers.get_list("set-cookie")}
        assert "httponly" in cookies["revenge_session"]
        assert "samesite=lax" in cookies["revenge_session"]
        assert "secure" not in cookies["revenge_session"]  # PUBLIC_URL is plain http here
        assert "httponly" not in cookies["revenge_csrf"]
        assert response.cookies["revenge_csrf"] == body["csrf_token"]
        assert response.cookies["revenge_session"] == body["access_token"]

    async def test_login_starts_a_new_session_and_ends_the_one_the_browser_had(
        self, gateway: httpx.AsyncClient
    ) -> None:
        email, _, password = await register(gateway)
        first = await gateway.post("/api/v1/auth/login", json={"email": email, "password": password})
        old_token = first.json()["access_token"]
        second = await gateway.post(
            "/api/v1/auth/login",
            json={"email": email, "password": password},
            headers={"cookie": f"revenge_session={old_token}"},
        )
        assert second.json()["access_token"] != old_token
        gone = await gateway.get("/api/v1/auth/me", headers={"authorization": f"Bearer {old_token}"})
        assert gone.status_code == 401

    async def test_a_planted_cookie_never_becomes_a_session(self, gateway: httpx.AsyncClient) -> None:
        email, _, password = await register(gateway)
        planted = "rs_attacker-chosen-value"
        response = await gateway.post(
            "/api/v1/auth/login",
            json={"email": email, "password": password},
            headers={"cookie": f"revenge_session={planted}"},
        )
        assert response.json()["access_token"] != planted
        me = await gateway.get("/api/v1/auth/me", headers={"cookie": f"revenge_session={planted}"})
        assert me.status_code == 401

    async def test_the_bootstrap_admin_exists_and_is_an_admin(self, gateway: httpx.AsyncClient) -> None:
        admin = await login(gateway, ADMIN_EMAIL, ADMIN_PASSWORD)
        me = (await gateway.get("/api/v1/auth/me", headers=admin.bearer)).json()
        assert me["role"] == "admin"


class TestSessions:
    async def test_cookie_requests_that_change_things_need_the_csrf_token(
        self, gateway: httpx.AsyncClient
    ) -> None:
        account = await signed_up(gateway)
        session_only = {"cookie": f"revenge_session={account.token}"}
        for method, path, body in (
            ("POST", "/api/v1/support/tickets", TICKET),  # forwarded to a service
            ("POST", "/api/v1/auth/tokens", {"name": "x", "scopes": ["read"]}),  # the gateway's own
            ("PATCH", "/api/v1/auth/me", {"display_name": "Mallory was here"}),
        ):
            refused = await gateway.request(method, path, json=body, headers=session_only)
            assert refused.status_code == 403, path
            assert refused.json()["title"] == "CSRF check failed"
            wrong = await gateway.request(
                method, path, json=body, headers={**session_only, "x-csrf-token": "guess"}
            )
            assert wrong.status_code == 403, path
        allowed = await gateway.post("/api/v1/support/tickets", json=TICKET, headers=cookie(account))
        assert allowed.status_code == 201, allowed.text
        # Reading needs no token, and bearer requests never do.
        assert (await gateway.get("/api/v1/support/tickets", headers=session_only)).status_code == 200
        assert (
            await gateway.post("/api/v1/support/tickets", json=TICKET, headers=account.bearer)
        ).status_code == 201
        me = (await gateway.get("/api/v1/auth/me", headers=session_only)).json()
        assert me["display_name"] is None  # the refused PATCH changed nothing

    async def test_logout_ends_the_session(self, gateway: httpx.AsyncClient) -> None:
        account = await signed_up(gateway)
        assert (await gateway.post("/api/v1/auth/logout", headers=account.bearer)).status_code == 204
        assert (await gateway.get("/api/v1/auth/me", headers=account.bearer)).status_code == 401

    async def test_a_session_past_its_absolute_expiry_is_over(
        self, gateway: httpx.AsyncClient, database_url: str
    ) -> None:
        account = await signed_up(gateway)
        await expire_session(database_url, account.token)
        assert (await gateway.get("/api/v1/auth/me", headers=account.bearer)).status_code == 401
        as_browser = await gateway.get("/api/v1/support/tickets", headers=cookie(account))
        assert as_browser.status_code == 401

    async def test_a_session_left_idle_too_long_is_over_and_use_keeps_it_alive(
        self, gateway: httpx.AsyncClient, database_url: str, make_gateway: GatewayFactory
    ) -> None:
        async with make_gateway(session_idle_minutes=30) as strict:
            idle = await signed_up(strict)
            strict.cookies.clear()  # another browser, or its login would end the first session
            busy = await signed_up(strict)
            await idle_session(database_url, idle.token, minutes=31)
            await idle_session(database_url, busy.token, minutes=29)
            assert (await strict.get("/api/v1/auth/me", headers=busy.bearer)).status_code == 200
            assert (await strict.get("/api/v1/auth/me", headers=idle.bearer)).status_code == 401

    async def test_changing_the_password_ends_every_other_session_but_this_one(
        self, gateway: httpx.AsyncClient
    ) -> None:
        email, _, password = await register(gateway)
        elsewhere = await login(gateway, email, password)
        gateway.cookies.clear()  # signed in on another device, then here
        here = await login(gateway, email, password)
        token = await api_token(gateway, here, ["read"])
        new_password = "a fresh and much longer passphrase"
        wrong = await gateway.post(
            "/api/v1/auth/password",
            json={"current_password": "not it at all", "new_password": new_password},
            headers=here.bearer,
        )
        assert wrong.status_code == 422
        assert wrong.json()["errors"][0]["field"] == "current_password"
        changed = await gateway.post(
            "/api/v1/auth/password",
            json={"current_password": password, "new_password": new_password},
            headers=here.bearer,
        )
        assert changed.status_code == 204, changed.text
        assert (await gateway.get("/api/v1/auth/me", headers=here.bearer)).status_code == 200
        assert (await gateway.get("/api/v1/auth/me", headers=elsewhere.bearer)).status_code == 401
        assert (
            await gateway.get("/api/v1/auth/me", headers={"authorization": f"Bearer {token}"})
        ).status_code == 200
        old = await gateway.post("/api/v1/auth/login", json={"email": email, "password": password})
        assert old.status_code == 401
        await login(gateway, email, new_password)

    async def test_a_malformed_authorization_header_is_401_not_anonymous(
        self, gateway: httpx.AsyncClient
    ) -> None:
        for value in ("Basic dXNlcjpwYXNz", "Bearer", "Bearer nonsense", "Bearer rst_nonsense"):
            response = await gateway.get("/api/v1/auth/me", headers={"authorization": value})
            assert response.status_code == 401, value

    async def test_new_identity_helper_gives_distinct_people(self) -> None:
        assert new_identity() != new_identity()


class TestOwnAccount:
    async def test_a_user_sets_a_display_name_and_user_updated_is_published(
        self, gateway: httpx.AsyncClient, broker_prefix: str
    ) -> None:
        account = await signed_up(gateway)
        async with capture(broker_prefix, "identity", "user.updated") as events:
            response = await gateway.patch(
                "/api/v1/auth/me", json={"display_name": "  Jo   Doe "}, headers=account.bearer
            )
            assert response.status_code == 200, response.text
            assert response.json()["display_name"] == "Jo Doe"

            async def mine() -> list[dict[str, Any]]:
                return [e for e in events.bodies if e["data"]["username"] == account.username]

            [event] = await eventually(mine)
        assert event["data"]["display_name"] == "Jo Doe"
        assert event["data"]["email"] == account.email

    async def test_deleting_your_account_needs_your_password_and_publishes_user_deleted(
        self, gateway: httpx.AsyncClient, broker_prefix: str
    ) -> None:
        account = await signed_up(gateway)
        me = (await gateway.get("/api/v1/auth/me", headers=account.bearer)).json()
        wrong = await gateway.request(
            "DELETE", "/api/v1/auth/me", json={"current_password": "nope"}, headers=account.bearer
        )
        assert wrong.status_code == 422
        async with capture(broker_prefix, "identity", "user.deleted") as events:
            gone = await gateway.request(
                "DELETE",
                "/api/v1/auth/me",
                json={"current_password": account.password},
                headers=account.bearer,
            )
            assert gone.status_code == 204, gone.text

            async def mine() -> list[dict[str, Any]]:
                return [e for e in events.bodies if e["data"]["id"] == me["id"]]

            await eventually(mine)
        assert (await gateway.get("/api/v1/auth/me", headers=account.bearer)).status_code == 401
        again = await gateway.post(
            "/api/v1/auth/login", json={"email": account.email, "password": account.password}
        )
        assert again.status_code == 401
