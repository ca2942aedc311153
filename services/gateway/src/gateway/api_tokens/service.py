"""Personal API tokens: created by a signed-in person, shown once, stored as a SHA-256 digest."""

import uuid
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from gateway.api_tokens.repository import ApiTokenRepository
from gateway.api_tokens.schemas import TokenCreate
from gateway.auth.tokens import API_TOKEN_PREFIX, digest, new_secret
from gateway.config import GatewaySettings
from gateway.models import ApiToken, User
from shared.problems import NotFound, ValidationFailed

HINT_LENGTH = len(API_TOKEN_PREFIX) + 4


async def create(
    session: AsyncSession, user: User, data: TokenCreate, settings: GatewaySettings
) -> tuple[ApiToken, str]:
    scopes = sorted(set(data.scopes))
    if "admin" in scopes and user.role != "admin":
        raise ValidationFailed.one("scopes", "'admin' is only for administrators", "not_allowed")
    if not {"read", "write"} & set(scopes):
        raise ValidationFailed.one("scopes", "must include 'read' or 'write'", "missing")
    longest = settings.api_token_max_days  # 0: no limit, and tokens may never expire
    if longest and data.expires_in_days is None:
        raise ValidationFailed.one(
            "expires_in_days", f"is required: tokens here expire within {longest} days", "missing"
        )
    if longest and data.expires_in_days is not None and data.expires_in_days > longest:
        raise ValidationFailed.one("expires_in_days", f"must be at most {longest}", "less_than_equal")
    secret = new_secret(API_TOKEN_PREFIX)
    expires = (
        datetime.now(UTC) + timedelta(days=data.expires_in_days) if data.expires_in_days is not None else None
    )
    token = await ApiTokenRepository(session).add(
        ApiToken(
            user_id=user.id,
            name=data.name.strip(),
            token_hash=digest(secret),
            hint=secret[:HINT_LENGTH],
            scopes=scopes,
            expires_at=expires,
        )
    )
    return token, secret


async def resolve(session: AsyncSession, secret: str) -> ApiToken | None:
    """The live token behind ``secret`` (its owner enabled); ``last_used_at`` moves at most once a minute."""
    tokens = ApiTokenRepository(session)
    found = await tokens.active(digest(secret))
    if found is None or found.user.disabled:
        return None
    if found.last_used_at is None or datetime.now(UTC) - found.last_used_at > timedelta(minutes=1):
        await tokens.used(found.id)
    return found


async def list_for(session: AsyncSession, user: User) -> Sequence[ApiToken]:
    return await ApiTokenRepository(session).for_user(user.id)


async def revoke(session: AsyncSession, user: User, token_id: uuid.UUID) -> None:
    if not await ApiTokenRepository(session).remove(user.id, token_id):
        raise NotFound(f"You have no API token {token_id}.")
