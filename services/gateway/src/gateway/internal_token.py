"""Mint the short-lived Ed25519 token the gateway attaches to every request it forwards."""

import time
import uuid
from typing import Literal

import jwt

from shared.internal_auth import ALGORITHM, ISSUER

LIFETIME_SECONDS = 60


class InternalTokenSigner:
    def __init__(self, private_key_pem: str) -> None:
        self._key = private_key_pem

    def mint(
        self,
        *,
        user_id: uuid.UUID,
        username: str,
        role: Literal["user", "admin"],
        audience: str,
        lifetime: int = LIFETIME_SECONDS,
    ) -> str:
        now = int(time.time())
        claims = {
            "iss": ISSUER,
            "sub": str(user_id),
            "aud": audience,
            "role": role,
            "username": username,
            "iat": now,
            "exp": now + lifetime,
            "jti": uuid.uuid4().hex,
        }
        return jwt.encode(claims, self._key, algorithm=ALGORITHM)
