"""The gateway as the only door: who gets through to which service, and what happens when one is down."""

import httpx
from support.accounts import ADMIN_EMAIL, ADMIN_PASSWORD, login, signed_up

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
        detail = await gateway.get(f"/api/v1/support/tickets/{number}", headers=account.bearer)
        assert detail.status_code == 200
        other = await signed_up(gateway)
        assert (
            await gateway.get(f"/api/v1/support/tickets/{number}", headers=other.bearer)
        ).status_code == 404

    async def test_anonymous_callers_get_401_and_users_get_403_on_admin_paths(
        self, gateway: httpx.AsyncClient
    ) -> None:
        assert (await gateway.get("/api/v1/support/tickets")).status_code == 401
        account = await signed_up(gateway)
        for path in (
            "/api/v1/admin/support/tickets",
            "/api/v1/admin/webhooks",
            "/api/v1/admin/github/status",
        ):
            response = await gateway.get(path, headers=account.bearer)
            assert response.status_code == 403, path
            assert response.headers["content-type"] == "application/problem+json"

    async def test_an_unreachable_service_is_a_502_problem_not_a_hang(
        self, gateway: httpx.AsyncClient
    ) -> None:
        admin = await login(gateway, ADMIN_EMAIL, ADMIN_PASSWORD)
        response = await gateway.get("/api/v1/admin/webhooks", headers=admin.bearer)
        assert response.status_code == 502
        assert "webhooks" in response.json()["detail"]

    async def test_unknown_api_paths_are_404_and_request_ids_come_back(
        self, gateway: httpx.AsyncClient
    ) -> None:
        response = await gateway.get("/api/v1/nothing-here", headers={"x-request-id": "trace-me-123"})
        assert response.status_code == 404
        assert response.headers["x-request-id"] == "trace-me-123"

    async def test_the_gateway_does_not_pass_credentials_on(self, gateway: httpx.AsyncClient) -> None:
        # The tickets service only trusts the internal token: a bearer sent straight to it means nothing.
        account = await signed_up(gateway)
        forged = await gateway.get(
            "/api/v1/support/tickets", headers={**account.bearer, "x-internal-token": "forged"}
        )
        assert forged.status_code == 200  # the gateway replaced the forged header with a real token
