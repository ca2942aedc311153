"""Who is calling: a session cookie (browsers) or a bearer token (API clients)."""

import hmac
from dataclasses import dataclass
from typing import Annotated, Literal

from fastapi import Depends, Request
from sqlalchemy.ext.asyncio import AsyncSession

from gateway.auth.service import resolve_session
from gateway.config import GatewaySettings
from gateway.models import User, UserSession
from shared.dependencies import DbSession
from shared.problems import Forbidden, Unauthorized

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
CSRF_HEADER = "X-CSRF-Token"


def get_settings(request: Request) -> GatewaySettings:
    settings: GatewaySettings = request.app.state.settings
    return settings


Settings = Annotated[GatewaySettings, Depends(get_settings)]


@dataclass(frozen=True)
class Caller:
    user: User
    session: UserSession
    via: Literal["cookie", "bearer"]
    token: str


async def identify(request: Request, db: AsyncSession, settings: GatewaySettings) -> Caller | None:
    """The caller, or None when anonymous. A bad bearer token is an error, not anonymity."""
    authorization = request.headers.get("authorization")
    if authorization:
        scheme, _, token = authorization.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise Unauthorized("Send credentials as 'Authorization: Bearer <token>'.")
        found = await resolve_session(db, token.strip(), settings)
        if found is None:
            raise Unauthorized("The bearer token is invalid or has expired; log in again.")
        return Caller(user=found.user, session=found, via="bearer", token=token.strip())
    cookie = request.cookies.get(settings.session_cookie)
    if cookie:
        found = await resolve_session(db, cookie, settings)
        if found is not None:
            return Caller(user=found.user, session=found, via="cookie", token=cookie)
    return None


def check_csrf(request: Request, caller: Caller) -> None:
    """Another site can make a browser send our cookie, but cannot read the CSRF token to echo it."""
    if caller.via != "cookie" or request.method in SAFE_METHODS:
        return
    sent = request.headers.get(CSRF_HEADER, "")
    if not sent or not hmac.compare_digest(sent, caller.session.csrf_token):
        raise Forbidden(
            f"This request needs the {CSRF_HEADER} header with your session's CSRF token.",
            title="CSRF check failed",
        )


async def optional_caller(request: Request, db: DbSession, settings: Settings) -> Caller | None:
    caller = await identify(request, db, settings)
    await db.commit()
    if caller is not None:
        check_csrf(request, caller)
    return caller


async def current_caller(
    caller: Annotated[Caller | None, Depends(optional_caller)],
) -> Caller:
    if caller is None:
        raise Unauthorized("Log in first.", headers={"WWW-Authenticate": "Bearer"})
    return caller


OptionalCaller = Annotated[Caller | None, Depends(optional_caller)]
CurrentCaller = Annotated[Caller, Depends(current_caller)]
