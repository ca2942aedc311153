from fastapi import APIRouter, Request, Response, status

from gateway.auth import service
from gateway.auth.cookies import clear_session_cookies, set_session_cookies
from gateway.auth.passwords import verify_password
from gateway.auth.schemas import AccountDelete, LoginIn, MeOut, MeUpdate, RegisterIn, TokenOut, UserOut
from gateway.dependencies import CurrentCaller, RateLimiter, SessionCaller, Settings
from gateway.models import User
from gateway.net import ClientAddress
from gateway.ratelimit.login import LoginThrottle
from gateway.users import service as users
from shared.dependencies import DbSession
from shared.problems import (
    Conflict,
    Forbidden,
    TooManyRequests,
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
        role="admin" if user.role == "admin" else "user",
        created_at=user.created_at,
    )


@router.post(
    "/register",
    status_code=status.HTTP_201_CREATED,
    summary="Create an account",
    responses=problem_responses(ValidationFailed, Conflict, Forbidden, TooManyRequests),
)
async def register(
    body: RegisterIn, db: DbSession, settings: Settings, limiter: RateLimiter, address: ClientAddress
) -> UserOut:
    await limiter.check("register", address, settings.rate_limit_register_per_address)
    user = await service.register(db, body, settings)
    await db.commit()
    return user_out(user)


@router.post(
    "/login",
    summary="Log in: returns a bearer token and sets the session cookie",
    responses=problem_responses(ValidationFailed, Unauthorized, Forbidden, TooManyRequests),
)
async def login(
    body: LoginIn,
    request: Request,
    response: Response,
    db: DbSession,
    settings: Settings,
    limiter: RateLimiter,
    address: ClientAddress,
) -> TokenOut:
    await limiter.check("login", address, settings.rate_limit_login_per_address)
    new = await service.login(
        db,
        body.email,
        body.password,
        settings,
        user_agent=request.headers.get("user-agent"),
        throttle=LoginThrottle(limiter),
        address=address,
    )
    # The session this browser had before (if any) ends: one browser, one live session.
    previous = request.cookies.get(settings.session_cookie)
    if previous:
        await service.logout(db, previous)
    await db.commit()
    set_session_cookies(response, settings, new.token, new.csrf_token, new.expires_at)
    return TokenOut(access_token=new.token, csrf_token=new.csrf_token, expires_at=new.expires_at)


@router.post(
    "/logout",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="End this session",
    responses=problem_responses(Unauthorized, Forbidden),
)
async def logout(caller: SessionCaller, db: DbSession, settings: Settings) -> Response:
    await service.logout(db, caller.token)
    await db.commit()
    response = Response(status_code=status.HTTP_204_NO_CONTENT)
    clear_session_cookies(response, settings)
    return response


def _me(caller: CurrentCaller) -> MeOut:
    csrf = caller.session.csrf_token if caller.via == "cookie" and caller.session is not None else None
    return MeOut(**user_out(caller.user).model_dump(), csrf_token=csrf)


@router.get("/me", summary="Who you are signed in as", responses=problem_responses(Unauthorized, Forbidden))
async def me(caller: CurrentCaller) -> MeOut:
    return _me(caller)


@router.patch(
    "/me",
    summary="Change your display name",
    responses=problem_responses(ValidationFailed, Unauthorized, Forbidden),
)
async def update_me(body: MeUpdate, caller: CurrentCaller, db: DbSession) -> MeOut:
    if "display_name" in body.model_fields_set:
        await users.update_profile(db, caller.user, body.display_name)
        await db.commit()
    return _me(caller)


@router.delete(
    "/me",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Delete your account (your tickets stay, with no reporter)",
    responses=problem_responses(ValidationFailed, Unauthorized, Forbidden, Conflict),
)
async def delete_me(
    body: AccountDelete, caller: SessionCaller, db: DbSession, settings: Settings
) -> Response:
    user = caller.user
    if user.password_hash is not None and not (
        body.current_password and await verify_password(settings, user.password_hash, body.current_password)
    ):
        raise ValidationFailed.one("current_password", "is not your current password", "incorrect")
    await users.delete_user(db, user)
    await db.commit()
    response = Response(status_code=status.HTTP_204_NO_CONTENT)
    clear_session_cookies(response, settings)
    return response
