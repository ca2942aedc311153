from fastapi import APIRouter, Response, status

from gateway.auth.tokens import digest
from gateway.dependencies import RateLimiter, SessionCaller, Settings
from gateway.net import ClientAddress
from gateway.passwords import service
from gateway.passwords.schemas import PasswordChange, ResetConfirm, ResetRequest
from gateway.ratelimit.limiter import subject_key
from shared.dependencies import DbSession
from shared.problems import (
    BadRequest,
    Forbidden,
    TooManyRequests,
    Unauthorized,
    ValidationFailed,
    problem_responses,
)

router = APIRouter(prefix="/api/v1/auth", tags=["auth"])


@router.post(
    "/password",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Change your password; your other sessions end",
    responses=problem_responses(ValidationFailed, Unauthorized, Forbidden),
)
async def change_password(
    body: PasswordChange, caller: SessionCaller, db: DbSession, settings: Settings
) -> Response:
    await service.change_password(
        db,
        caller.user,
        body.current_password,
        body.new_password,
        keep_session=digest(caller.token),
        settings=settings,
    )
    await db.commit()
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post(
    "/password-reset",
    status_code=status.HTTP_202_ACCEPTED,
    summary="Mail a single-use password reset link (the answer is the same for unknown addresses)",
    responses=problem_responses(ValidationFailed, TooManyRequests),
)
async def request_reset(
    body: ResetRequest, db: DbSession, settings: Settings, limiter: RateLimiter, address: ClientAddress
) -> Response:
    await limiter.check("password-reset", address, settings.rate_limit_password_reset_per_address)
    # Per mailbox the limit is silent: a 429 here would tell whether the address has an account.
    if await limiter.allowed(
        "password-reset-account", subject_key(body.email), settings.rate_limit_password_reset_per_account
    ):
        await service.request_reset(db, body.email, settings)
        await db.commit()
    return Response(status_code=status.HTTP_202_ACCEPTED)


@router.post(
    "/password-reset/confirm",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Set a new password with a reset link's token; every session and API token ends",
    responses=problem_responses(ValidationFailed, BadRequest),
)
async def confirm_reset(body: ResetConfirm, db: DbSession, settings: Settings) -> Response:
    await service.confirm_reset(db, body.token, body.new_password, settings)
    await db.commit()
    return Response(status_code=status.HTTP_204_NO_CONTENT)
