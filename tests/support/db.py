"""A fresh database per test run, migrated with the real migrations of every service."""

import asyncio
import secrets

import asyncpg

from devtools.stack import SERVICES
from shared import migrations
from shared.db import asyncpg_dsn

ADMIN_DSN = "postgresql://postgres@127.0.0.1:5432/postgres"


async def create_fresh_database(services: tuple[str, ...] | None = None) -> str:
    """A new database with every schema (or only those of ``services``) migrated to head."""
    name = f"revenge_test_{secrets.token_hex(4)}"
    conn = await asyncpg.connect(ADMIN_DSN)
    try:
        await conn.execute(f'CREATE DATABASE "{name}"')
    finally:
        await conn.close()
    url = f"postgresql+asyncpg://postgres@127.0.0.1:5432/{name}"
    for spec in SERVICES:
        if services is None or spec.name in services:
            await asyncio.to_thread(migrations.upgrade, spec.migrations_dir, url, spec.schema)
    return url


async def drop_database(url: str) -> None:
    name = url.rsplit("/", 1)[1]
    conn = await asyncpg.connect(ADMIN_DSN)
    try:
        await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await conn.close()


async def fetch(url: str, sql: str, *args: object) -> list[asyncpg.Record]:
    """Rows straight from the database, for what a test cannot see through an API."""
    conn = await asyncpg.connect(asyncpg_dsn(url))
    try:
        return list(await conn.fetch(sql, *args))
    finally:
        await conn.close()
