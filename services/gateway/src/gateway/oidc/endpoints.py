import hmac
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import RedirectResponse
from pydantic import BaseModel

from gateway.auth.cookies import set_session_cookies
from gateway.auth.service import logout
from gateway.dependencies import Settings
from gateway.oidc import service
from gateway.oidc.client import OidcClient
from shared.dependencies import DbSession
from shared.problems import BadGateway, BadRequest, Forbidden, NotFound, Unauthorized, problem_responses

router = APIRouter(prefix="/api/v1/auth/oidc", tags=["auth"])
STATE_COOKIE = "revenge_oidc_state"


class OidcStatus(BaseModel):
    enabled: bool
    login_url: str | None


def _client(request: Request) -> OidcClient:
    client: OidcClient | None = request.app.state.oidc
    if client is None:
        raise NotFound("Single sign-on is not configured on this site.")
    return client


@router.get("", summary="Whether single sign-on (OIDC) is available")
async def oidc_status(request: Request) -> OidcStatus:
    enabled = request.app.state.oidc is not None
    return OidcStatus(enabled=enabled, login_url=f"{router.prefix}/login" if enabled else None)


@router.get(
    "/login",
    status_code=302,
    summary="Start single sign-on: redirects to the provider",
    responses=problem_responses(NotFound, BadGateway),
)
async def oidc_login(
    request: Request,
    db: DbSession,
    settings: Settings,
    next: Annotated[str | None, Query(max_length=512, description="Where to land afterwards.")] = None,
) -> RedirectResponse:
    client = _client(request)
    url, state = await service.begin(db, client, next)
    await db.commit()
    response = RedirectResponse(url, status_code=302)
    # Ties the sign-in to this browser: a callback link sent to someone else finds no matching cookie
    # (that would sign the victim in to the attacker's account).
    response.set_cookie(
        STATE_COOKIE,
        state,
        max_age=int(service.LOGIN_LIFETIME.total_seconds()),
        httponly=True,
        secure=settings.secure_cookies,
        samesite="lax",
        path=router.prefix,
    )
    return response


@router.get(
    "/callback",
    status_code=303,
    summary="Where the provider sends the browser back; signs in and redirects",
    responses=problem_responses(BadRequest, Unauthorized, Forbidden, NotFound, BadGateway),
)
async def oidc_callback(
    request: Request,
    db: DbSession,
    settings: Settings,
    state: Annotated[str | None, Query(max_length=256)] = None,
    code: Annotated[str | None, Query(max_length=2048)] = None,
    error: Annotated[str | None, Query(max_length=256)] = None,
) -> RedirectResponse:
    client = _client(request)
    if error is not None:
        raise Unauthorized(f"The sign-in provider said no ({error}).", title="Sign-in refused")
    if not state or not code:
        raise BadRequest("The provider's answer lacks the state or the code.", title="Bad sign-in answer")
    if not hmac.compare_digest(request.cookies.get(STATE_COOKIE, ""), state):
        raise BadRequest(
            "This sign-in was not started in this browser; start again.", title="Sign-in mismatch"
        )
    finished = await service.finish(
        db, client, settings, state=state, code=code, user_agent=request.headers.get("user-agent")
    )
    previous = request.cookies.get(settings.session_cookie)
    if previous:
        await logout(db, previous)
    await db.commit()
    new = finished.new_session
    response = RedirectResponse(finished.next_path, status_code=303)
    set_session_cookies(response, settings, new.token, new.csrf_token, new.expires_at)
    response.delete_cookie(STATE_COOKIE, path=router.prefix, secure=settings.secure_cookies, samesite="lax")
    return response
