"""The command line every service shares: ``serve`` (the default) and ``migrate``."""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import Callable
from pathlib import Path

import uvicorn
from fastapi import FastAPI

from shared import migrations
from shared.db import DatabaseUnreachable, check_database
from shared.settings import ServiceSettings
from shared.telemetry import setup_logging


def run_cli(
    *,
    service: str,
    settings_factory: Callable[[], ServiceSettings],
    app_factory: Callable[[], FastAPI],
    migrations_dir: Path,
    schema: str,
    argv: list[str] | None = None,
) -> None:
    parser = argparse.ArgumentParser(prog=f"revenge-{service}")
    parser.add_argument("command", nargs="?", default="serve", choices=["serve", "migrate"])
    args = parser.parse_args(argv)
    try:
        settings = settings_factory()
    except ValueError as exc:  # pydantic's ValidationError is a ValueError
        sys.exit(f"revenge-{service}: invalid settings: {exc}")
    setup_logging(service, settings.log_level, settings.log_format)
    try:
        asyncio.run(check_database(settings.database_url))
    except DatabaseUnreachable as exc:
        sys.exit(f"revenge-{service}: {exc}")
    if args.command == "migrate":
        migrations.upgrade(migrations_dir, settings.database_url, schema)
        print(f"revenge-{service}: schema {schema!r} is up to date")
        return
    uvicorn.run(
        app_factory(),
        host=settings.host,
        port=settings.port,
        log_config=None,
        proxy_headers=False,
        timeout_graceful_shutdown=10,
    )
