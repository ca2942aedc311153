"""Who is calling: a session (cookie or bearer) or a personal API token (bearer), and what they may do.

The dependencies ``current_caller``, ``session_caller`` and ``admin_caller`` are also how the merged
OpenAPI description learns each gateway route's access rule (see ``gateway.openapi.access``).
"""

import hmac
from dataclasses import dataclass
from typing import Annotated, Literal

from fastapi import Depends, Request
from sqlalchemy.ext.asyncio import AsyncSession

from gateway.api_tokens.service import resolve as resolve_api_token
from gateway.auth.service import resolve_session
from gateway.auth.tokens import API_TOKEN_PREFIX
from gateway.config import GatewaySettings
from gateway.models import ApiToken, User, UserSession
from gateway.ratelimit.limiter import Limiter
from shared.dependencies import DbSession
from shared.events import Role
from shared.problems import Forbidden, Unauthorized

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
CSRF_HEADER = "X-CSRF-Token"
SESSION_SCOPES = frozenset({"read", "write", "admin"})


def get_settings(request: Request) -> GatewaySettings:
    settings: GatewaySettings = request.app.state.settings
    return settings


Settings = Annotated[GatewaySettings, Depends(get_settings)]


@dataclass(frozen=True)
class Caller:
    user: User
    kind: Literal["session", "api_token"]
    via: Literal["cookie", "bearer"]
    token: str
    session: UserSession | None = None
    api_token: ApiToken | None = None

    @property
    def scopes(self) -> frozenset[str]:
        return frozenset(self.api_token.scopes) if self.api_token is not None else SESSION_SCOPES

    @property
    def role(self) -> Role:
        """The role this request acts with: an admin's API token is an admin only with scope ``admin``."""
        return "admin" if self.user.role == "admin" and "admin" in self.scopes else "user"


async def identify(request: Request, db: AsyncSession, settings: GatewaySettings) -> Caller | None:
    """The caller, or None when anonymous. A bad bearer token is an error, not anonymity."""
    authorization = request.headers.get("authorization")
    if authorization:
        scheme, _, token = authorization.partition(" ")
        token = token.strip()
        if scheme.lower() != "bearer" or not token:
            raise Unauthorized("Send credentials as 'Authorization: Bearer <token>'.")
        if token.startswith(API_TOKEN_PREFIX):
            api_token = await resolve_api_token(db, token)
            if api_token is None:
                raise Unauthorized("The API token is invalid, expired or revoked.")
            return Caller(
                user=api_token.user, kind="api_token", via="bearer", token=token, api_token=api_token
            )
        found = await resolve_session(db, token, settings)
        if found is None:
            raise Unauthorized("The bearer token is invalid or has expired; log in again.")
        return Caller(user=found.user, kind="session", via="bearer", token=token, session=found)
    cookie = request.cookies.get(settings.session_cookie)
    if cookie:
        found = await resolve_session(db, cookie, settings)
        if found is not None:
            return Caller(user=found.user, kind="session", via="cookie", token=cookie, session=found)
    return None


def check_request(request: Request, caller: Caller) -> None:
    """CSRF for cookie sessions; the method against the scopes of an API token."""
    unsafe = request.method not in SAFE_METHODS
    if caller.via == "cookie" and unsafe:
        # Another site can make a browser send our cookie, but cannot read the CSRF token to echo it.
        sent = request.headers.get(CSRF_HEADER, "")
        expected = caller.session.csrf_token if caller.session is not None else ""
        if not sent or not hmac.compare_digest(sent, expected):
            raise Forbidden(
                f"This request needs the {CSRF_HEADER} header with your session's CSRF token.",
                title="CSRF check failed",
            )
    if caller.kind == "api_token":
        needed = "write" if unsafe else "read"
        if not ({"write"} if unsafe else {"read", "write"}) & caller.scopes:
            raise Forbidden(
                f"This API token lacks the '{needed}' scope.",
                title="Insufficient scope",
                headers={"WWW-Authenticate": f'Bearer error="insufficient_scope", scope="{needed}"'},
            )


async def optional_caller(request: Request, db: DbSession, settings: Settings) -> Caller | None:
    caller = await identify(request, db, settings)
    await db.commit()
    if caller is not None:
        check_request(request, caller)
    return caller


async def current_caller(caller: Annotated[Caller | None, Depends(optional_caller)]) -> Caller:
    if caller is None:
        raise Unauthorized("Log in first.", headers={"WWW-Authenticate": "Bearer"})
    return caller


async def session_caller(caller: Annotated[Caller, Depends(current_caller)]) -> Caller:
    """Account settings (password, tokens, deletion) need a signed-in session, not an API token."""
    if caller.kind != "session":
        raise Forbidden("API tokens cannot do this; sign in to your account.")
    return caller


async def admin_caller(caller: Annotated[Caller, Depends(current_caller)]) -> Caller:
    if caller.role != "admin":
        raise Forbidden("This needs the admin role.")
    return caller


OptionalCaller = Annotated[Caller | None, Depends(optional_caller)]
CurrentCaller = Annotated[Caller, Depends(current_caller)]
SessionCaller = Annotated[Caller, Depends(session_caller)]
AdminCaller = Annotated[Caller, Depends(admin_caller)]


def get_limiter(request: Request) -> Limiter:
    limiter: Limiter = request.app.state.limiter
    return limiter


RateLimiter = Annotated[Limiter, Depends(get_limiter)]
