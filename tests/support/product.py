"""The product as it runs for real: five service processes, with their own database and broker names,
a real SMTP server, a real webhook receiver and the GitHub stand-in."""

import contextlib
import secrets
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

from devtools.github_standin.app import create_app as github_app
from devtools.hookbin import HookBin, hookbin_app
from devtools.mailcatcher import MailCatcher, MailStore
from devtools.servers import free_port, serve
from devtools.stack import SERVICES, Stack
from support.accounts import ADMIN_EMAIL, ADMIN_PASSWORD
from support.broker import delete_everything
from support.db import create_fresh_database, drop_database

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
GITHUB_TOKEN = "e2e-token"
GITHUB_REPOSITORY = "revenge-media/revenge"
GITHUB_WEBHOOK_SECRET = "e2e-webhook-secret"


@dataclass
class Product:
    stack: Stack
    gateway: str
    mail: MailStore
    hooks: HookBin
    hooks_url: str
    github: str
    database_url: str


@contextlib.asynccontextmanager
async def running_product(name: str = "e2e") -> AsyncIterator[Product]:
    """Everything, with its own database and broker names; service logs go to test-artifacts/<name>-….

    The gateway also serves the built web UI (``web/build``) when there is one."""
    database_url = await create_fresh_database()
    prefix = f"{name}-{secrets.token_hex(3)}."
    smtp = MailCatcher(free_port())
    smtp.start()
    hooks = HookBin()
    ARTIFACTS.mkdir(exist_ok=True)
    ports = {spec.name: free_port() for spec in SERVICES}
    gateway = f"http://127.0.0.1:{ports['gateway']}"
    try:
        async with (
            serve(hookbin_app(hooks), free_port()) as hooks_url,
            serve(github_app(token=GITHUB_TOKEN), free_port()) as github,
        ):
            with (ARTIFACTS / f"{name}-services.log").open("w") as log:
                stack = Stack(
                    env={
                        "DATABASE_URL": database_url,
                        "BROKER_PREFIX": prefix,
                        "PUBLIC_URL": gateway,
                        "LOG_FORMAT": "text",
                        "SMTP_HOST": "127.0.0.1",
                        "SMTP_PORT": str(smtp.port),
                        "SMTP_FROM": "Revenge Support <support@revenge.example>",
                        "WEBHOOKS_ALLOW_PRIVATE_TARGETS": "true",
                        "GITHUB_API_URL": github,
                        "GITHUB_TOKEN": GITHUB_TOKEN,
                        "GITHUB_REPOSITORY": GITHUB_REPOSITORY,
                        "GITHUB_WEBHOOK_SECRET": GITHUB_WEBHOOK_SECRET,
                        "BOOTSTRAP_ADMIN_EMAIL": ADMIN_EMAIL,
                        "BOOTSTRAP_ADMIN_PASSWORD": ADMIN_PASSWORD,
                    },
                    ports=ports,
                    log=log,
                )
                try:
                    await stack.start()
                    await stack.wait_ready(within=120)
                    yield Product(stack, gateway, smtp.store, hooks, hooks_url, github, database_url)
                finally:
                    await stack.stop()
    finally:
        smtp.stop()
        await delete_everything(prefix)
        await drop_database(database_url)
