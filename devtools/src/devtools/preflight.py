"""Are PostgreSQL and RabbitMQ there, and will the first admin be able to sign in? ``make run`` asks before
it builds or starts anything.

    python -m devtools.preflight     (exit status 2 and one line naming the setting when not)

The gateway creates the first admin only in a database that has none. A database that already has one (a
new clone, or ``make clean``, against an old database) with another password than ``var/admin-password``
or ``BOOTSTRAP_ADMIN_PASSWORD`` would start and then lock the runner out; that is said here, up front.

Light on imports, so that a wrong ``DATABASE_URL`` is reported within a second: PostgreSQL is tried with
plain asyncpg, and the broker's libraries are loaded only once the database has answered.
"""

from __future__ import annotations

import asyncio
import os
import secrets
import sys
from pathlib import Path

import asyncpg

from shared.settings import normalise_database_url, redact_url
from shared.telemetry import setup_logging

DEFAULT_DATABASE_URL = "postgresql://postgres@127.0.0.1:5432/revenge"
DEFAULT_AMQP_URL = "amqp://guest:guest@127.0.0.1:5672/"
VAR = Path(os.environ.get("REVENGE_VAR_DIR", "var"))
ADMIN_EMAIL = os.environ.get("BOOTSTRAP_ADMIN_EMAIL", "admin@example.com")


class Unreachable(RuntimeError):
    """One readable line: what could not be reached, under which setting, and why."""


class AdminRefused(RuntimeError):
    """The database has an admin already, and the first admin's credentials do not sign in."""


def admin_password() -> str:
    """The first admin's password: BOOTSTRAP_ADMIN_PASSWORD, or one generated once and kept in var/."""
    if os.environ.get("BOOTSTRAP_ADMIN_PASSWORD"):
        return os.environ["BOOTSTRAP_ADMIN_PASSWORD"]
    path = VAR / "admin-password"
    if not path.exists():
        VAR.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(12) + "\n")
        path.chmod(0o600)
    return path.read_text().strip()


def admin_refused() -> AdminRefused:
    given = os.environ.get("BOOTSTRAP_ADMIN_PASSWORD")
    source = "BOOTSTRAP_ADMIN_PASSWORD" if given else str(VAR / "admin-password")
    return AdminRefused(
        f"the database already has an admin, and {ADMIN_EMAIL} cannot sign in with the password "
        f"from {source}; set BOOTSTRAP_ADMIN_EMAIL and BOOTSTRAP_ADMIN_PASSWORD to an admin's, "
        "or point DATABASE_URL at a new database"
    )


async def check_admin(database_url: str, email: str, password: str) -> None:
    """Raise :class:`AdminRefused` when the database has an admin and ``email``/``password`` is not one.
    A database, schema or table that does not exist yet is fine: the gateway will create the admin."""
    url = normalise_database_url(database_url).replace("postgresql+asyncpg://", "postgresql://", 1)
    try:
        conn = await asyncio.wait_for(asyncpg.connect(url), CONNECT_TIMEOUT)
    except asyncpg.InvalidCatalogNameError:
        return
    try:
        if await conn.fetchval("SELECT to_regclass('identity.users')") is None:
            return
        if not await conn.fetchval("SELECT exists(SELECT 1 FROM identity.users WHERE role = 'admin')"):
            return
        stored = await conn.fetchval(
            "SELECT password_hash FROM identity.users WHERE lower(email) = lower($1) AND role = 'admin' "
            "AND NOT disabled",
            email,
        )
    finally:
        await conn.close()
    from argon2 import PasswordHasher
    from argon2.exceptions import InvalidHashError, VerificationError

    try:
        if stored is not None and PasswordHasher().verify(stored, password):
            return
    except (VerificationError, InvalidHashError):
        pass
    raise admin_refused()


def database_url() -> str:
    return os.environ.get("DATABASE_URL", DEFAULT_DATABASE_URL)


def amqp_url() -> str:
    return os.environ.get("AMQP_URL", DEFAULT_AMQP_URL)


CONNECT_TIMEOUT = 5.0  # seconds


async def check(database_url: str, amqp_url: str) -> None:
    """Raise :class:`Unreachable` naming the URL as it was set (without its password)."""
    # The server's maintenance database: the one the URL names may not exist yet (make run creates it).
    url = normalise_database_url(database_url).replace("postgresql+asyncpg://", "postgresql://", 1)
    try:
        conn = await asyncio.wait_for(asyncpg.connect(url.rsplit("/", 1)[0] + "/postgres"), CONNECT_TIMEOUT)
    except (OSError, TimeoutError, asyncpg.PostgresError) as exc:
        reason = str(exc) or type(exc).__name__
        where = f"DATABASE_URL={redact_url(database_url)}"
        raise Unreachable(f"cannot reach PostgreSQL at {where}: {reason}") from exc
    await conn.close()

    from faststream.rabbit import RabbitBroker

    from shared.broker import BrokerUnreachable, connect_or_explain

    broker = RabbitBroker(amqp_url)
    try:
        await connect_or_explain(broker, amqp_url)
    except BrokerUnreachable as exc:
        raise Unreachable(str(exc)) from exc
    finally:
        await broker.stop()


async def explain() -> int:
    """0 when both answer and the first admin can sign in; else 2, after one line on stderr."""
    try:
        await check(database_url(), amqp_url())
        await check_admin(database_url(), ADMIN_EMAIL, admin_password())
    except (Unreachable, AdminRefused) as exc:
        print(f"make run: {exc}", file=sys.stderr)
        return 2
    return 0


def main() -> None:
    setup_logging("make-run", "WARNING", "text")  # quiets the broker client's own reconnection noise
    sys.exit(asyncio.run(explain()))


if __name__ == "__main__":
    main()
