"""Changes to accounts, by their owner or an admin: each publishes its event, and none leaves the site
without an enabled admin."""

import base64
import binascii
import uuid
from collections.abc import Sequence

from sqlalchemy.ext.asyncio import AsyncSession

from gateway.api_tokens.repository import ApiTokenRepository
from gateway.auth import events
from gateway.auth.repository import SessionRepository, UserRepository
from gateway.auth.schemas import USERNAME_RE
from gateway.models import User
from gateway.users.repository import UserDirectory
from gateway.users.schemas import UserPatch
from shared.problems import Conflict, NotFound, PreconditionFailed, ValidationFailed


async def get_user(session: AsyncSession, user_id: uuid.UUID, *, for_update: bool = False) -> User:
    users = UserRepository(session)
    if for_update:
        await users.lock_roster()
    user = await users.get(user_id, for_update=for_update)
    if user is None:
        raise NotFound(f"There is no user {user_id}.")
    return user


def etag(user: User) -> str:
    return f'"{int(user.updated_at.timestamp() * 1_000_000):x}"'


def check_if_match(user: User, if_match: str | None) -> None:
    if if_match is None:
        return
    candidates = {tag.strip().removeprefix("W/") for tag in if_match.split(",")}
    if "*" not in candidates and etag(user) not in candidates:
        raise PreconditionFailed("The user changed since you read it; reload and try again.")


async def end_credentials(
    session: AsyncSession, user_id: uuid.UUID, *, keep_session: str | None = None, tokens: bool = True
) -> None:
    """End the user's sessions (all but ``keep_session``, a token hash) and, with ``tokens``, API tokens."""
    await SessionRepository(session).remove_all_for(user_id, keep=keep_session)
    if tokens:
        await ApiTokenRepository(session).remove_all_for(user_id)


async def _keep_an_admin(session: AsyncSession, user: User, action: str) -> None:
    if user.role != "admin" or user.disabled:
        return
    users = UserRepository(session)
    await users.lock_roster()
    if not [admin for admin in await users.active_admin_ids() if admin != user.id]:
        raise Conflict(
            f"{user.username} is the last enabled admin and cannot be {action}; make someone else "
            "an admin first.",
            title="Last admin",
        )


async def update_profile(session: AsyncSession, user: User, display_name: str | None) -> User:
    if user.display_name != display_name:
        user.display_name = display_name
        await UserRepository(session).touch(user)
        await events.user_updated(session, user)
    return user


async def administer(session: AsyncSession, user: User, change: UserPatch) -> User:
    """Apply an admin's change; a disabled account loses its sessions and tokens at once."""
    fields = change.model_fields_set
    changed = False
    if "role" in fields and change.role is not None and change.role != user.role:
        if change.role == "user":
            await _keep_an_admin(session, user, "demoted")
        user.role = change.role
        changed = True
    if "disabled" in fields and change.disabled is not None and change.disabled != user.disabled:
        if change.disabled:
            await _keep_an_admin(session, user, "disabled")
            await end_credentials(session, user.id)
        user.disabled = change.disabled
        changed = True
    if "display_name" in fields and change.display_name != user.display_name:
        user.display_name = change.display_name
        changed = True
    if changed:
        await UserRepository(session).touch(user)
        await events.user_updated(session, user)
    return user


async def delete_user(session: AsyncSession, user: User) -> None:
    """The account goes; tickets keep their rows with no reporter (the tickets service's projection)."""
    await _keep_an_admin(session, user, "deleted")
    await UserRepository(session).delete(user.id)
    await events.user_deleted(session, user.id)


def _encode(username: str) -> str:
    return base64.urlsafe_b64encode(username.lower().encode()).decode().rstrip("=")


def _decode(cursor: str) -> str:
    try:
        after = base64.b64decode(cursor + "=" * (-len(cursor) % 4), altchars=b"-_", validate=True).decode()
    except (binascii.Error, UnicodeDecodeError, ValueError):
        after = ""
    if not USERNAME_RE.fullmatch(after):
        raise ValidationFailed.one("cursor", "is not a cursor this API gave out")
    return after


async def search(
    session: AsyncSession,
    *,
    q: str | None,
    role: str | None,
    disabled: bool | None,
    cursor: str | None,
    limit: int,
) -> tuple[Sequence[User], str | None]:
    rows = await UserDirectory(session).search(
        prefix=q,
        role=role,
        disabled=disabled,
        after=_decode(cursor) if cursor else None,
        limit=limit + 1,
    )
    page = rows[:limit]
    return page, (_encode(page[-1].username) if len(rows) > limit else None)
