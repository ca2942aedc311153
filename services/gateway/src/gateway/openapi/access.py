"""Who may call each route, written into the merged OpenAPI description.

Every operation gets ``security`` (the schemes it accepts, with the role it needs as the requirement's
list, as OpenAPI 3.1 allows) and ``x-revenge-access``, which the access-control tests read:

* ``role``: ``public``, ``user`` or ``admin``;
* ``credentials``: ``session`` and/or ``api_token`` (empty for public routes);
* ``api_token_scopes``: the scopes a token needs here (``read`` for safe methods, ``write`` otherwise,
  plus ``admin`` on admin routes).

The gateway's own routes say it through their dependencies (``current_caller``, ``session_caller``,
``admin_caller``); forwarded routes through the routing table.
"""

from collections.abc import Callable, Iterable, Iterator
from typing import Any, Literal

from fastapi import APIRouter
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute

from gateway.dependencies import admin_caller, current_caller, session_caller
from gateway.proxy.routes import Access

Role = Literal["public", "user", "admin"]
SAFE = frozenset({"get", "head", "options"})

SECURITY_SCHEMES: dict[str, Any] = {
    "sessionCookie": {
        "type": "apiKey",
        "in": "cookie",
        "name": "revenge_session",
        "description": "Set by `POST /api/v1/auth/login` (and OIDC sign-in). Unsafe methods also need "
        "the `X-CSRF-Token` header holding the session's CSRF token (the `revenge_csrf` cookie).",
    },
    "bearer": {
        "type": "http",
        "scheme": "bearer",
        "description": "A session's `access_token` from `POST /api/v1/auth/login`, or a personal API "
        "token (`rst_…`) from `POST /api/v1/auth/tokens` with scopes `read` (safe methods), `write` "
        "(every method) and, for an admin's token, `admin`.",
    },
}


def _calls(dependant: Dependant) -> Iterator[Callable[..., Any]]:
    for dependency in dependant.dependencies:
        if dependency.call is not None:
            yield dependency.call
        yield from _calls(dependency)


def route_access(route: APIRoute) -> tuple[Role, bool]:
    """The role a gateway route needs, and whether API tokens may call it."""
    calls = set(_calls(route.dependant))
    if admin_caller in calls:
        return "admin", session_caller not in calls
    if session_caller in calls:
        return "user", False
    if current_caller in calls:
        return "user", True
    return "public", False


def access_table(routers: Iterable[APIRouter]) -> dict[tuple[str, str], tuple[Role, bool]]:
    """(path, lower-case method) -> (role, API tokens allowed) for every documented route of ``routers``."""
    return {
        (route.path, method.lower()): route_access(route)
        for router in routers
        for route in router.routes
        if isinstance(route, APIRoute) and route.include_in_schema
        for method in route.methods or ()
    }


def describe(operation: dict[str, Any], method: str, role: Role | Access, tokens: bool) -> None:
    """Write ``security`` and ``x-revenge-access`` into one operation."""
    if role == "public":
        operation["security"] = []
        operation["x-revenge-access"] = {"role": "public", "credentials": [], "api_token_scopes": []}
        return
    roles = ["admin"] if role == "admin" else []
    operation["security"] = [{"sessionCookie": roles}, {"bearer": roles}]
    scopes = ["read" if method in SAFE else "write"] + (["admin"] if role == "admin" else [])
    operation["x-revenge-access"] = {
        "role": role,
        "credentials": ["session", "api_token"] if tokens else ["session"],
        "api_token_scopes": scopes if tokens else [],
    }
