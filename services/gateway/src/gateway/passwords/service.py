"""Changing a password (knowing the current one) and resetting it through an emailed single-use link."""

from datetime import UTC, datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from gateway.auth import events
from gateway.auth.password_policy import check_password
from gateway.auth.passwords import hash_password, verify_password
from gateway.auth.repository import UserRepository
from gateway.auth.tokens import RESET_PREFIX, digest, new_secret
from gateway.config import SERVICE, GatewaySettings
from gateway.models import PasswordReset, User
from gateway.passwords.repository import ResetRepository
from gateway.users.service import end_credentials
from shared.events import PasswordResetData, UserPasswordResetRequested
from shared.problems import BadRequest, ValidationFailed


async def change_password(
    session: AsyncSession, user: User, current: str, new: str, *, keep_session: str, settings: GatewaySettings
) -> None:
    """Every other session ends; this one (whose token hash is ``keep_session``) and API tokens stay."""
    if not await verify_password(settings, user.password_hash, current):
        raise ValidationFailed.one("current_password", "is not your current password", "incorrect")
    await _set_password(session, user, new, settings)
    await end_credentials(session, user.id, keep_session=keep_session, tokens=False)


async def _set_password(session: AsyncSession, user: User, new: str, settings: GatewaySettings) -> None:
    await check_password(new, email=user.email, username=user.username, field="new_password")
    user.password_hash = await hash_password(settings, new)
    await UserRepository(session).touch(user)


async def request_reset(session: AsyncSession, email: str, settings: GatewaySettings) -> None:
    """Mail a reset link if ``email`` belongs to an enabled account; say nothing either way."""
    user = await UserRepository(session).by_email(email)
    if user is None or user.disabled:
        return
    secret = new_secret(RESET_PREFIX)
    expires = datetime.now(UTC) + timedelta(minutes=settings.password_reset_minutes)
    await ResetRepository(session).add(
        PasswordReset(token_hash=digest(secret), user_id=user.id, expires_at=expires)
    )
    # In the fragment, not the query: browsers never send it to a server, so no access log keeps it.
    url = f"{settings.public_url}/reset-password#token={secret}"
    await events.emit(
        session,
        UserPasswordResetRequested(
            source=SERVICE,
            subject=str(user.id),
            data=PasswordResetData(
                user_id=user.id,
                email=user.email,
                username=user.username,
                display_name=user.display_name,
                reset_url=url,
                expires_at=expires,
            ),
        ),
    )


async def confirm_reset(session: AsyncSession, token: str, new: str, settings: GatewaySettings) -> User:
    """Set the new password; every session and API token of the account ends (a reset is how an
    account is recovered, so whatever signed in before must not stay signed in)."""
    resets = ResetRepository(session)
    user_id = await resets.take(digest(token))
    user = await UserRepository(session).get(user_id) if user_id is not None else None
    if user is None or user.disabled:
        raise BadRequest(
            "This reset link is invalid, used or expired; ask for a new one.", title="Invalid reset link"
        )
    await _set_password(session, user, new, settings)
    # The link reached the owner's mailbox: the address is proven.
    user.email_verified_at = user.email_verified_at or datetime.now(UTC)
    await resets.remove_all_for(user.id)
    await end_credentials(session, user.id)
    return user
