"""``/_standin/*``: what tests use to look inside the stand-in and to break it on purpose.

None of this is part of GitHub's API.
"""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter, Request
from pydantic import BaseModel, Field

from devtools.github_standin import objects
from devtools.github_standin.calls import StandIn
from devtools.github_standin.faults import Fault, FaultIn


class SeedIssue(BaseModel):
    """An issue opened by someone else than our bot, straight into the store (no webhook)."""

    repository: str = Field(pattern=r"^[^/\s]+/[^/\s]+$", examples=["octo-org/octo-repo"])
    title: str
    body: str | None = None
    user: str = "octocat"
    labels: list[str] = Field(default_factory=list)
    state: Literal["open", "closed"] = "open"


def base_url(request: Request) -> str:
    return str(request.base_url).rstrip("/")


def router(standin: StandIn) -> APIRouter:
    api = APIRouter(prefix="/_standin", tags=["stand-in"])

    @api.get("/health")
    async def health() -> dict[str, Any]:
        return {"status": "ok", "openapi_version": standin.spec.version}

    @api.get("/requests")
    async def requests() -> list[dict[str, Any]]:
        return standin.journal.dump_requests()

    @api.get("/violations")
    async def violations() -> list[dict[str, Any]]:
        return standin.journal.dump_violations()

    @api.get("/issues")
    async def issues(request: Request) -> list[dict[str, Any]]:
        """Every issue of every repository, each with its comments."""
        base = base_url(request)
        html = standin.html_base(base)
        return [
            {
                "repository": repo.full_name,
                "issue": objects.issue(base, repo, issue, html),
                "comments": [objects.comment(base, repo, c, html) for c in issue.comments],
            }
            for repo in standin.store.repositories.values()
            for issue in sorted(repo.issues.values(), key=lambda i: i.number)
        ]

    @api.post("/issues", status_code=201)
    async def seed_issue(seed: SeedIssue, request: Request) -> dict[str, Any]:
        store = standin.store
        repo = store.repository(*seed.repository.split("/"))
        issue = store.create_issue(repo, seed.title, seed.body, seed.user, seed.labels)
        store.set_state(issue, seed.state, None, seed.user)
        standin.save()
        base = base_url(request)
        return objects.issue(base, repo, issue, standin.html_base(base))

    @api.post("/reset", status_code=204)
    async def reset() -> None:
        standin.reset()

    @api.get("/faults")
    async def faults() -> list[Fault]:
        return standin.faults.faults

    @api.post("/faults", status_code=201)
    async def add_fault(fault: FaultIn) -> Fault:
        return standin.faults.add(fault)

    @api.delete("/faults", status_code=204)
    async def clear_faults() -> None:
        standin.faults.clear()

    return api
