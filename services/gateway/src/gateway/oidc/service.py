"""OIDC sign-in: start (state, nonce and PKCE verifier kept server-side, once), then finish (check,
exchange, verify) and link the provider's account to a local user by a verified email.

Linking: an account already linked signs in; otherwise the provider must vouch for the email
(``email_verified: true``). An existing local account with that email is linked; if we never saw proof
that its holder controls the address, its password, sessions and API tokens end first, so whoever
registered someone else's address before them cannot stay in. Otherwise a new account is created
(unless registration is closed).
"""

import re
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from email_validator import EmailNotValidError, validate_email
from sqlalchemy.ext.asyncio import AsyncSession

from gateway.auth.repository import UserRepository
from gateway.auth.schemas import USERNAME_RE
from gateway.auth.service import NewSession, create_user, start_session
from gateway.auth.tokens import digest, new_secret
from gateway.config import GatewaySettings
from gateway.models import OidcLogin, User
from gateway.oidc.client import OidcClient, pkce_pair
from gateway.oidc.repository import OidcRepository
from gateway.users.service import end_credentials
from shared.problems import BadRequest, Forbidden

LOGIN_LIFETIME = timedelta(minutes=10)


def safe_next(value: str | None) -> str:
    """Only a path on this site: never "//evil.example" or "/\\evil.example"."""
    if not value or not value.startswith("/") or value.startswith(("//", "/\\")) or len(value) > 512:
        return "/"
    return value


async def begin(session: AsyncSession, client: OidcClient, next_path: str | None) -> tuple[str, str]:
    """The provider URL to send the browser to, and the state the browser must bring back."""
    state, nonce = new_secret(), new_secret()
    verifier, challenge = pkce_pair()
    await OidcRepository(session).start(
        OidcLogin(
            state_hash=digest(state),
            nonce=nonce,
            code_verifier=verifier,
            next_path=safe_next(next_path),
            expires_at=datetime.now(UTC) + LOGIN_LIFETIME,
        )
    )
    return await client.authorization_url(state=state, nonce=nonce, code_challenge=challenge), state


@dataclass(frozen=True)
class Finished:
    new_session: NewSession
    next_path: str


async def finish(
    session: AsyncSession,
    client: OidcClient,
    settings: GatewaySettings,
    *,
    state: str,
    code: str,
    user_agent: str | None,
) -> Finished:
    login = await OidcRepository(session).take(digest(state))
    if login is None:
        raise BadRequest("This sign-in expired or was already used; start again.", title="Sign-in expired")
    tokens = await client.exchange(code, login.code_verifier)
    claims = await client.verify_id_token(tokens["id_token"], login.nonce)
    if "email" not in claims and tokens.get("access_token"):
        info = await client.userinfo(str(tokens["access_token"]))
        if info.get("sub") == claims["sub"]:
            claims = {**info, **claims}
    user = await _local_user(session, client.issuer, claims, settings)
    if user.disabled:
        raise Forbidden("This account is disabled.")
    new = await start_session(session, user, settings, user_agent)
    return Finished(new_session=new, next_path=login.next_path)


async def _local_user(
    session: AsyncSession, issuer: str, claims: dict[str, Any], settings: GatewaySettings
) -> User:
    oidc, users = OidcRepository(session), UserRepository(session)
    subject = str(claims["sub"])
    linked = await oidc.identity(issuer, subject)
    if linked is not None:
        user = await users.get(linked.user_id)
        assert user is not None  # the identity row goes with its user (ON DELETE CASCADE)
        return user
    if claims.get("email_verified") is not True or not isinstance(claims.get("email"), str):
        raise Forbidden(
            "The sign-in provider did not vouch for your email address, so it cannot sign you in here."
        )
    try:
        email = validate_email(claims["email"], check_deliverability=False).normalized
    except EmailNotValidError as exc:
        raise Forbidden(f"The sign-in provider's email address is not usable: {exc}") from exc
    user = await users.by_email(email)
    if user is None:
        if not settings.registration_open:
            raise Forbidden("Registration is closed on this site; ask an administrator for an account.")
        user = await create_user(
            session,
            email=email,
            username=await _free_username(users, claims, email),
            password=None,
            display_name=_display_name(claims),
            email_verified=True,
            settings=settings,
        )
    elif user.email_verified_at is None:
        user.password_hash = None
        await end_credentials(session, user.id)
        user.email_verified_at = datetime.now(UTC)
        await users.touch(user)
    await oidc.link(issuer, subject, user.id, email)
    return user


def _display_name(claims: dict[str, Any]) -> str | None:
    name = claims.get("name")
    if not isinstance(name, str):
        return None
    return " ".join(name.split())[:128] or None


async def _free_username(users: UserRepository, claims: dict[str, Any], email: str) -> str:
    wanted = claims.get("preferred_username")
    base = wanted if isinstance(wanted, str) and wanted else email.partition("@")[0]
    base = re.sub(r"[^A-Za-z0-9_.-]", "-", base).lstrip("._-")[:28] or "user"
    if len(base) < 2:
        base = f"{base}-user"
    for candidate in [base, *(f"{base}-{n}" for n in range(2, 10))]:
        if USERNAME_RE.fullmatch(candidate) and not await users.username_taken(candidate):
            return candidate
    return f"{base[:23]}-{secrets.token_hex(4)}"
