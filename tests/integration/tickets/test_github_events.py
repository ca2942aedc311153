"""What GitHub says about a ticket's issue reaches the ticket: a close resolves it, a reopen opens it
again, and a comment there becomes a public comment here, credited to its GitHub login."""

from datetime import UTC, datetime
from typing import Any

import httpx

from shared.events import (
    GitHubCommentCreated,
    GitHubCommentData,
    GitHubIssueClosed,
    GitHubIssueReopened,
    GitHubIssueStateData,
)
from support.apps import eventually
from support.broker import capture, publish
from support.tickets import USER, admin_get, file_ticket, set_status
from support.tokens import person

REPOSITORY = "revenge-media/revenge"


def state_event(ticket: dict[str, Any], state: str) -> GitHubIssueClosed | GitHubIssueReopened:
    data = GitHubIssueStateData(
        ticket_id=ticket["id"],
        repository=REPOSITORY,
        issue_number=7,
        state=state,  # type: ignore[arg-type]
        state_reason="completed" if state == "closed" else "reopened",
        actor_login="octocat",
    )
    kind = GitHubIssueClosed if state == "closed" else GitHubIssueReopened
    return kind(source="github-sync", subject=ticket["id"], data=data)


async def status_of(tickets: httpx.AsyncClient, ticket: dict[str, Any]) -> str:
    response = await admin_get(tickets, person("admin"), ticket["ticket_number"])
    return str(response.json()["status"])


class TestGitHubEvents:
    async def test_closing_the_issue_resolves_the_ticket_and_reopening_opens_it(
        self, tickets: httpx.AsyncClient, broker_prefix: str
    ) -> None:
        alice = person()
        ticket = await file_ticket(tickets, alice)
        async with capture(broker_prefix, "tickets", "ticket.#") as events:
            await publish(broker_prefix, "github", state_event(ticket, "closed"))
            await eventually(lambda: _is(tickets, ticket, "resolved"))
            await publish(broker_prefix, "github", state_event(ticket, "open"))
            await eventually(lambda: _is(tickets, ticket, "open"))
            mine = await eventually(lambda: _mine(events.bodies, ticket, 2, skip="ticket.created"))
        assert [e["type"] for e in mine] == ["ticket.resolved", "ticket.reopened"]
        assert mine[0]["data"]["actor"] is None  # GitHub did it, not an account here
        detail = (await tickets.get(f"{USER}/{ticket['id']}", headers=alice.headers())).json()
        assert [(h["old_status"], h["new_status"]) for h in detail["status_history"]][-2:] == [
            ("open", "resolved"),
            ("resolved", "open"),
        ]

    async def test_a_close_on_github_leaves_a_ticket_closed_here_alone(
        self, tickets: httpx.AsyncClient, broker_prefix: str
    ) -> None:
        admin = person("admin")
        ticket = await file_ticket(tickets, person())
        assert (await set_status(tickets, admin, ticket["ticket_number"], "closed")).status_code == 200
        await publish(broker_prefix, "github", state_event(ticket, "closed"))
        marker = await file_ticket(tickets, person())  # processed after the event above
        await publish(broker_prefix, "github", state_event(marker, "closed"))
        await eventually(lambda: _is(tickets, marker, "resolved"))
        assert await status_of(tickets, ticket) == "closed"

    async def test_a_github_comment_is_a_public_comment_credited_to_its_login(
        self, tickets: httpx.AsyncClient, broker_prefix: str
    ) -> None:
        alice = person()
        ticket = await file_ticket(tickets, alice)
        event = GitHubCommentCreated(
            source="github-sync",
            subject=ticket["id"],
            data=GitHubCommentData(
                ticket_id=ticket["id"],
                repository=REPOSITORY,
                issue_number=7,
                comment_id=4242,
                author_login="octocat",
                body="Reproduced on **Linux** <script>alert(1)</script>",
                html_url=f"https://github.com/{REPOSITORY}/issues/7#issuecomment-4242",
                created_at=datetime.now(UTC),
            ),
        )
        async with capture(broker_prefix, "tickets", "ticket.commented") as events:
            await publish(broker_prefix, "github", event)
            detail = await eventually(lambda: _with_comment(tickets, alice.headers(), ticket["id"]))
            [published] = await eventually(lambda: _mine(events.bodies, ticket, 1))
        [comment] = detail["comments"]
        assert (comment["author"], comment["external_author"], comment["origin"]) == (
            None,
            "octocat",
            "github",
        )
        assert comment["is_internal"] is False
        assert "<strong>Linux</strong>" in comment["comment_html"]
        assert "<script" not in comment["comment_html"]
        assert published["data"]["comment"]["origin"] == "github"  # so the sync does not send it back
        assert published["data"]["comment"]["external_author"] == "octocat"
        found = await tickets.get(USER, params={"q": "Reproduced Linux"}, headers=alice.headers())
        assert [t["id"] for t in found.json()["items"]] == [ticket["id"]]


async def _is(tickets: httpx.AsyncClient, ticket: dict[str, Any], status: str) -> bool:
    return await status_of(tickets, ticket) == status


async def _with_comment(
    tickets: httpx.AsyncClient, headers: dict[str, str], ticket_id: str
) -> dict[str, Any] | None:
    detail: dict[str, Any] = (await tickets.get(f"{USER}/{ticket_id}", headers=headers)).json()
    return detail if detail["comments"] else None


async def _mine(
    bodies: list[dict[str, Any]], ticket: dict[str, Any], count: int, skip: str = ""
) -> list[dict[str, Any]]:
    """This ticket's events (its ticket.created may be relayed late, into the capture: ``skip``)."""
    found = [e for e in bodies if e["subject"] == ticket["id"] and e["type"] != skip]
    return found if len(found) >= count else []
