"""github-sync against the GitHub stand-in as ``make run`` starts it, across restarts: the database keeps
github-sync's links, so a restarted stand-in must not hand out an issue number or node id again."""

import secrets
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from devtools import run_github
from devtools.servers import free_port, serve
from github_sync.app import create_app
from github_sync.config import GitHubSyncSettings
from support.apps import eventually, running
from support.broker import capture, delete_everything, publish
from support.db import create_fresh_database, drop_database
from support.events import ticket_created, ticket_state, user_created


@pytest.fixture(scope="module")
async def database_url() -> AsyncIterator[str]:
    url = await create_fresh_database(("github-sync",))
    yield url
    await drop_database(url)


@pytest.fixture
async def prefix() -> AsyncIterator[str]:
    name = f"devtools-{secrets.token_hex(3)}."
    yield name
    await delete_everything(name)


class MakeRun:
    """github-sync, running throughout, and the stand-in, started and stopped like ``make run``'s."""

    def __init__(self, var: Path, database_url: str, prefix: str, port: int) -> None:
        self.var, self.database_url, self.prefix, self.port = var, database_url, prefix, port

    async def file_ticket(self, title: str) -> dict[str, Any]:
        """Start the stand-in, file a ticket, return github-sync's link once it is made; stop it."""
        ticket = ticket_state(user_created().data, title=title)
        app = await run_github.standin_app(self.var, self.database_url)
        async with (
            serve(app, self.port),
            capture(self.prefix, "github", "github.issue_linked") as links,
        ):
            await publish(self.prefix, "tickets", ticket_created(ticket))

            async def link() -> list[dict[str, Any]]:
                return [b["data"] for b in links.bodies if b["data"]["ticket_id"] == str(ticket.id)]

            [found] = await eventually(link, within=30)
        return found


@pytest.fixture
async def make_run(database_url: str, prefix: str, tmp_path: Path) -> AsyncIterator[MakeRun]:
    port = free_port()
    settings = GitHubSyncSettings(
        database_url=database_url,
        broker_prefix=prefix,
        github_api_url=f"http://127.0.0.1:{port}",
        github_token=run_github.TOKEN,
        github_repository=run_github.REPOSITORY,
        github_retry_schedule=(0.3, 0.3, 0.3, 0.3),
    )
    async with running(create_app(settings)):
        yield MakeRun(tmp_path, database_url, prefix, port)


class TestRestarts:
    async def test_a_ticket_filed_after_a_restart_gets_the_next_issue(self, make_run: MakeRun) -> None:
        first = await make_run.file_ticket("Before the restart")
        second = await make_run.file_ticket("After the restart")
        assert second["issue_number"] == first["issue_number"] + 1
        assert second["repository"] == "lusoris/revenge"
        base = f"http://127.0.0.1:{make_run.port}/lusoris/revenge/issues"
        assert second["issue_url"] == f"{base}/{second['issue_number']}"

    async def test_a_lost_state_file_does_not_reuse_linked_numbers(self, make_run: MakeRun) -> None:
        first = await make_run.file_ticket("Before the state file went")
        (make_run.var / "github-standin.json").unlink()
        second = await make_run.file_ticket("After it went")
        assert second["issue_number"] > first["issue_number"]

    async def test_the_issue_link_opens_a_page_of_the_stand_in(self, make_run: MakeRun) -> None:
        link = await make_run.file_ticket("Playback <stutters> on Chrome")
        async with serve(await run_github.standin_app(make_run.var, make_run.database_url), make_run.port):
            async with httpx.AsyncClient() as client:
                page = await client.get(link["issue_url"])
        assert page.status_code == 200
        assert "Playback &lt;stutters&gt; on Chrome" in page.text
        assert "revenge-ticket" in page.text
