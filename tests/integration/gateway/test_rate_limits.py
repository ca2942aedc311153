"""Rate limits and login slow-down, with the in-process backend and with Redis (the real server)."""

import secrets
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from typing import Any

import httpx
import pytest

from devtools.servers import free_port
from gateway.ratelimit.rate import Rate
from support.accounts import register, signed_up
from support.gateway import GatewayFactory

TICKET = {
    "type": "bug",
    "title": "The app crashes when I open settings",
    "description": "Opening settings on Android closes the app at once.",
    "severity": "medium",
}
Limited = Callable[..., AbstractAsyncContextManager[httpx.AsyncClient]]


@pytest.fixture
def limited(request: pytest.FixtureRequest, make_gateway: GatewayFactory) -> Limited:
    """A gateway with small limits (given as settings), counting in-process, or in Redis for the tests
    marked ``BOTH_BACKENDS`` (the unit tests hold both backends to the same behaviour)."""
    backend: dict[str, str] = {}
    if getattr(request, "param", "memory") == "redis":
        backend = {
            "redis_url": "redis://127.0.0.1:6379/0",
            "redis_key_prefix": f"test-{secrets.token_hex(4)}:",
        }

    @asynccontextmanager
    async def make(**limits: Any) -> AsyncIterator[httpx.AsyncClient]:
        # The test talks as several addresses through a proxy the gateway trusts.
        async with make_gateway(trusted_proxies="127.0.0.1", **backend, **limits) as gateway:
            yield gateway

    return make


BOTH_BACKENDS = pytest.mark.parametrize("limited", ["memory", "redis"], indirect=True)


def at(address: str) -> dict[str, str]:
    return {"x-forwarded-for": address}


async def attempt(gateway: httpx.AsyncClient, email: str, password: str, address: str) -> httpx.Response:
    return await gateway.post(
        "/api/v1/auth/login", json={"email": email, "password": password}, headers=at(address)
    )


def assert_429(response: httpx.Response) -> int:
    assert response.status_code == 429, response.text
    assert response.headers["content-type"] == "application/problem+json"
    retry_after = int(response.headers["retry-after"])
    assert retry_after >= 1
    return retry_after


class TestLoginSlowDown:
    @BOTH_BACKENDS
    async def test_repeated_failures_lock_the_account_for_a_while_from_anywhere(
        self, limited: Limited
    ) -> None:
        async with limited(login_failures_per_account=3, login_delay_seconds=30.0) as gateway:
            email, _, password = await register(gateway)
            for _ in range(3):
                assert (await attempt(gateway, email, "wrong guess here", "10.0.0.1")).status_code == 401
            # Now even the right password waits, and from another address too: the account is locked.
            retry_after = assert_429(await attempt(gateway, email, password, "10.0.0.2"))
            assert 25 <= retry_after <= 30
            # Someone else is not held up.
            other_email, _, other_password = await register(gateway)
            assert (await attempt(gateway, other_email, other_password, "10.0.0.1")).status_code == 200

    async def test_an_unknown_email_slows_down_exactly_like_a_known_one(self, limited: Limited) -> None:
        async with limited(login_failures_per_account=2) as gateway:
            known, _, _ = await register(gateway)
            answers = {}
            for email in (known, f"nobody-{secrets.token_hex(4)}@example.com"):
                statuses = [
                    (await attempt(gateway, email, "wrong guess here", "10.0.1.1")).status_code
                    for _ in range(3)
                ]
                answers[email] = statuses
            assert list(answers.values()) == [[401, 401, 429], [401, 401, 429]]

    async def test_the_first_lock_lasts_the_configured_delay(self, limited: Limited) -> None:
        async with limited(login_failures_per_account=1, login_delay_seconds=10.0) as gateway:
            email, _, _ = await register(gateway)
            assert (await attempt(gateway, email, "wrong guess here", "10.0.2.1")).status_code == 401
            first = assert_429(await attempt(gateway, email, "wrong guess here", "10.0.2.1"))
            assert 8 <= first <= 10

    @BOTH_BACKENDS
    async def test_many_failures_from_one_address_slow_that_address_down(self, limited: Limited) -> None:
        async with limited(login_failures_per_address=4, login_failures_per_account=100) as gateway:
            people = [await register(gateway) for _ in range(3)]
            for email, _, _ in people[:2]:
                for _ in range(2):
                    assert (await attempt(gateway, email, "wrong guess here", "10.0.3.1")).status_code == 401
            email, _, password = people[2]
            assert_429(await attempt(gateway, email, password, "10.0.3.1"))
            assert (await attempt(gateway, email, password, "10.0.3.2")).status_code == 200

    async def test_a_success_clears_the_accounts_failures(self, limited: Limited) -> None:
        async with limited(login_failures_per_account=3) as gateway:
            email, _, password = await register(gateway)
            for _ in range(2):
                await attempt(gateway, email, "wrong guess here", "10.0.4.1")
            assert (await attempt(gateway, email, password, "10.0.4.1")).status_code == 200
            for _ in range(2):
                assert (await attempt(gateway, email, "wrong guess here", "10.0.4.1")).status_code == 401
            assert (await attempt(gateway, email, password, "10.0.4.1")).status_code == 200

    @BOTH_BACKENDS
    async def test_logins_per_address_are_limited_whatever_the_outcome(self, limited: Limited) -> None:
        async with limited(rate_limit_login_per_address=Rate(3, 60)) as gateway:
            email, _, password = await register(gateway)
            for _ in range(3):
                assert (await attempt(gateway, email, password, "10.0.5.1")).status_code == 200
            retry_after = assert_429(await attempt(gateway, email, password, "10.0.5.1"))
            assert retry_after <= 20
            assert (await attempt(gateway, email, password, "10.0.5.2")).status_code == 200


