"""The gateway as the only door: who gets through to which service, what travels with a request, how
bodies stream, and what happens when a service is down or slow."""

import asyncio
import logging
from collections.abc import AsyncIterator

import httpx
import jwt
import pytest

from devtools.github_standin import deliver, example
from devtools.servers import free_port, serve
from gateway.app import create_app
from gateway.config import GatewaySettings
from shared.dev_keys import DEV_INTERNAL_PUBLIC_KEY
from support.accounts import admin, api_token, bearer, signed_up
from support.gateway import GatewayFactory
from support.github import WEBHOOK_SECRET
from support.rawhttp import raw_get
from support.upstream import MB, StandIn, stand_in_app

TICKET = {
    "type": "feature",
    "title": "Let me rate episodes, not just shows",
    "description": "A per-episode star rating would help me pick what to rewatch.",
}


class TestRouting:
    async def test_a_user_files_and_reads_a_ticket_through_the_gateway(
        self, gateway: httpx.AsyncClient
    ) -> None:
        account = await signed_up(gateway)
        created = await gateway.post("/api/v1/support/tickets", json=TICKET, headers=account.bearer)
        assert created.status_code == 201, created.text
        assert created.json()["reporter"]["username"] == account.username
        number = created.json()["ticket_number"]
        for ref in (str(number), f"%23{number}"):  # "#1234", percent-encoded, must not become a fragment
            detail = await gateway.get(f"/api/v1/support/tickets/{ref}", headers=account.bearer)
            assert detail.status_code == 200, ref
            assert detail.json()["ticket_number"] == number
        other = await signed_up(gateway)
        assert (
            await gateway.get(f"/api/v1/support/tickets/{number}", headers=other.bearer)
        ).status_code == 404

    async def test_a_proxied_answer_carries_each_header_once(self, gateway: httpx.AsyncClient) -> None:
        account = await signed_up(gateway)
        for response in (
            await gateway.post("/api/v1/support/tickets", json={}, headers=account.bearer),  # 422
            await gateway.get("/api/v1/support/tickets/999999", headers=account.bearer),  # 404
            await gateway.get("/api/v1/support/tickets", headers=account.bearer),  # 200
        ):
            repeated = {k for k in response.headers if len(response.headers.get_list(k)) > 1}
            assert repeated == set(), (response.status_code, repeated)
            assert response.headers["x-request-id"]

    async def test_each_api_request_is_logged_once_without_its_query(
        self, gateway: httpx.AsyncClient, caplog: pytest.LogCaptureFixture
    ) -> None:
        account = await signed_up(gateway)
        caplog.set_level(logging.INFO, logger="access")
        response = await gateway.get(
            "/api/v1/support/tickets",
            params={"q": "my secret search"},
            headers={**account.bearer, "x-request-id": "log-me-7"},
        )
        assert response.status_code == 200
        lines = [r.getMessage() for r in caplog.records if r.name == "access"]
        assert [line for line in lines if "log-me-7" in line] == [
            next(line for line in lines if line.startswith("GET /api/v1/support/tickets 200 "))
        ]
        assert not [line for line in lines if "secret" in line]

    async def test_anonymous_callers_get_401_and_users_get_403_on_admin_paths(
        self, gateway: httpx.AsyncClient
    ) -> None:
        assert (await gateway.get("/api/v1/support/tickets")).status_code == 401
        account = await signed_up(gateway)
        for path in (
            "/api/v1/admin/support/tickets",
            "/api/v1/admin/webhooks",
            "/api/v1/admin/github/status",
            "/api/v1/admin/users",
        ):
            response = await gateway.get(path, headers=account.bearer)
            assert response.status_code == 403, path
            assert response.headers["content-type"] == "application/problem+json"

    async def test_unknown_api_paths_are_404_and_request_ids_come_back(
        self, gateway: httpx.AsyncClient
    ) -> None:
        response = await gateway.get("/api/v1/nothing-here", headers={"x-request-id": "trace-me-123"})
        assert response.status_code == 404
        assert response.headers["x-request-id"] == "trace-me-123"

    async def test_the_services_own_descriptions_are_not_reachable_through_the_gateway(
        self, gateway: httpx.AsyncClient
    ) -> None:
        root = await admin(gateway)
        for path in ("/openapi.json", "/docs", "/api/v1/openapi.json", "/api/v1/support/openapi.json"):
            response = await gateway.get(path, headers=root.bearer)
            # Not found, or (where the web UI is built) the UI's own page for an unknown route: never a
            # service's description or FastAPI's docs.
            assert response.status_code in (200, 404), path
            assert '"openapi"' not in response.text, path
            assert "swagger" not in response.text.lower(), path

    async def test_githubs_signed_deliveries_get_through_without_a_login_and_unsigned_ones_do_not(
        self, gateway: httpx.AsyncClient
    ) -> None:
        hook = "/integrations/github/webhook"
        ping = await deliver(hook, WEBHOOK_SECRET, "ping", example("ping"), client=gateway)
        assert (ping.status_code, ping.json()["outcome"]) == (200, "pong")
        forged = await deliver(hook, "guessed", "ping", example("ping"), client=gateway)
        assert forged.status_code == 401
        assert forged.headers["content-type"] == "application/problem+json"

    async def test_the_gateway_does_not_pass_credentials_on(self, gateway: httpx.AsyncClient) -> None:
        # The tickets service only trusts the internal token: a bearer sent straight to it means nothing.
        account = await signed_up(gateway)
        forged = await gateway.get(
            "/api/v1/support/tickets", headers={**account.bearer, "x-internal-token": "forged"}
        )
        assert forged.status_code == 200  # the gateway replaced the forged header with a real token


