"""A new ticket becomes one GitHub issue — checked against GitHub's published OpenAPI description — and
the link goes back to the tickets service as an event. Never two issues, whatever fails in between."""

import asyncio
import uuid
from typing import Any

import httpx

from support.apps import eventually
from support.broker import Capture, capture, publish
from support.events import ticket_created, ticket_state, user_created
from support.github import REPOSITORY, add_fault, issues_for


async def links_for(links: Capture, ticket_id: uuid.UUID) -> list[dict[str, Any]]:
    """Link events for this ticket (earlier tests' links may arrive too: nothing else consumes them)."""
    return [b for b in links.bodies if b["data"]["ticket_id"] == str(ticket_id)]


class TestIssueCreation:
    async def test_a_new_ticket_becomes_a_labelled_issue_and_the_link_is_published(
        self, github_sync: httpx.AsyncClient, standin: httpx.AsyncClient, github_prefix: str
    ) -> None:
        reporter = user_created().data
        ticket = ticket_state(reporter, title="Crash when opening <Settings> & Music")
        async with capture(github_prefix, "github", "github.issue_linked") as links:
            await publish(github_prefix, "tickets", ticket_created(ticket))
            [issue] = await eventually(lambda: issues_for(standin, ticket.id))
            [link] = await eventually(lambda: links_for(links, ticket.id))
        assert issue["title"] == ticket.title
        assert [label["name"] for label in issue["labels"]] == ["revenge-ticket"]
        body = issue["body"]
        assert ticket.description in body
        assert "<!-- Revenge Ticket Metadata -->" in body
        assert f"revenge_ticket_number: {ticket.ticket_number}" in body
        assert f"revenge_user: {reporter.username}" in body
        assert f"revenge_url: {ticket.url}" in body
        assert link["data"] == {
            "ticket_id": str(ticket.id),
            "repository": REPOSITORY,
            "issue_number": issue["number"],
            "issue_url": issue["html_url"],
        }
        assert (await standin.get("/_standin/violations")).json() == []
        [request] = [
            r
            for r in (await standin.get("/_standin/requests")).json()
            if r["method"] == "POST" and str(ticket.id) in str(r.get("json"))
        ]
        assert request["headers"]["x-github-api-version"] == "2022-11-28"

    async def test_a_redelivered_event_creates_no_second_issue(
        self, github_sync: httpx.AsyncClient, standin: httpx.AsyncClient, github_prefix: str
    ) -> None:
        event = ticket_created(ticket_state(user_created().data))
        await publish(github_prefix, "tickets", event)
        await eventually(lambda: issues_for(standin, event.data.ticket.id))
        await publish(github_prefix, "tickets", event)
        await asyncio.sleep(1.5)
        assert len(await issues_for(standin, event.data.ticket.id)) == 1

    async def test_an_issue_created_whose_answer_was_lost_is_adopted_not_duplicated(
        self, github_sync: httpx.AsyncClient, standin: httpx.AsyncClient, github_prefix: str
    ) -> None:
        await add_fault(
            standin, method="POST", path_regex=r"/repos/.*/issues$", status=502, times=1, after_effect=True
        )
        ticket = ticket_state(user_created().data)
        async with capture(github_prefix, "github", "github.issue_linked") as links:
            await publish(github_prefix, "tickets", ticket_created(ticket))
            [link] = await eventually(lambda: links_for(links, ticket.id), within=30)
        [issue] = await issues_for(standin, ticket.id)
        assert link["data"]["issue_number"] == issue["number"]

    async def test_github_rate_limits_are_waited_out(
        self, github_sync: httpx.AsyncClient, standin: httpx.AsyncClient, github_prefix: str
    ) -> None:
        await add_fault(
            standin,
            method="POST",
            path_regex=r"/repos/.*/issues$",
            status=403,
            times=1,
            headers={"retry-after": "1"},
            body={"message": "You have exceeded a secondary rate limit."},
        )
        ticket = ticket_state(user_created().data)
        await publish(github_prefix, "tickets", ticket_created(ticket))
        [issue] = await eventually(lambda: issues_for(standin, ticket.id), within=30)
        assert issue["state"] == "open"

    async def test_status_shows_the_sync_is_on(self, github_sync: httpx.AsyncClient) -> None:
        from support.tokens import person

        status = await github_sync.get(
            "/api/v1/admin/github/status", headers=person("admin").headers(audience="github-sync")
        )
        assert status.status_code == 200
        assert status.json()["enabled"] is True
        assert status.json()["webhook_enabled"] is True
        assert status.json()["repository"] == REPOSITORY
