"""The access-control matrix: every operation of the merged OpenAPI description times every kind of caller,
checked against what the rules below say that caller should get.

The operations come from the running product's description (so a service's new routes are in the matrix
the moment they exist); what each caller should get comes from the rules in this file. An operation no
rule covers fails the suite, and so does one whose declared access (``x-revenge-access``) disagrees
with its rule: a new route gets its check or the suite says so.

The services are also asked directly, as someone who got past the network but not the gateway: a
forged internal token, one minted for another service, an expired one, or none at all is 401 on every
route they serve.
"""

import re
import uuid
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest

from support.accounts import Account, admin, api_token, bearer, cookie, login, signed_up
from support.apps import client_for
from support.clock import expire_session
from support.tokens import Person, expired_headers, forged_headers

METHODS = ("get", "put", "post", "delete", "patch")
SAFE = {"get", "head", "options"}
MISSING = "999999999"


@dataclass(frozen=True)
class Rule:
    """What an operation needs. ``owned``: its ``{ticket_ref}`` is someone's own ticket (another user,
    and an admin on the user endpoints, get 404). ``ends_session``: calling it may end the caller's
    session, so each call gets a fresh one."""

    path: str
    role: str  # public | user | admin
    tokens: bool = True  # whether personal API tokens may call it
    methods: frozenset[str] = frozenset(METHODS)
    owned: bool = False
    ends_session: bool = False
    # Public at the gateway, but the service checks a signature none of the callers can make (GitHub's
    # X-Hub-Signature-256): nobody gets through (401 from the service; a read-only token that tries an
    # unsafe method is already refused at the gateway, 403).
    signed: bool = False

    def matches(self, path: str, method: str) -> bool:
        return re.fullmatch(self.path, path) is not None and method in self.methods


RULES = (
    Rule(r"/api/v1/auth/(register|login|password-reset|password-reset/confirm)", "public"),
    Rule(r"/api/v1/auth/oidc(/login|/callback)?", "public"),
    Rule(r"/api/v1/auth/me", "user", methods=frozenset({"get", "patch"})),
    Rule(r"/api/v1/auth/me", "user", tokens=False, methods=frozenset({"delete"}), ends_session=True),
    Rule(r"/api/v1/auth/logout", "user", tokens=False, ends_session=True),
    Rule(r"/api/v1/auth/password", "user", tokens=False),
    Rule(r"/api/v1/auth/tokens(/\{token_id\})?", "user", tokens=False),
    Rule(r"/api/v1/admin/.+", "admin"),
    Rule(r"/api/v1/support/tickets/\{ticket_ref\}(/.*)?", "user", owned=True),
    Rule(r"/api/v1/support(/.*)?", "user"),
    Rule(r"/api/v1/notifications(/.*)?", "user"),
    Rule(r"/integrations/github/.+", "public", signed=True),
)


def rule_for(path: str, method: str) -> Rule | None:
    return next((rule for rule in RULES if rule.matches(path, method)), None)


@dataclass(frozen=True)
class Operation:
    path: str
    method: str
    service: str
    access: dict[str, Any]
    has_body: bool

    def __str__(self) -> str:
        return f"{self.method.upper()} {self.path}"


def operations(spec: dict[str, Any]) -> list[Operation]:
    return [
        Operation(path, method, op["x-revenge-service"], op["x-revenge-access"], "requestBody" in op)
        for path, item in spec["paths"].items()
        for method, op in item.items()
        if method in METHODS
    ]


@dataclass
class Cast:
    """The callers, and a ticket that belongs to "user"."""

    headers: dict[str, dict[str, str]]
    ticket_number: int
    fresh: dict[str, Callable[[], Any]] = field(default_factory=dict)


# Who each caller is: (kind, account role, token scopes or None for a session).
PERSONAS = {
    "anonymous": "nobody",
    "user": "a user's session (bearer)",
    "browser": "the same user's session cookie with its CSRF token",
    "other": "another user's session",
    "admin": "an admin's session",
    "user_token": "a user's API token (read, write)",
    "user_read_token": "a user's API token (read)",
    "admin_token": "an admin's API token without the admin scope",
    "admin_scoped_token": "an admin's API token with the admin scope",
    "disabled": "a disabled user's former session",
    "expired": "a session past its expiry",
    "revoked": "a revoked API token",
}
DEAD = {"disabled", "expired", "revoked"}


