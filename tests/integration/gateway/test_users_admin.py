"""The admin API for users: search, role, disable (credentials end at once), delete, and never a site
without an enabled admin."""

import uuid
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from gateway.app import create_app
from gateway.config import GatewaySettings
from support.accounts import ADMIN_EMAIL, ADMIN_PASSWORD, Account, admin, api_token, bearer, login, signed_up
from support.apps import client_for, eventually, started
from support.broker import capture
from support.db import create_fresh_database, drop_database


async def user_id(gateway: httpx.AsyncClient, account: Account) -> str:
    me = (await gateway.get("/api/v1/auth/me", headers=account.bearer)).json()
    return str(me["id"])


async def patch(gateway: httpx.AsyncClient, root: Account, uid: str, **change: Any) -> httpx.Response:
    return await gateway.patch(f"/api/v1/admin/users/{uid}", json=change, headers=root.bearer)


class TestUserList:
    async def test_search_by_prefix_filter_and_page_through(self, gateway: httpx.AsyncClient) -> None:
        root = await admin(gateway)
        tag = uuid.uuid4().hex[:8]
        people = []
        for n in range(3):
            response = await gateway.post(
                "/api/v1/auth/register",
                json={
                    "email": f"{tag}-{n}@example.com",
                    "username": f"zz{tag}{n}",
                    "password": f"pw-{tag}-long",
                },
            )
            assert response.status_code == 201, response.text
            people.append(response.json())
        by_email = (
            await gateway.get("/api/v1/admin/users", params={"q": tag.upper()}, headers=root.bearer)
        ).json()
        assert [u["username"] for u in by_email["items"]] == [f"zz{tag}0", f"zz{tag}1", f"zz{tag}2"]
        assert by_email["items"][0]["email"] == f"{tag}-0@example.com"
        assert by_email["items"][0]["has_password"] is True

        seen, cursor = [], None
        while True:
            params: dict[str, Any] = {"q": f"zz{tag}", "limit": 2}
            if cursor:
                params["cursor"] = cursor
            page = (await gateway.get("/api/v1/admin/users", params=params, headers=root.bearer)).json()
            seen += [u["username"] for u in page["items"]]
            cursor = page["next_cursor"]
            if cursor is None:
                break
        assert seen == [f"zz{tag}0", f"zz{tag}1", f"zz{tag}2"]

        await patch(gateway, root, people[1]["id"], disabled=True)
        disabled = await gateway.get(
            "/api/v1/admin/users", params={"q": f"zz{tag}", "disabled": "true"}, headers=root.bearer
        )
        assert [u["username"] for u in disabled.json()["items"]] == [f"zz{tag}1"]
        admins = (
            await gateway.get("/api/v1/admin/users", params={"role": "admin"}, headers=root.bearer)
        ).json()
        assert ADMIN_EMAIL in [u["email"] for u in admins["items"]]
        assert all(u["role"] == "admin" for u in admins["items"])
        bad = await gateway.get("/api/v1/admin/users", params={"cursor": "!!!"}, headers=root.bearer)
        assert bad.status_code == 422

    async def test_an_unknown_user_is_404(self, gateway: httpx.AsyncClient) -> None:
        root = await admin(gateway)
        assert (
            await gateway.get(f"/api/v1/admin/users/{uuid.uuid4()}", headers=root.bearer)
        ).status_code == 404
        assert (await gateway.get("/api/v1/admin/users/not-a-uuid", headers=root.bearer)).status_code == 422


