"""Service-side check of the gateway's internal token.

The gateway mints a short-lived Ed25519 JWT for every request it forwards (``sub`` = user id, ``role``,
``username``, ``aud`` = the target service). Services verify it with the public key alone and refuse
anything else, so a service reached directly on its port answers 401.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Annotated, Literal

import jwt
from fastapi import Depends, Request

from shared.problems import Forbidden, Unauthorized

INTERNAL_TOKEN_HEADER = "X-Internal-Token"
ISSUER = "revenge-gateway"
ALGORITHM = "EdDSA"
LEEWAY_SECONDS = 5


@dataclass(frozen=True)
class Principal:
    """Who is asking, as the gateway vouches for it."""

    user_id: uuid.UUID
    username: str
    role: Literal["user", "admin"]

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"


class InternalTokenVerifier:
    def __init__(self, public_key_pem: str, audience: str) -> None:
        self._key = public_key_pem
        self.audience = audience

    def verify(self, token: str) -> Principal:
        try:
            claims = jwt.decode(
                token,
                self._key,
                algorithms=[ALGORITHM],
                audience=self.audience,
                issuer=ISSUER,
                leeway=LEEWAY_SECONDS,
                options={"require": ["exp", "iat", "sub", "aud", "iss"]},
            )
            role = claims["role"]
            if role not in ("user", "admin"):
                raise jwt.InvalidTokenError("unknown role")
            return Principal(user_id=uuid.UUID(claims["sub"]), username=str(claims["username"]), role=role)
        except (jwt.PyJWTError, KeyError, ValueError) as exc:
            raise Unauthorized("This service only answers requests forwarded by the gateway.") from exc


def _verifier(request: Request) -> InternalTokenVerifier:
    verifier: InternalTokenVerifier = request.app.state.token_verifier
    return verifier


async def current_principal(request: Request) -> Principal:
    token = request.headers.get(INTERNAL_TOKEN_HEADER)
    if not token:
        raise Unauthorized("This service only answers requests forwarded by the gateway.")
    return _verifier(request).verify(token)


async def admin_principal(principal: Annotated[Principal, Depends(current_principal)]) -> Principal:
    if not principal.is_admin:
        raise Forbidden("This needs the admin role.")
    return principal


CurrentUser = Annotated[Principal, Depends(current_principal)]
AdminUser = Annotated[Principal, Depends(admin_principal)]
