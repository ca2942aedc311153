"""Password hashing with argon2id, off the event loop (a hash costs tens to hundreds of milliseconds).

The cost comes from the settings (RFC 9106's low-memory profile unless an operator tunes it to their
hardware); a stored hash made with other parameters still verifies and is replaced at the next login.
"""

import asyncio
from dataclasses import dataclass
from functools import lru_cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from gateway.config import GatewaySettings


@dataclass(frozen=True)
class Hasher:
    argon2: PasswordHasher
    # Verified against when the email is unknown, so a wrong email costs what a wrong password costs.
    dummy_hash: str


@lru_cache(maxsize=4)
def _hasher(time_cost: int, memory_kib: int, parallelism: int) -> Hasher:
    argon2 = PasswordHasher(time_cost=time_cost, memory_cost=memory_kib, parallelism=parallelism)
    return Hasher(argon2, argon2.hash("not-a-real-password-just-for-timing"))


def hasher(settings: GatewaySettings) -> Hasher:
    return _hasher(
        settings.password_hash_time_cost,
        settings.password_hash_memory_kib,
        settings.password_hash_parallelism,
    )


async def hash_password(settings: GatewaySettings, password: str) -> str:
    return await asyncio.to_thread(hasher(settings).argon2.hash, password)


async def verify_password(settings: GatewaySettings, password_hash: str | None, password: str) -> bool:
    current = hasher(settings)

    def check() -> bool:
        try:
            return current.argon2.verify(password_hash or current.dummy_hash, password) and bool(
                password_hash
            )
        except (VerificationError, InvalidHashError):
            return False

    return await asyncio.to_thread(check)


def needs_rehash(settings: GatewaySettings, password_hash: str) -> bool:
    return hasher(settings).argon2.check_needs_rehash(password_hash)