@pytest.fixture(scope="module")
async def spec(gateway_transport: httpx.ASGITransport) -> dict[str, Any]:
    async with client_for(gateway_transport, "http://gateway.test") as client:
        body: dict[str, Any] = (await client.get("/api/openapi.json")).json()
    assert "x-revenge-missing" not in body["info"], "a service is down: the matrix would miss its routes"
    return body


@pytest.fixture(scope="module")
async def cast(gateway_transport: httpx.ASGITransport, database_url: str) -> AsyncIterator[Cast]:
    async with client_for(gateway_transport, "http://gateway.test") as client:
        user, other, root = await signed_up(client), await signed_up(client), await admin(client)
        ticket = await client.post(
            "/api/v1/support/tickets",
            json={"type": "support", "title": "Matrix ticket", "description": "Owned by the matrix user."},
            headers=user.bearer,
        )
        assert ticket.status_code == 201, ticket.text

        disabled = await signed_up(client)
        me = (await client.get("/api/v1/auth/me", headers=disabled.bearer)).json()
        off = await client.patch(
            f"/api/v1/admin/users/{me['id']}", json={"disabled": True}, headers=root.bearer
        )
        assert off.status_code == 200
        expired = await signed_up(client)
        await expire_session(database_url, expired.token)
        revoked = await api_token(client, user, ["read", "write"], name="to revoke")
        [listed] = [
            t
            for t in (await client.get("/api/v1/auth/tokens", headers=user.bearer)).json()
            if t["name"] == "to revoke"
        ]
        assert (
            await client.delete(f"/api/v1/auth/tokens/{listed['id']}", headers=user.bearer)
        ).status_code == 204

        headers = {
            "anonymous": {},
            "user": user.bearer,
            "browser": cookie(user),
            "other": other.bearer,
            "admin": root.bearer,
            "user_token": bearer(await api_token(client, user, ["read", "write"])),
            "user_read_token": bearer(await api_token(client, user, ["read"])),
            "admin_token": bearer(await api_token(client, root, ["read", "write"])),
            "admin_scoped_token": bearer(await api_token(client, root, ["read", "write", "admin"])),
            "disabled": disabled.bearer,
            "expired": expired.bearer,
            "revoked": bearer(revoked),
        }
        accounts: dict[str, Account] = {"user": user, "browser": user, "other": other, "admin": root}
        result = Cast(headers, ticket.json()["ticket_number"])

        def refresher(account: Account, as_cookie: bool) -> Callable[[], Any]:
            async def fresh() -> dict[str, str]:
                again = await login(client, account.email, account.password)
                return cookie(again) if as_cookie else again.bearer

            return fresh

        result.fresh = {name: refresher(acc, name == "browser") for name, acc in accounts.items()}
        yield result


def target(operation: Operation, rule: Rule, cast: Cast) -> str:
    """The operation's path with its parameters filled: the user's real ticket where ownership is the
    point, otherwise ids that exist nowhere (an allowed caller then gets a harmless 404)."""

    def fill(match: re.Match[str]) -> str:
        name = match[1]
        if name == "ticket_ref" and rule.owned:
            return str(cast.ticket_number)
        return str(uuid.uuid4()) if name.endswith("id") else MISSING

    return re.sub(r"\{([^}]+)\}", fill, operation.path)


def expectation(persona: str, operation: Operation, rule: Rule) -> str:
    """``allowed`` (past the access check: anything but 401/403), ``own`` (allowed, and the ticket is
    found), or an exact status."""
    if rule.signed:
        return "refused"
    if rule.role == "public":
        return "allowed" if persona not in DEAD else "public-with-dead-credentials"
    if persona == "anonymous" or persona in DEAD:
        return "401"
    is_token = persona.endswith("token")
    if is_token and not rule.tokens:
        return "403"
    if persona == "user_read_token" and operation.method not in SAFE:
        return "403"
    acts_as_admin = persona in {"admin", "admin_scoped_token"}
    if rule.role == "admin":
        return "allowed" if acts_as_admin else "403"
    if rule.owned:
        if persona in {"user", "browser", "user_token", "user_read_token"}:
            # Found, unless the path names a sub-resource too (filled with an id that exists nowhere).
            return "own" if operation.path.count("{") == 1 else "allowed"
        # Someone else's ticket is not there. The matrix sends an empty body to unsafe methods, and a
        # service may refuse that (422) before it looks the ticket up; that reveals nothing either.
        return "404" if operation.method in SAFE or not operation.has_body else "404-or-422"
    return "allowed"