class TestUpstreamTrouble:
    async def test_an_unreachable_service_is_a_502_problem_and_readyz_names_it(
        self, make_gateway: GatewayFactory
    ) -> None:
        dead = f"http://127.0.0.1:{free_port()}"
        async with make_gateway(webhooks_url=dead) as gateway:
            root = await admin(gateway)
            response = await gateway.get("/api/v1/admin/webhooks", headers=root.bearer)
            assert response.status_code == 502
            assert response.headers["content-type"] == "application/problem+json"
            assert "webhooks" in response.json()["detail"]
            ready = await gateway.get("/readyz")
            assert ready.status_code == 503
            checks = ready.json()["checks"]
            assert checks["webhooks"].startswith("down")
            assert checks["tickets"] == "ok"


@pytest.fixture
async def stand_in() -> AsyncIterator[tuple[StandIn, str]]:
    upstream = StandIn()
    async with serve(stand_in_app(upstream), free_port()) as url:
        try:
            yield upstream, url
        finally:
            upstream.released.set()  # let the slow request end, or the server waits for it


@pytest.fixture
async def served_gateway(
    gateway_settings: GatewaySettings, stand_in: tuple[StandIn, str]
) -> AsyncIterator[httpx.AsyncClient]:
    """A gateway on a real socket (in-process transports buffer bodies) in front of the stand-in."""
    settings = gateway_settings.model_copy(update={"tickets_url": stand_in[1], "upstream_timeout": 1.0})
    async with (
        serve(create_app(settings), free_port()) as url,
        httpx.AsyncClient(base_url=url, trust_env=False, timeout=60) as client,
    ):
        yield client


