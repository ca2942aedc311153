from fastapi import APIRouter, Request, Response, status

from gateway.auth import service
from gateway.auth.schemas import LoginIn, MeOut, RegisterIn, TokenOut, UserOut
from gateway.config import GatewaySettings
from gateway.dependencies import CurrentCaller, Settings
from gateway.models import User
from shared.dependencies import DbSession
from shared.problems import (
    Conflict,
    Forbidden,
    Unauthorized,
    ValidationFailed,
    problem_responses,
)

router = APIRouter(prefix="/api/v1/auth", tags=["auth"])


def user_out(user: User) -> UserOut:
    return UserOut(
        id=user.id,
        email=user.email,
        username=user.username,
        display_name=user.display_name,
        role=user.role,
        created_at=user.created_at,
    )


def _set_cookies(response: Response, settings: GatewaySettings, new: service.NewSession) -> None:
    max_age = settings.session_absolute_days * 86400
    response.set_cookie(
        settings.session_cookie,
        new.token,
        max_age=max_age,
        httponly=True,
        secure=settings.secure_cookies,
        samesite="lax",
        path="/",
    )
    # Readable by the web UI's script, which echoes it in X-CSRF-Token.
    response.set_cookie(
        settings.csrf_cookie,
        new.csrf_token,
        max_age=max_age,
        httponly=False,
        secure=settings.secure_cookies,
        samesite="lax",
        path="/",
    )


def _clear_cookies(response: Response, settings: GatewaySettings) -> None:
    for name in (settings.session_cookie, settings.csrf_cookie):
        response.delete_cookie(name, path="/", secure=settings.secure_cookies, samesite="lax")


@router.post(
    "/register",
    status_code=status.HTTP_201_CREATED,
    summary="Create an account",
    responses=problem_responses(ValidationFailed, Conflict, Forbidden),
)
async def register(body: RegisterIn, db: DbSession, settings: Settings) -> UserOut:
    user = await service.register(db, body, settings)
    await db.commit()
    return user_out(user)


@router.post(
    "/login",
    summary="Log in: returns a bearer token and sets the session cookie",
    responses=problem_responses(ValidationFailed, Unauthorized, Forbidden),
)
async def login(
    body: LoginIn,
    request: Request,
    response: Response,
    db: DbSession,
    settings: Settings,
) -> TokenOut:
    new = await service.login(db, body.email, body.password, settings, request.headers.get("user-agent"))
    # The session this browser had before (if any) ends: one browser, one live session.
    previous = request.cookies.get(settings.session_cookie)
    if previous:
        await service.logout(db, previous)
    await db.commit()
    _set_cookies(response, settings, new)
    return TokenOut(access_token=new.token, csrf_token=new.csrf_token, expires_at=new.expires_at)


@router.post(
    "/logout",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="End this session",
    responses=problem_responses(Unauthorized, Forbidden),
)
async def logout(caller: CurrentCaller, db: DbSession, settings: Settings) -> Response:
    await service.logout(db, caller.token)
    await db.commit()
    response = Response(status_code=status.HTTP_204_NO_CONTENT)
    _clear_cookies(response, settings)
    return response


@router.get("/me", summary="Who you are signed in as", responses=problem_responses(Unauthorized))
async def me(caller: CurrentCaller) -> MeOut:
    return MeOut(
        **user_out(caller.user).model_dump(),
        csrf_token=caller.session.csrf_token if caller.via == "cookie" else None,
    )