def verdict(expected: str, status: int) -> bool:
    if status >= 500:
        return False
    if expected == "allowed":
        return status not in (401, 403)
    if expected == "own":
        return status not in (401, 403, 404)
    if expected == "refused":
        return status in (401, 403)
    if expected == "404-or-422":
        return status in (404, 422)
    if expected == "public-with-dead-credentials":
        return status != 403  # the gateway may refuse the dead credential (401) or not look at it
    return status == int(expected)


async def call(client: httpx.AsyncClient, operation: Operation, path: str, headers: dict[str, str]) -> int:
    body = {} if operation.has_body and operation.method not in SAFE else None
    response = await client.request(operation.method.upper(), path, json=body, headers=headers)
    return response.status_code


class TestTheRules:
    def test_every_operation_is_covered_by_a_rule_that_agrees_with_its_declared_access(
        self, spec: dict[str, Any]
    ) -> None:
        problems = []
        for operation in operations(spec):
            rule = rule_for(operation.path, operation.method)
            if rule is None:
                problems.append(f"{operation}: no rule in test_access_matrix.RULES covers it")
                continue
            declared = operation.access
            credentials = (
                ["session", "api_token"]
                if rule.tokens and rule.role != "public"
                else (["session"] if rule.role != "public" else [])
            )
            if declared["role"] != rule.role or declared["credentials"] != credentials:
                problems.append(f"{operation}: declares {declared}, the rule says {rule}")
        assert problems == []

    def test_the_matrix_sees_every_service(self, spec: dict[str, Any]) -> None:
        services = {operation.service for operation in operations(spec)}
        assert {"gateway", "tickets", "webhooks", "github-sync"} <= services


@pytest.mark.parametrize("persona", list(PERSONAS))
async def test_each_caller_gets_what_the_rules_say(
    persona: str, spec: dict[str, Any], cast: Cast, gateway_transport: httpx.ASGITransport
) -> None:
    mismatches = []
    async with client_for(gateway_transport, "http://gateway.test") as client:
        for operation in operations(spec):
            rule = rule_for(operation.path, operation.method)
            assert rule is not None, operation
            expected = expectation(persona, operation, rule)
            headers = cast.headers[persona]
            if rule.ends_session and persona in cast.fresh:
                headers = await cast.fresh[persona]()
            status = await call(client, operation, target(operation, rule, cast), headers)
            if not verdict(expected, status):
                mismatches.append(f"{operation} as {persona}: expected {expected}, got {status}")
    assert mismatches == []


@pytest.fixture(scope="module")
def service_urls(
    tickets_url: str, notifier_url: str, webhooks_url: str, github_sync_url: str
) -> dict[str, str]:
    return {
        "tickets": tickets_url,
        "notifier": notifier_url,
        "webhooks": webhooks_url,
        "github-sync": github_sync_url,
    }


def other_audience(service: str) -> str:
    return "webhooks" if service != "webhooks" else "tickets"


SOMEONE = Person(username="matrix-admin", role="admin")
DIRECT = {
    "no token": lambda service: {},
    "forged internal token": lambda service: forged_headers(SOMEONE, audience=service),
    "token for another service's audience": lambda service: SOMEONE.headers(audience=other_audience(service)),
    "expired internal token": lambda service: expired_headers(SOMEONE, audience=service),
    "garbage": lambda service: {"X-Internal-Token": "not.a.jwt"},
}


@pytest.mark.parametrize("forgery", list(DIRECT))
async def test_services_reached_directly_refuse_anything_but_the_gateways_token(
    forgery: str, spec: dict[str, Any], cast: Cast, service_urls: dict[str, str]
) -> None:
    mismatches = []
    checked = 0
    async with httpx.AsyncClient(trust_env=False, timeout=10) as client:
        for operation in operations(spec):
            rule = rule_for(operation.path, operation.method)
            assert rule is not None, operation
            if operation.service == "gateway" or (rule.role == "public" and not rule.signed):
                continue
            url = service_urls[operation.service] + target(operation, rule, cast)
            status = await call(client, operation, url, DIRECT[forgery](operation.service))
            checked += 1
            if status != 401:
                mismatches.append(f"{operation} at {operation.service} with {forgery}: got {status}")
        # And the genuine article works, so the 401s above are about the token and nothing else.
        genuine = await client.get(
            service_urls["tickets"] + "/api/v1/support/tickets", headers=SOMEONE.headers("tickets")
        )
        assert genuine.status_code == 200
    assert checked > 0
    assert mismatches == []
