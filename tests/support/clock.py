"""Moving the gateway's stored clocks back, so expiry can be tested without waiting for it."""

import hashlib

import asyncpg

from shared.db import asyncpg_dsn


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


async def _execute(database_url: str, sql: str, *args: object) -> str:
    connection = await asyncpg.connect(asyncpg_dsn(database_url))
    try:
        status: str = await connection.execute(sql, *args)
        return status
    finally:
        await connection.close()


async def expire_session(database_url: str, token: str) -> None:
    """The session's absolute lifetime ends now."""
    status = await _execute(
        database_url,
        "UPDATE identity.sessions SET expires_at = now() - interval '1 second' WHERE token_hash = $1",
        _digest(token),
    )
    assert status == "UPDATE 1", status


async def idle_session(database_url: str, token: str, minutes: int) -> None:
    """The session was last used ``minutes`` ago."""
    status = await _execute(
        database_url,
        "UPDATE identity.sessions SET last_seen_at = now() - make_interval(mins => $2) WHERE token_hash = $1",
        _digest(token),
        minutes,
    )
    assert status == "UPDATE 1", status


async def expire_reset_links(database_url: str, email: str) -> None:
    status = await _execute(
        database_url,
        "UPDATE identity.password_resets SET expires_at = now() - interval '1 second' "
        "WHERE user_id = (SELECT id FROM identity.users WHERE lower(email) = lower($1))",
        email,
    )
    assert status != "UPDATE 0", status
