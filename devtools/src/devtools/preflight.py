"""Are PostgreSQL and RabbitMQ there? ``make run`` asks before it builds or starts anything.

    python -m devtools.preflight     (exit status 2 and one line naming the setting when not)

Light on imports, so that a wrong ``DATABASE_URL`` is reported within a second: PostgreSQL is tried with
plain asyncpg, and the broker's libraries are loaded only once the database has answered.
"""

from __future__ import annotations

import asyncio
import os
import sys

import asyncpg

from shared.settings import normalise_database_url, redact_url
from shared.telemetry import setup_logging

DEFAULT_DATABASE_URL = "postgresql://postgres@127.0.0.1:5432/revenge"
DEFAULT_AMQP_URL = "amqp://guest:guest@127.0.0.1:5672/"


class Unreachable(RuntimeError):
    """One readable line: what could not be reached, under which setting, and why."""


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
    """0 when both answer; else 2, after one line on stderr."""
    try:
        await check(database_url(), amqp_url())
    except Unreachable as exc:
        print(f"make run: {exc}", file=sys.stderr)
        return 2
    return 0


def main() -> None:
    setup_logging("make-run", "WARNING", "text")  # quiets the broker client's own reconnection noise
    sys.exit(asyncio.run(explain()))


if __name__ == "__main__":
    main()
