"""Sign-in through an OpenID Connect provider (the devtools one, over real HTTP): authorization code with
PKCE, state and nonce; accounts linked by a verified email."""

import uuid
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from support.accounts import admin, register
from support.apps import client_for
from support.gateway import GatewayFactory
from support.oidc import OidcProvider, through_provider


@pytest.fixture(autouse=True)
async def well_behaved(oidc: OidcProvider) -> AsyncIterator[None]:
    yield
    await oidc.misbehave()


def person(**overrides: Any) -> dict[str, Any]:
    tag = uuid.uuid4().hex[:8]
    return {
        "sub": f"sub-{tag}",
        "email": f"sso-{tag}@example.com",
        "email_verified": True,
        "name": "Sam Single-Sign-On",
        "preferred_username": f"sam-{tag}",
    } | overrides


async def me(gateway: httpx.AsyncClient) -> httpx.Response:
    """Who the browser's cookie says it is."""
    return await gateway.get("/api/v1/auth/me")


class TestOidcSignIn:
    async def test_a_new_person_gets_an_account_and_a_session_like_a_password_login(
        self, gateway: httpx.AsyncClient, oidc: OidcProvider
    ) -> None:
        who = person()
        await oidc.sign_in_as(**who)
        back = await through_provider(gateway, oidc, next_path="/support/tickets")
        assert back.status_code == 303, back.text
        assert back.headers["location"] == "/support/tickets"
        cookies = {c.split("=", 1)[0]: c.lower() for c in back.headers.get_list("set-cookie")}
        assert "httponly" in cookies["revenge_session"]
        assert "samesite=lax" in cookies["revenge_session"]
        account = (await me(gateway)).json()
        assert account["email"] == who["email"]
        assert account["username"] == who["preferred_username"]
        assert account["display_name"] == "Sam Single-Sign-On"
        assert account["csrf_token"]
        [*_, token_request] = await oidc.token_requests()
        assert len(token_request["code_verifier"]) >= 43  # PKCE: the verifier went to the token endpoint

    async def test_the_same_provider_account_signs_in_to_the_same_local_account(
        self, gateway: httpx.AsyncClient, oidc: OidcProvider
    ) -> None:
        who = person()
        await oidc.sign_in_as(**who)
        await through_provider(gateway, oidc)
        first = (await me(gateway)).json()
        gateway.cookies.clear()
        await oidc.sign_in_as(**(who | {"email": f"changed-{who['email']}"}))
        await through_provider(gateway, oidc)
        assert (await me(gateway)).json()["id"] == first["id"]

    async def test_an_unproven_local_account_with_that_email_is_taken_over_by_the_mailbox_owner(
        self, gateway: httpx.AsyncClient, oidc: OidcProvider
    ) -> None:
        # Someone registered this address without owning it (we do not verify emails at sign-up).
        email, username, password = await register(gateway)
        squatter = await gateway.post("/api/v1/auth/login", json={"email": email, "password": password})
        gateway.cookies.clear()
        await oidc.sign_in_as(**person(email=email))
        assert (await through_provider(gateway, oidc)).status_code == 303
        assert (await me(gateway)).json()["username"] == username  # linked, not duplicated
        stale = {"authorization": f"Bearer {squatter.json()['access_token']}"}
        assert (await gateway.get("/api/v1/auth/me", headers=stale)).status_code == 401
        again = await gateway.post("/api/v1/auth/login", json={"email": email, "password": password})
        assert again.status_code == 401

    async def test_an_email_the_provider_did_not_verify_signs_nobody_in(
        self, gateway: httpx.AsyncClient, oidc: OidcProvider
    ) -> None:
        await oidc.sign_in_as(**person(email_verified=False))
        back = await through_provider(gateway, oidc)
        assert back.status_code == 403
        assert "revenge_session" not in back.cookies
        assert (await me(gateway)).status_code == 401

    @pytest.mark.parametrize(
        "fault", ["wrong_audience", "wrong_issuer", "wrong_nonce", "expired", "bad_signature"]
    )
    async def test_an_id_token_that_does_not_check_out_signs_nobody_in(
        self, fault: str, gateway: httpx.AsyncClient, oidc: OidcProvider
    ) -> None:
        await oidc.sign_in_as(**person())
        await oidc.misbehave(fault)
        back = await through_provider(gateway, oidc)
        assert back.status_code == 401, back.text
        assert back.headers["content-type"] == "application/problem+json"
        assert (await me(gateway)).status_code == 401

    async def test_a_callback_from_another_browser_or_a_replay_is_refused(
        self, gateway: httpx.AsyncClient, gateway_transport: httpx.ASGITransport, oidc: OidcProvider
    ) -> None:
        await oidc.sign_in_as(**person())
        start = await gateway.get("/api/v1/auth/oidc/login")
        authorize = await oidc.client.get(start.headers["location"])
        callback = authorize.headers["location"].removeprefix("http://gateway.test")
        async with client_for(gateway_transport, "http://gateway.test") as victim:
            assert (await victim.get(callback)).status_code == 400  # no state cookie: not this browser's
        assert (await gateway.get(callback)).status_code == 303
        replay = await gateway.get(callback)
        assert replay.status_code == 400

    async def test_next_only_ever_leads_to_this_site(
        self, gateway: httpx.AsyncClient, oidc: OidcProvider
    ) -> None:
        await oidc.sign_in_as(**person())
        back = await through_provider(gateway, oidc, next_path="//evil.example/phish")
        assert back.headers["location"] == "/"

    async def test_a_disabled_account_cannot_sign_in_this_way_either(
        self, gateway: httpx.AsyncClient, oidc: OidcProvider
    ) -> None:
        who = person()
        await oidc.sign_in_as(**who)
        await through_provider(gateway, oidc)
        uid = (await me(gateway)).json()["id"]
        root = await admin(gateway)
        assert (
            await gateway.patch(f"/api/v1/admin/users/{uid}", json={"disabled": True}, headers=root.bearer)
        ).status_code == 200
        gateway.cookies.clear()
        assert (await through_provider(gateway, oidc)).status_code == 403

    async def test_closed_registration_admits_only_existing_accounts(
        self, make_gateway: GatewayFactory, oidc: OidcProvider
    ) -> None:
        async with make_gateway(registration_open=False) as gateway:
            await oidc.sign_in_as(**person())
            refused = await through_provider(gateway, oidc)
            assert refused.status_code == 403
            assert "closed" in refused.json()["detail"]

    async def test_without_configuration_there_is_no_single_sign_on(
        self, make_gateway: GatewayFactory
    ) -> None:
        async with make_gateway(oidc_issuer=None, oidc_client_id=None, oidc_client_secret=None) as gateway:
            assert (await gateway.get("/api/v1/auth/oidc")).json() == {"enabled": False, "login_url": None}
            assert (await gateway.get("/api/v1/auth/oidc/login")).status_code == 404
