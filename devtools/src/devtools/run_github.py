"""The GitHub stand-in as ``make run`` starts it: its issues kept in ``var/``, its issues' links pointing
at its own pages, and its numbering continuing after every issue github-sync has linked.

The database outlives a run, and with it github-sync's links (each issue number and node id is unique
there). A stand-in that started empty again would hand out issue 1 again and github-sync would retry
forever; so would one whose state file was deleted or predates it, hence the look at the links.
"""

from __future__ import annotations

from pathlib import Path

import asyncpg
from fastapi import FastAPI

from devtools.github_standin.app import create_app
from devtools.github_standin.calls import StandIn
from devtools.github_standin.objects import node_number
from shared.db import asyncpg_dsn

REPOSITORY = "lusoris/revenge"
TOKEN = "dev-token"
# What make run signs the stand-in's webhook deliveries with (devtools.act_as_github sends them).
WEBHOOK_SECRET = "dev-webhook-secret"


async def standin_app(var: Path, database_url: str) -> FastAPI:
    """Raises ValueError, naming the file, when the state file cannot be read."""
    app = create_app(token=TOKEN, state_file=var / "github-standin.json", local_pages=True)
    await continue_numbering(app.state.standin, database_url)
    return app


async def continue_numbering(standin: StandIn, database_url: str) -> None:
    number, object_id = await linked_issues(database_url, REPOSITORY)
    store = standin.store
    store.continue_after(store.repository(*REPOSITORY.split("/")), number, object_id)
    standin.save()


async def linked_issues(database_url: str, repository: str) -> tuple[int, int]:
    """The highest issue number github-sync has linked in ``repository``, and the highest stand-in id
    behind any linked issue's node id (real GitHub node ids have another form and are skipped)."""
    conn = await asyncpg.connect(asyncpg_dsn(database_url))
    try:
        number = await conn.fetchval(
            "SELECT max(issue_number) FROM github_sync.issue_links WHERE lower(repository) = lower($1)",
            repository,
        )
        node_ids = await conn.fetch(
            "SELECT issue_node_id FROM github_sync.issue_links WHERE issue_node_id IS NOT NULL"
        )
    finally:
        await conn.close()
    ids = (node_number(row["issue_node_id"]) for row in node_ids)
    return int(number or 0), max((i for i in ids if i is not None), default=0)