class TestForwarding:
    async def test_the_service_gets_a_fresh_internal_token_the_request_id_and_the_trace(
        self, served_gateway: httpx.AsyncClient, stand_in: tuple[StandIn, str]
    ) -> None:
        account = await signed_up(served_gateway)
        trace_id = "0af7651916cd43dd8448eb211c80319c"
        response = await served_gateway.get(
            "/api/v1/support/echo/a%23b?x=1&y=%2F",
            headers={
                **account.bearer,
                "cookie": "revenge_session=whatever",
                "x-request-id": "req-42",
                "traceparent": f"00-{trace_id}-b7ad6b7169203331-01",
            },
        )
        assert response.status_code == 200, response.text
        seen = response.json()
        assert seen["raw_path"] == "/api/v1/support/echo/a%23b"
        assert seen["query"] == "x=1&y=%2F"
        headers = seen["headers"]
        assert "authorization" not in headers
        assert "cookie" not in headers
        assert headers["x-request-id"] == "req-42"
        assert headers["traceparent"].split("-")[1] == trace_id
        claims = jwt.decode(
            headers["x-internal-token"], DEV_INTERNAL_PUBLIC_KEY, algorithms=["EdDSA"], audience="tickets"
        )
        assert claims["username"] == account.username
        assert claims["role"] == "user"
        assert claims["exp"] - claims["iat"] == 60

    async def test_an_admins_token_without_the_admin_scope_reaches_services_as_a_user(
        self, served_gateway: httpx.AsyncClient
    ) -> None:
        root = await admin(served_gateway)
        roles = {}
        for scopes in (["read"], ["read", "admin"]):
            token = await api_token(served_gateway, root, scopes)
            seen = (await served_gateway.get("/api/v1/support/echo/x", headers=bearer(token))).json()
            claims = jwt.decode(
                seen["headers"]["x-internal-token"],
                DEV_INTERNAL_PUBLIC_KEY,
                algorithms=["EdDSA"],
                audience="tickets",
            )
            roles[tuple(scopes)] = claims["role"]
        assert roles == {("read",): "user", ("read", "admin"): "admin"}

    async def test_paths_that_could_climb_out_of_their_prefix_are_refused_at_the_gateway(
        self, served_gateway: httpx.AsyncClient, stand_in: tuple[StandIn, str]
    ) -> None:
        upstream, _ = stand_in
        account = await signed_up(served_gateway)
        for target in (
            "/api/v1/support/x/../echo/y",
            "/api/v1/support/x/%2e%2e/echo/y",
            "/api/v1/support/x/..%2fecho/y",
            "/api/v1/support//echo/y",
            "/api/v1/support/../admin/github/status",
        ):
            status, body = await raw_get(str(served_gateway.base_url), target, account.bearer)
            assert status == 404, (target, body)
            assert b"No API at" in body
        assert upstream.seen == []

    async def test_a_10_mb_upload_streams_through_without_being_gathered_first(
        self, served_gateway: httpx.AsyncClient, stand_in: tuple[StandIn, str]
    ) -> None:
        upstream, _ = stand_in
        account = await signed_up(served_gateway)

        async def body() -> AsyncIterator[bytes]:
            yield b"u" * MB
            # The service must have the first megabyte before the client sends the rest.
            await asyncio.wait_for(upstream.first_upload_chunk.wait(), 30)
            for _ in range(9):
                yield b"u" * MB

        response = await served_gateway.post("/api/v1/support/upload", content=body(), headers=account.bearer)
        assert response.status_code == 200, response.text
        assert response.json() == {"bytes": 10 * MB}

    async def test_a_10_mb_download_streams_through_without_being_gathered_first(
        self, served_gateway: httpx.AsyncClient, stand_in: tuple[StandIn, str]
    ) -> None:
        upstream, _ = stand_in
        account = await signed_up(served_gateway)
        received = 0
        async with served_gateway.stream(
            "GET", "/api/v1/support/download", headers=account.bearer
        ) as response:
            assert response.status_code == 200
            async for chunk in response.aiter_bytes():
                received += len(chunk)
                if received >= MB:
                    upstream.download_may_go_on.set()
        assert received == 10 * MB

    async def test_a_slow_service_is_a_504_problem_after_the_configured_timeout(
        self, served_gateway: httpx.AsyncClient
    ) -> None:
        account = await signed_up(served_gateway)
        response = await served_gateway.get("/api/v1/support/slow", headers=account.bearer)
        assert response.status_code == 504
        assert response.headers["content-type"] == "application/problem+json"
        assert "tickets" in response.json()["detail"]
