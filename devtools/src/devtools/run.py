"""``make run``: the whole product on one machine, with local stand-ins for the outside world.

Checks PostgreSQL and RabbitMQ, creates the database, migrates every schema, starts a mail catcher, a
webhook receiver and a GitHub stand-in, then the five services; subscribes the receiver to every ticket
event; prints where everything is and the first admin's credentials; stops it all on Ctrl-C.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import sys
from pathlib import Path

import httpx

from devtools import preflight, run_github
from devtools.hookbin import HookBin, hookbin_app
from devtools.mailcatcher import MailCatcher, inbox_app
from devtools.preflight import ADMIN_EMAIL, VAR, AdminRefused, admin_password, admin_refused
from devtools.servers import serve
from devtools.stack import SERVICES, Stack, ensure_database, migrate_all
from shared.settings import normalise_database_url
from shared.telemetry import setup_logging

WEB_BUILD = Path(__file__).resolve().parents[3] / "web" / "build"


def _port(name: str, default: int) -> int:
    return int(os.environ.get(name, default))


async def subscribe_receiver(gateway: str, password: str, receiver: str, hookbin: HookBin) -> None:
    async with httpx.AsyncClient(base_url=gateway, trust_env=False, timeout=10) as client:
        login = await client.post("/api/v1/auth/login", json={"email": ADMIN_EMAIL, "password": password})
        if login.status_code == 401:
            # preflight checks this before anything starts; a change in between still ends here
            raise admin_refused()
        login.raise_for_status()
        auth = {"authorization": f"Bearer {login.json()['access_token']}"}
        existing = (await client.get("/api/v1/admin/webhooks", headers=auth)).json()
        mine = [w for w in existing if w["url"] == receiver]
        if mine:
            secret = (await client.get(f"/api/v1/admin/webhooks/{mine[0]['id']}/secret", headers=auth)).json()
        else:
            created = await client.post(
                "/api/v1/admin/webhooks",
                headers=auth,
                json={"url": receiver, "events": ["*"], "kind": "custom", "description": "make run"},
            )
            created.raise_for_status()
            secret = created.json()
        hookbin.secrets["demo"] = secret["secret"]


async def main_async() -> int:
    database_url = normalise_database_url(preflight.database_url())
    amqp_url = preflight.amqp_url()
    if await preflight.explain():
        return 2
    if await ensure_database(database_url):
        print(f"created database {database_url.rsplit('/', 1)[1]}")
    await migrate_all(database_url)

    ports = {s.name: _port(s.port_env, s.default_port) for s in SERVICES}
    smtp_port, inbox_port = _port("MAILCATCHER_SMTP_PORT", 1025), _port("MAILCATCHER_PORT", 8025)
    hookbin_port, github_port = _port("HOOKBIN_PORT", 8026), _port("GITHUB_STANDIN_PORT", 8027)
    password = admin_password()
    gateway = f"http://127.0.0.1:{ports['gateway']}"
    use_standin = not os.environ.get("GITHUB_TOKEN")
    env = {
        "DATABASE_URL": database_url,
        "AMQP_URL": amqp_url,
        "PUBLIC_URL": os.environ.get("PUBLIC_URL", gateway),
        "LOG_FORMAT": os.environ.get("LOG_FORMAT", "text"),
        "SMTP_HOST": os.environ.get("SMTP_HOST", "127.0.0.1"),
        "SMTP_PORT": os.environ.get("SMTP_PORT", str(smtp_port)),
        "SMTP_FROM": os.environ.get("SMTP_FROM", "Revenge Support <support@example.com>"),
        "WEBHOOKS_ALLOW_PRIVATE_TARGETS": "true",
        "BOOTSTRAP_ADMIN_EMAIL": ADMIN_EMAIL,
        "BOOTSTRAP_ADMIN_PASSWORD": password,
        "ATTACHMENTS_DIR": str(VAR / "attachments"),
    }
    if use_standin:
        env |= {
            "GITHUB_API_URL": f"http://127.0.0.1:{github_port}",
            "GITHUB_TOKEN": run_github.TOKEN,
            "GITHUB_REPOSITORY": run_github.REPOSITORY,
            "GITHUB_WEBHOOK_SECRET": os.environ.get("GITHUB_WEBHOOK_SECRET", run_github.WEBHOOK_SECRET),
        }
    try:
        github_app = await run_github.standin_app(VAR, database_url) if use_standin else None
    except ValueError as exc:  # its state file is not one
        print(f"make run: {exc}", file=sys.stderr)
        return 2

    mail = MailCatcher(smtp_port)
    mail.start()
    hookbin = HookBin()
    stack = Stack(env=env, ports=ports, log=sys.stdout)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    async with contextlib.AsyncExitStack() as servers:
        inbox = await servers.enter_async_context(serve(inbox_app(mail.store), inbox_port))
        receiver = await servers.enter_async_context(serve(hookbin_app(hookbin), hookbin_port))
        github = ""
        if github_app is not None:
            github = await servers.enter_async_context(serve(github_app, github_port))
        try:
            await stack.start()
            await stack.wait_ready()
            await subscribe_receiver(gateway, password, f"{receiver}/hooks/demo", hookbin)
            print(banner(gateway, password, inbox, receiver, github), flush=True)
            await stop.wait()
        except AdminRefused as exc:
            print(f"make run: {exc}", file=sys.stderr)
            return 2
        finally:
            print("stopping…", flush=True)
            await stack.stop()
            mail.stop()
    return 0


def banner(gateway: str, password: str, inbox: str, receiver: str, github: str) -> str:
    web = (
        f"{gateway}/   (sign in as the first admin, or register as a reporter)"
        if (Path(os.environ.get("WEB_DIR", WEB_BUILD)) / "index.html").is_file()
        else "not built: make web (the API works without it)"
    )
    kept = "" if os.environ.get("BOOTSTRAP_ADMIN_PASSWORD") else "   (kept in var/admin-password)"
    github_line = (
        f"GitHub stand-in:    {github}/_standin/issues   ({run_github.REPOSITORY}'s issues, kept in var/)"
        if github
        else "GitHub:             the real one (GITHUB_TOKEN is set)"
    )
    return f"""
================================================================================
 Revenge Support is running at {gateway}
   Web UI:             {web}
   API docs:           {gateway}/api/docs   (every service, through the gateway)
   First admin:        {ADMIN_EMAIL}  /  {password}{kept}
   Mail catcher:       {inbox}   (every email the notifier sends)
   Webhook receiver:   {receiver}/hooks/demo   (subscribed to every ticket event, signature checked)
   {github_line}
 Try it: README.md, "A ticket from start to finish", walks through it with curl.
 Ctrl-C stops everything.
================================================================================
"""


def main() -> None:
    setup_logging("make-run", "WARNING", "text")
    sys.exit(asyncio.run(main_async()))


if __name__ == "__main__":
    main()