class TestActionLimits:
    @BOTH_BACKENDS
    async def test_tickets_per_user(self, limited: Limited) -> None:
        async with limited(rate_limit_tickets_per_user=Rate(2, 3600)) as gateway:
            account, other = await signed_up(gateway), await signed_up(gateway)
            for _ in range(2):
                filed = await gateway.post("/api/v1/support/tickets", json=TICKET, headers=account.bearer)
                assert filed.status_code == 201, filed.text
            retry_after = assert_429(
                await gateway.post("/api/v1/support/tickets", json=TICKET, headers=account.bearer)
            )
            assert 1700 <= retry_after <= 1800  # one more ticket per half hour
            assert (await gateway.get("/api/v1/support/tickets", headers=account.bearer)).status_code == 200
            assert (
                await gateway.post("/api/v1/support/tickets", json=TICKET, headers=other.bearer)
            ).status_code == 201

    async def test_tickets_per_address(self, limited: Limited) -> None:
        async with limited(rate_limit_tickets_per_address=Rate(3, 3600)) as gateway:
            people = [await signed_up(gateway) for _ in range(2)]
            statuses = [
                (
                    await gateway.post(
                        "/api/v1/support/tickets", json=TICKET, headers={**person.bearer, **at("10.1.0.1")}
                    )
                ).status_code
                for person in people
                for _ in range(2)
            ]
            assert statuses == [201, 201, 201, 429]
            elsewhere = {**people[0].bearer, **at("10.1.0.2")}
            assert (
                await gateway.post("/api/v1/support/tickets", json=TICKET, headers=elsewhere)
            ).status_code == 201

    async def test_comments_per_user(self, limited: Limited) -> None:
        async with limited(rate_limit_comments_per_user=Rate(2, 3600)) as gateway:
            account = await signed_up(gateway)
            number = (
                await gateway.post("/api/v1/support/tickets", json=TICKET, headers=account.bearer)
            ).json()["ticket_number"]
            path = f"/api/v1/support/tickets/{number}/comments"
            for n in range(2):
                reply = await gateway.post(
                    path, json={"comment": f"More detail, part {n}."}, headers=account.bearer
                )
                assert reply.status_code == 201, reply.text
            assert_429(await gateway.post(path, json={"comment": "And more."}, headers=account.bearer))

    async def test_password_reset_requests_per_address(self, limited: Limited) -> None:
        async with limited(rate_limit_password_reset_per_address=Rate(2, 3600)) as gateway:
            statuses = [
                (
                    await gateway.post(
                        "/api/v1/auth/password-reset",
                        json={"email": "someone@example.com"},
                        headers=at("10.2.0.1"),
                    )
                ).status_code
                for _ in range(3)
            ]
            assert statuses == [202, 202, 429]


class TestRedisDown:
    async def test_an_unreachable_redis_lets_requests_through_and_readyz_says_so(
        self, make_gateway: GatewayFactory
    ) -> None:
        async with make_gateway(
            redis_url=f"redis://127.0.0.1:{free_port()}/0", rate_limit_login_per_address=Rate(1, 3600)
        ) as gateway:
            email, _, password = await register(gateway)
            for _ in range(2):
                assert (await attempt(gateway, email, password, "10.3.0.1")).status_code == 200
            ready = await gateway.get("/readyz")
            assert ready.status_code == 503
            assert ready.json()["checks"]["redis"].startswith("down")