class TestChangingUsers:
    async def test_a_promoted_user_is_an_admin_on_the_next_request_and_user_updated_says_so(
        self, gateway: httpx.AsyncClient, broker_prefix: str
    ) -> None:
        root, person = await admin(gateway), await signed_up(gateway)
        uid = await user_id(gateway, person)
        assert (await gateway.get("/api/v1/admin/users", headers=person.bearer)).status_code == 403
        async with capture(broker_prefix, "identity", "user.updated") as events:
            promoted = await patch(gateway, root, uid, role="admin", display_name="Deputy")
            assert promoted.status_code == 200, promoted.text
            assert promoted.json()["role"] == "admin"

            async def mine() -> list[dict[str, Any]]:
                return [e for e in events.bodies if e["data"]["id"] == uid]

            [event] = await eventually(mine)
        assert event["data"]["role"] == "admin"
        assert event["data"]["display_name"] == "Deputy"
        assert (await gateway.get("/api/v1/admin/users", headers=person.bearer)).status_code == 200
        assert (await gateway.get("/api/v1/admin/support/tickets", headers=person.bearer)).status_code == 200
        assert (await patch(gateway, root, uid, role="user")).status_code == 200
        assert (await gateway.get("/api/v1/admin/users", headers=person.bearer)).status_code == 403

    async def test_disabling_ends_sessions_and_tokens_at_once_and_login_is_refused(
        self, gateway: httpx.AsyncClient
    ) -> None:
        root, person = await admin(gateway), await signed_up(gateway)
        token = await api_token(gateway, person, ["read", "write"])
        uid = await user_id(gateway, person)
        disabled = await patch(gateway, root, uid, disabled=True)
        assert disabled.status_code == 200
        assert disabled.json()["disabled"] is True
        assert (await gateway.get("/api/v1/support/tickets", headers=person.bearer)).status_code == 401
        assert (await gateway.get("/api/v1/support/tickets", headers=bearer(token))).status_code == 401
        refused = await gateway.post(
            "/api/v1/auth/login", json={"email": person.email, "password": person.password}
        )
        assert refused.status_code == 403
        assert (await patch(gateway, root, uid, disabled=False)).status_code == 200
        # Enabled again, the person signs in afresh; what was ended stays ended.
        await login(gateway, person.email, person.password)
        assert (await gateway.get("/api/v1/auth/me", headers=bearer(token))).status_code == 401

    async def test_a_stale_etag_is_412_and_the_current_one_works(self, gateway: httpx.AsyncClient) -> None:
        root, person = await admin(gateway), await signed_up(gateway)
        uid = await user_id(gateway, person)
        first = await gateway.get(f"/api/v1/admin/users/{uid}", headers=root.bearer)
        etag = first.headers["etag"]
        changed = await gateway.patch(
            f"/api/v1/admin/users/{uid}",
            json={"display_name": "One"},
            headers={**root.bearer, "if-match": etag},
        )
        assert changed.status_code == 200
        assert changed.headers["etag"] != etag
        stale = await gateway.patch(
            f"/api/v1/admin/users/{uid}",
            json={"display_name": "Two"},
            headers={**root.bearer, "if-match": etag},
        )
        assert stale.status_code == 412
        now = (await gateway.get(f"/api/v1/admin/users/{uid}", headers=root.bearer)).json()
        assert now["display_name"] == "One"

    async def test_deleting_a_user_publishes_user_deleted_and_their_login_is_gone(
        self, gateway: httpx.AsyncClient, broker_prefix: str
    ) -> None:
        root, person = await admin(gateway), await signed_up(gateway)
        uid = await user_id(gateway, person)
        async with capture(broker_prefix, "identity", "user.deleted") as events:
            gone = await gateway.delete(f"/api/v1/admin/users/{uid}", headers=root.bearer)
            assert gone.status_code == 204

            async def mine() -> list[dict[str, Any]]:
                return [e for e in events.bodies if e["data"]["id"] == uid]

            await eventually(mine)
        assert (await gateway.get(f"/api/v1/admin/users/{uid}", headers=root.bearer)).status_code == 404
        assert (await gateway.get("/api/v1/auth/me", headers=person.bearer)).status_code == 401


@pytest.fixture(scope="module")
async def lonely(gateway_settings: GatewaySettings) -> AsyncIterator[httpx.AsyncClient]:
    """A site of its own whose only admin is the bootstrap admin."""
    database_url = await create_fresh_database(("gateway",))
    settings = gateway_settings.model_copy(update={"database_url": database_url})
    try:
        async with started(create_app(settings), ready=False) as transport:
            async with client_for(transport, "http://gateway.test") as client:
                yield client
    finally:
        await drop_database(database_url)


class TestLastAdmin:
    async def test_the_last_admin_can_be_neither_demoted_nor_disabled_nor_deleted(
        self, lonely: httpx.AsyncClient
    ) -> None:
        root = await login(lonely, ADMIN_EMAIL, ADMIN_PASSWORD)
        uid = await user_id(lonely, root)
        for response in (
            await patch(lonely, root, uid, role="user"),
            await patch(lonely, root, uid, disabled=True),
            await lonely.delete(f"/api/v1/admin/users/{uid}", headers=root.bearer),
            await lonely.request(
                "DELETE", "/api/v1/auth/me", json={"current_password": ADMIN_PASSWORD}, headers=root.bearer
            ),
        ):
            assert response.status_code == 409, response.text
            assert response.json()["title"] == "Last admin"
        assert (await lonely.get("/api/v1/admin/users", headers=root.bearer)).status_code == 200

        deputy = await signed_up(lonely)
        await patch(lonely, root, await user_id(lonely, deputy), role="admin")
        assert (await patch(lonely, root, uid, role="user")).status_code == 200
        assert (await patch(lonely, deputy, await user_id(lonely, deputy), role="user")).status_code == 409
        assert (await patch(lonely, deputy, uid, role="admin")).status_code == 200
