"""Internal tokens as the gateway mints them, and forgeries of every kind the services must refuse."""

import uuid
from dataclasses import dataclass, field
from typing import Literal

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from gateway.internal_token import InternalTokenSigner
from shared.dev_keys import DEV_INTERNAL_PRIVATE_KEY
from shared.internal_auth import INTERNAL_TOKEN_HEADER

SIGNER = InternalTokenSigner(DEV_INTERNAL_PRIVATE_KEY)


@dataclass(frozen=True)
class Person:
    """Someone a service is told about by the gateway."""

    username: str
    role: Literal["user", "admin"] = "user"
    id: uuid.UUID = field(default_factory=uuid.uuid4)

    def headers(self, audience: str = "tickets") -> dict[str, str]:
        token = SIGNER.mint(user_id=self.id, username=self.username, role=self.role, audience=audience)
        return {INTERNAL_TOKEN_HEADER: token}


def person(role: Literal["user", "admin"] = "user") -> Person:
    return Person(username=f"{role}-{uuid.uuid4().hex[:8]}", role=role)


def forged_headers(who: Person, audience: str = "tickets") -> dict[str, str]:
    """A well-formed token signed with a key that is not the gateway's."""
    key = Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    token = InternalTokenSigner(key.decode()).mint(
        user_id=who.id, username=who.username, role=who.role, audience=audience
    )
    return {INTERNAL_TOKEN_HEADER: token}


def expired_headers(who: Person, audience: str = "tickets") -> dict[str, str]:
    token = SIGNER.mint(
        user_id=who.id, username=who.username, role=who.role, audience=audience, lifetime=-120
    )
    return {INTERNAL_TOKEN_HEADER: token}
