"""Registering, logging in and out, and what the session cookie promises."""

import httpx
from support.accounts import ADMIN_EMAIL, ADMIN_PASSWORD, login, new_identity, register, signed_up
from support.apps import eventually
from support.broker import capture


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
        cookies = {"cookie": f"revenge_session={account.token}"}
        ticket = {
            "type": "support",
            "title": "Where are my watch statistics?",
            "description": "The statistics page is empty since the upgrade.",
        }
        refused = await gateway.post("/api/v1/support/tickets", json=ticket, headers=cookies)
        assert refused.status_code == 403
        assert refused.json()["title"] == "CSRF check failed"
        wrong = await gateway.post(
            "/api/v1/support/tickets", json=ticket, headers={**cookies, "x-csrf-token": "guess"}
        )
        assert wrong.status_code == 403
        allowed = await gateway.post(
            "/api/v1/support/tickets", json=ticket, headers={**cookies, "x-csrf-token": account.csrf}
        )
        assert allowed.status_code == 201, allowed.text
        # Reading needs no token, and bearer requests never do.
        assert (await gateway.get("/api/v1/support/tickets", headers=cookies)).status_code == 200
        assert (
            await gateway.post("/api/v1/support/tickets", json=ticket, headers=account.bearer)
        ).status_code == 201

    async def test_logout_ends_the_session(self, gateway: httpx.AsyncClient) -> None:
        account = await signed_up(gateway)
        assert (await gateway.post("/api/v1/auth/logout", headers=account.bearer)).status_code == 204
        assert (await gateway.get("/api/v1/auth/me", headers=account.bearer)).status_code == 401

    async def test_a_malformed_authorization_header_is_401_not_anonymous(
        self, gateway: httpx.AsyncClient
    ) -> None:
        for value in ("Basic dXNlcjpwYXNz", "Bearer", "Bearer nonsense"):
            response = await gateway.get("/api/v1/auth/me", headers={"authorization": value})
            assert response.status_code == 401, value

    async def test_new_identity_helper_gives_distinct_people(self) -> None:
        assert new_identity() != new_identity()
