"""Database plumbing: engines, sessions, and the checks behind a clear start-up error."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import asyncpg
from sqlalchemy import MetaData, text
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

from shared.settings import redact_url

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def schema_metadata(schema: str) -> MetaData:
    """MetaData for one service's schema, with stable constraint names for migrations."""
    return MetaData(schema=schema, naming_convention=NAMING_CONVENTION)


def create_engine(url: str, *, pool_size: int = 10, application_name: str = "") -> AsyncEngine:
    return create_async_engine(
        url,
        pool_size=pool_size,
        max_overflow=pool_size,
        pool_pre_ping=True,
        connect_args={"server_settings": {"application_name": application_name or "revenge"}},
    )


def create_sessionmaker(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    # expire_on_commit=False: objects stay readable after commit, with no hidden reload query.
    return async_sessionmaker(engine, expire_on_commit=False, autoflush=False)


@asynccontextmanager
async def transaction(
    sessionmaker: async_sessionmaker[AsyncSession],
) -> AsyncIterator[AsyncSession]:
    """One session, one transaction: committed when the block ends, rolled back if it raises."""
    async with sessionmaker() as session, session.begin():
        yield session


def asyncpg_dsn(url: str) -> str:
    """The plain ``postgresql://`` DSN asyncpg itself understands."""
    return url.replace("postgresql+asyncpg://", "postgresql://", 1)


class DatabaseUnreachable(RuntimeError):
    pass


async def check_database(url: str, connect_timeout: float = 5.0) -> None:
    """Raise :class:`DatabaseUnreachable` with one readable line if PostgreSQL cannot be reached."""
    try:
        conn = await asyncio.wait_for(asyncpg.connect(asyncpg_dsn(url)), connect_timeout)
    except (OSError, TimeoutError, asyncpg.PostgresError) as exc:
        reason = str(exc) or type(exc).__name__
        raise DatabaseUnreachable(
            f"cannot reach PostgreSQL at DATABASE_URL={redact_url(asyncpg_dsn(url))}: {reason}"
        ) from exc
    await conn.close()


async def ping(engine: AsyncEngine) -> None:
    async with engine.connect() as conn:
        await conn.execute(text("SELECT 1"))
