"""Security headers on every response, and CORS only for the origins an operator lists."""

import httpx

from support.accounts import register, signed_up
from support.gateway import GatewayFactory


def assert_hardened(response: httpx.Response) -> None:
    csp = response.headers["content-security-policy"]
    for directive in (
        "default-src 'self'",
        "script-src 'self'",
        "frame-ancestors 'none'",
        "object-src 'none'",
    ):
        assert directive in csp, (response.url, csp)
    assert "unsafe-inline" not in csp
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "same-origin"
    assert response.headers["x-frame-options"] == "DENY"


class TestSecurityHeaders:
    async def test_every_kind_of_response_carries_them(self, gateway: httpx.AsyncClient) -> None:
        account = await signed_up(gateway)
        responses = [
            await gateway.get("/api/v1/auth/me", headers=account.bearer),  # the gateway's own
            await gateway.get("/api/v1/support/tickets", headers=account.bearer),  # forwarded
            await gateway.get("/api/v1/support/tickets"),  # refused
            await gateway.get("/api/v1/nowhere"),  # unknown
            await gateway.get("/api/docs"),
            await gateway.get("/healthz"),
        ]
        for response in responses:
            assert_hardened(response)
        assert [r.status_code for r in responses] == [200, 200, 401, 404, 200, 200]

    async def test_api_answers_are_not_cached_and_plain_http_has_no_hsts(
        self, gateway: httpx.AsyncClient
    ) -> None:
        account = await signed_up(gateway)
        for response in (
            await gateway.get("/api/v1/auth/me", headers=account.bearer),
            await gateway.get("/api/v1/support/tickets", headers=account.bearer),
        ):
            assert response.headers["cache-control"] == "no-store"
            assert "strict-transport-security" not in response.headers

    async def test_an_https_site_gets_hsts_and_secure_cookies(self, make_gateway: GatewayFactory) -> None:
        async with make_gateway(public_url="https://support.example") as gateway:
            email, _, password = await register(gateway)
            response = await gateway.post("/api/v1/auth/login", json={"email": email, "password": password})
            assert response.headers["strict-transport-security"].startswith("max-age=")
            cookies = [c.lower() for c in response.headers.get_list("set-cookie")]
            assert len(cookies) == 2
            assert all("; secure" in c and "samesite=lax" in c for c in cookies)


class TestCors:
    async def test_off_unless_configured(self, gateway: httpx.AsyncClient) -> None:
        preflight = await gateway.options(
            "/api/v1/auth/me",
            headers={"origin": "https://app.example", "access-control-request-method": "GET"},
        )
        assert "access-control-allow-origin" not in preflight.headers
        simple = await gateway.get("/api/v1/auth/me", headers={"origin": "https://app.example"})
        assert "access-control-allow-origin" not in simple.headers

    async def test_listed_origins_only_with_credentials(self, make_gateway: GatewayFactory) -> None:
        async with make_gateway(cors_origins="https://app.example, https://other.example") as gateway:
            preflight = await gateway.options(
                "/api/v1/support/tickets",
                headers={
                    "origin": "https://app.example",
                    "access-control-request-method": "POST",
                    "access-control-request-headers": "content-type, x-csrf-token",
                },
            )
            assert preflight.status_code == 200
            assert preflight.headers["access-control-allow-origin"] == "https://app.example"
            assert preflight.headers["access-control-allow-credentials"] == "true"
            assert "x-csrf-token" in preflight.headers["access-control-allow-headers"].lower()
            assert_hardened(preflight)
            stranger = await gateway.options(
                "/api/v1/support/tickets",
                headers={"origin": "https://evil.example", "access-control-request-method": "POST"},
            )
            assert "access-control-allow-origin" not in stranger.headers
            simple = await gateway.get("/api/v1/auth/me", headers={"origin": "https://other.example"})
            assert simple.headers["access-control-allow-origin"] == "https://other.example"
