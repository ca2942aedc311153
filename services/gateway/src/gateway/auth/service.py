"""Accounts and sessions. Functions flush but never commit; the endpoint (or start-up) commits."""

import logging
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Literal

from sqlalchemy.ext.asyncio import AsyncSession

from gateway.auth import events
from gateway.auth.password_policy import check_password
from gateway.auth.passwords import hash_password, needs_rehash, verify_password
from gateway.auth.repository import SessionRepository, UserRepository
from gateway.auth.schemas import RegisterIn
from gateway.auth.tokens import SESSION_PREFIX, digest, new_secret
from gateway.config import GatewaySettings
from gateway.models import User, UserSession
from gateway.ratelimit.login import LoginThrottle
from shared.problems import Conflict, FieldError, Forbidden, Unauthorized, ValidationFailed

logger = logging.getLogger(__name__)

LOGIN_FAILED = "The email or password is incorrect."


async def create_user(
    session: AsyncSession,
    *,
    email: str,
    username: str,
    password: str | None,
    role: Literal["user", "admin"] = "user",
    display_name: str | None = None,
    email_verified: bool = False,
    settings: GatewaySettings,
) -> User:
    users = UserRepository(session)
    taken = []
    if await users.email_taken(email):
        taken.append(FieldError(field="email", message="is already registered", type="taken"))
    if await users.username_taken(username):
        taken.append(FieldError(field="username", message="is already taken", type="taken"))
    if taken:
        raise Conflict(
            "; ".join(f"{e.field} {e.message}" for e in taken),
            title="Already registered",
            extra={"errors": [e.model_dump() for e in taken]},
        )
    if password is not None:
        await check_password(password, email=email, username=username)
    user = await users.add(
        User(
            email=email,
            username=username,
            display_name=display_name,
            password_hash=await hash_password(settings, password) if password is not None else None,
            role=role,
            email_verified_at=datetime.now(UTC) if email_verified else None,
        )
    )
    await events.user_created(session, user)
    return user


async def register(session: AsyncSession, data: RegisterIn, settings: GatewaySettings) -> User:
    if not settings.registration_open:
        raise Forbidden("Registration is closed on this site; ask an administrator for an account.")
    return await create_user(
        session,
        email=data.email,
        username=data.username,
        password=data.password,
        display_name=data.display_name,
        settings=settings,
    )


@dataclass(frozen=True)
class NewSession:
    token: str
    csrf_token: str
    expires_at: datetime
    user: User


async def start_session(
    session: AsyncSession, user: User, settings: GatewaySettings, user_agent: str | None
) -> NewSession:
    """Always a brand-new session id: a planted cookie can never become a signed-in one."""
    token = new_secret(SESSION_PREFIX)
    csrf = new_secret()
    expires = datetime.now(UTC) + timedelta(days=settings.session_absolute_days)
    await SessionRepository(session).add(
        UserSession(
            token_hash=digest(token),
            user_id=user.id,
            csrf_token=csrf,
            expires_at=expires,
            user_agent=(user_agent or "")[:512] or None,
        )
    )
    return NewSession(token=token, csrf_token=csrf, expires_at=expires, user=user)


async def login(
    session: AsyncSession,
    email: str,
    password: str,
    settings: GatewaySettings,
    *,
    user_agent: str | None,
    throttle: LoginThrottle,
    address: str,
) -> NewSession:
    await throttle.check(email, address)
    user = await UserRepository(session).by_email(email)
    # Verify even when the email is unknown, so both failures take the same time and say the same.
    ok = await verify_password(settings, user.password_hash if user else None, password)
    if user is None or user.password_hash is None or not ok:
        await throttle.failed(email, address)
        raise Unauthorized(LOGIN_FAILED, title="Login failed")
    await throttle.succeeded(email, address)
    if needs_rehash(settings, user.password_hash):
        user.password_hash = await hash_password(settings, password)
    if user.disabled:
        raise Forbidden("This account is disabled.")
    return await start_session(session, user, settings, user_agent)


async def resolve_session(session: AsyncSession, token: str, settings: GatewaySettings) -> UserSession | None:
    """The live session behind ``token``; its idle clock restarts at most once a minute."""
    now = datetime.now(UTC)
    sessions = SessionRepository(session)
    found = await sessions.active(
        digest(token), idle_cutoff=now - timedelta(minutes=settings.session_idle_minutes)
    )
    if found is None or found.user.disabled:
        return None
    if now - found.last_seen_at > timedelta(minutes=1):
        await sessions.seen(found.token_hash)
    return found


async def logout(session: AsyncSession, token: str) -> None:
    await SessionRepository(session).remove(digest(token))


async def bootstrap_admin(session: AsyncSession, settings: GatewaySettings) -> User | None:
    """Create the first admin from BOOTSTRAP_ADMIN_* when the site has none."""
    email, password = settings.bootstrap_admin_email, settings.bootstrap_admin_password
    if not email or not password:
        return None
    users = UserRepository(session)
    if await users.admin_exists():
        return None
    try:
        checked = RegisterIn(email=email, username=settings.bootstrap_admin_username, password=password)
    except ValueError as exc:
        raise ValidationFailed.one("BOOTSTRAP_ADMIN_*", str(exc)) from exc
    if await users.by_email(checked.email) is not None:
        # Never promote an existing account: whoever registered that address first is not
        # necessarily the operator.
        logger.error(
            "BOOTSTRAP_ADMIN_EMAIL %s belongs to an existing non-admin account; no admin created",
            checked.email,
        )
        return None
    user = await create_user(
        session,
        email=checked.email,
        username=checked.username,
        password=checked.password,
        role="admin",
        settings=settings,
    )
    logger.info("created the first admin %s <%s>", user.username, user.email)
    return user
