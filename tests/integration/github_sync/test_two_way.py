"""Two-way sync: public ticket comments and status changes reach the issue (never an internal note), and
GitHub's own webhook deliveries — its published examples, signed as GitHub signs them — come back as
events for the tickets service. Echoes of our own changes and redeliveries change nothing."""

import asyncio
import uuid
from typing import Any

import httpx

from devtools.github_standin import APP_ID, deliver, example, issues_closed, retarget, sign
from shared.events import (
    ClosedData,
    Envelope,
    StatusChangeData,
    TicketClosed,
    TicketReopened,
    TicketResolved,
    TicketState,
)
from support.apps import eventually
from support.broker import capture, publish
from support.events import ticket_closed, ticket_commented, ticket_created, ticket_state, user_created
from support.github import REPOSITORY, WEBHOOK_SECRET, comments_on, issue, issues_for

HOOK = "/integrations/github/webhook"


async def linked_ticket(standin: httpx.AsyncClient, prefix: str) -> tuple[TicketState, int, Any]:
    reporter = user_created().data
    ticket = ticket_state(reporter)
    await publish(prefix, "tickets", ticket_created(ticket))
    [created] = await eventually(lambda: issues_for(standin, ticket.id))
    return ticket, int(created["number"]), reporter


def issue_closed(number: int, sender: str | None = None) -> dict[str, Any]:
    return retarget(issues_closed(), repository=REPOSITORY, issue_number=number, sender=sender)


def status_event(ticket: TicketState, old: str, new: str, version: int) -> Envelope:
    state = ticket.model_copy(update={"status": new, "version": version})
    subject = {"source": "tickets", "subject": str(ticket.id)}
    if new == "closed":
        return TicketClosed(
            data=ClosedData(ticket=state, old_status=old, new_status=new, resolution="Fixed"),  # type: ignore[arg-type]
            **subject,  # type: ignore[arg-type]
        )
    kind = TicketResolved if new == "resolved" else TicketReopened
    return kind(data=StatusChangeData(ticket=state, old_status=old, new_status=new), **subject)  # type: ignore[arg-type]


async def patches_of(standin: httpx.AsyncClient, number: int) -> list[dict[str, Any]]:
    calls = (await standin.get("/_standin/requests")).json()
    return [
        c["json"]
        for c in calls
        if c["method"] == "PATCH" and c["path"] == f"/repos/{REPOSITORY}/issues/{number}"
    ]


async def send(client: httpx.AsyncClient, event: str, payload: dict[str, Any], **kw: Any) -> httpx.Response:
    return await deliver(HOOK, WEBHOOK_SECRET, event, payload, client=client, **kw)


def about(bodies: list[dict[str, Any]], ticket_id: uuid.UUID) -> list[dict[str, Any]]:
    """What GitHub said about this ticket (issue links come along on the same exchange)."""
    return [
        b for b in bodies if b["data"]["ticket_id"] == str(ticket_id) and b["type"] != "github.issue_linked"
    ]


class TestTicketToGitHub:
    async def test_a_public_comment_becomes_a_github_comment_and_an_internal_note_never_does(
        self, github_sync: httpx.AsyncClient, standin: httpx.AsyncClient, github_prefix: str
    ) -> None:
        ticket, number, reporter = await linked_ticket(standin, github_prefix)
        note = ticket_commented(ticket, reporter, "SECRET-NOTE the admin password is hunter2", internal=True)
        reply = ticket_commented(ticket, reporter, "Still stutters with **1.2.3**.")
        await publish(github_prefix, "tickets", note)
        await publish(github_prefix, "tickets", reply)
        [comment] = await eventually(lambda: comments_on(standin, number))
        assert "Still stutters with **1.2.3**." in comment["body"]
        assert f"**{reporter.username}** wrote on [ticket #{ticket.ticket_number}]" in comment["body"]
        assert f"<!-- revenge-support:c={reply.data.comment.id} -->" in comment["body"]
        await publish(github_prefix, "tickets", reply)  # a redelivered event
        await asyncio.sleep(1.5)
        bodies = [c["body"] for c in await comments_on(standin, number)]
        assert len(bodies) == 1
        assert not any("SECRET-NOTE" in b for b in bodies)
        assert (await standin.get("/_standin/violations")).json() == []

    async def test_resolving_closes_the_issue_reopening_reopens_it_and_a_late_event_changes_nothing(
        self, github_sync: httpx.AsyncClient, standin: httpx.AsyncClient, github_prefix: str
    ) -> None:
        ticket, number, _ = await linked_ticket(standin, github_prefix)
        await publish(github_prefix, "tickets", status_event(ticket, "open", "resolved", 2))
        closed = await eventually(lambda: _in_state(standin, number, "closed"))
        assert closed["state_reason"] == "completed"
        await publish(github_prefix, "tickets", status_event(ticket, "resolved", "closed", 3))
        await publish(github_prefix, "tickets", status_event(ticket, "closed", "open", 4))
        reopened = await eventually(lambda: _in_state(standin, number, "open"))
        assert reopened["state_reason"] == "reopened"
        # Resolved → closed needed no call: the issue was closed already.
        assert await patches_of(standin, number) == [
            {"state": "closed", "state_reason": "completed"},
            {"state": "open", "state_reason": "reopened"},
        ]
        await publish(github_prefix, "tickets", status_event(ticket, "open", "resolved", 3))  # arrives late
        await asyncio.sleep(1.5)
        assert (await issue(standin, number))["state"] == "open"
        assert (await standin.get("/_standin/violations")).json() == []


async def _in_state(standin: httpx.AsyncClient, number: int, state: str) -> dict[str, Any] | None:
    found = await issue(standin, number)
    return found if found["state"] == state else None

    async def test_closing_with_a_resolution_posts_it_on_the_issue_once_and_closes_it(
        self, github_sync: httpx.AsyncClient, standin: httpx.AsyncClient, github_prefix: str
    ) -> None:
        ticket, number, _ = await linked_ticket(standin, github_prefix)
        admin = user_created("admin").data
        closing = ticket_closed(ticket, admin, "Fixed in **1.2.3**: update and restart.")
        await publish(github_prefix, "tickets", closing)
        await publish(github_prefix, "tickets", closing)  # redelivered
        [comment] = await eventually(lambda: comments_on(standin, number))
        await eventually(lambda: _in_state(standin, number, "closed"))
        await asyncio.sleep(1)
        assert len(await comments_on(standin, number)) == 1
        link = f"[ticket #{ticket.ticket_number}]({ticket.url})"
        assert comment["body"].startswith(f"**{admin.username}** closed {link} with this resolution:")
        assert "Fixed in **1.2.3**: update and restart." in comment["body"]


class TestGitHubToTicket:
    async def test_closing_and_reopening_the_issue_on_github_are_published_once_each(
        self, github_sync: httpx.AsyncClient, standin: httpx.AsyncClient, github_prefix: str
    ) -> None:
        ticket, number, _ = await linked_ticket(standin, github_prefix)
        closing = issue_closed(number, sender="octocat")
        delivery = str(uuid.uuid4())
        async with capture(github_prefix, "github", "github.#") as events:
            first = await send(github_sync, "issues", closing, delivery_id=delivery)
            assert first.status_code == 200, first.text
            assert first.json()["outcome"] == f"ticket {ticket.ticket_number} to be resolved"
            [closed] = await eventually(lambda: _about(events.bodies, ticket.id))
            again = await send(github_sync, "issues", closing, delivery_id=delivery)  # GitHub's redelivery
            assert again.json()["outcome"] == "ignored: delivery already received"
            reopening = retarget(
                example("issues", "reopened"), repository=REPOSITORY, issue_number=number, sender="octocat"
            )
            assert (await send(github_sync, "issues", reopening)).status_code == 200
            await eventually(lambda: _count(events.bodies, ticket.id, 2))
            await asyncio.sleep(1)
        assert [b["type"] for b in about(events.bodies, ticket.id)] == [
            "github.issue_closed",
            "github.issue_reopened",
        ]
        assert closed["data"] == {
            "ticket_id": str(ticket.id),
            "repository": REPOSITORY,
            "issue_number": number,
            "state": "closed",
            "state_reason": closing["issue"]["state_reason"],
            "actor_login": "octocat",
        }

    async def test_the_webhook_about_our_own_close_is_an_echo(
        self, github_sync: httpx.AsyncClient, standin: httpx.AsyncClient, github_prefix: str
    ) -> None:
        ticket, number, _ = await linked_ticket(standin, github_prefix)
        await publish(github_prefix, "tickets", status_event(ticket, "open", "resolved", 2))
        await eventually(lambda: _in_state(standin, number, "closed"))
        echo = issue_closed(number)
        async with capture(github_prefix, "github", "github.#") as events:
            response = await send(github_sync, "issues", echo)
            await asyncio.sleep(1)
        assert response.json()["outcome"].startswith("ignored: already closed")
        assert about(events.bodies, ticket.id) == []

    async def test_a_comment_on_github_is_published_once_and_echoes_and_strangers_are_not(
        self, github_sync: httpx.AsyncClient, standin: httpx.AsyncClient, github_prefix: str
    ) -> None:
        ticket, number, _ = await linked_ticket(standin, github_prefix)
        base = example("issue_comment", "created")
        comment_id = 900_000_000 + uuid.uuid4().int % 1_000_000

        def comment(**kw: Any) -> dict[str, Any]:
            options: dict[str, Any] = {"repository": REPOSITORY, "issue_number": number, "sender": "octocat"}
            return retarget(base, **(options | kw))

        async with capture(github_prefix, "github", "github.comment_created") as events:
            genuine = comment(comment_id=comment_id, comment_body="Reproduced on **Linux** too.")
            response = await send(github_sync, "issue_comment", genuine)
            assert response.json()["outcome"] == f"comment added to ticket {ticket.ticket_number}"
            outcomes = [
                (await send(github_sync, "issue_comment", payload)).json()["outcome"]
                for payload in (
                    genuine,  # the same comment under a new delivery id
                    comment(comment_id=comment_id + 1, comment_body="ours\n<!-- revenge-support:c=x -->"),
                    comment(comment_id=comment_id + 2, comment_body="by our App", via_app=APP_ID),
                    comment(comment_id=comment_id + 3, comment_body="on a PR", on_pull_request=True),
                    comment(comment_id=comment_id + 4, issue_number=number + 100_000, comment_body="x"),
                    retarget(example("issue_comment", "edited"), repository=REPOSITORY, issue_number=number),
                )
            ]
            [created] = await eventually(lambda: _about(events.bodies, ticket.id))
            await asyncio.sleep(1)
        assert outcomes == [
            "ignored: a comment already synced",
            "ignored: a comment this helpdesk mirrored",
            "ignored: written by this helpdesk's GitHub App",
            "ignored: a comment on a pull request",
            "ignored: not an issue of ours",
            "ignored: issue_comment.edited is not synced",
        ]
        assert len(about(events.bodies, ticket.id)) == 1
        data = created["data"]
        assert (data["comment_id"], data["author_login"], data["body"]) == (
            comment_id,
            "octocat",
            "Reproduced on **Linux** too.",
        )
        assert data["html_url"].endswith(f"/issues/{number}#issuecomment-{comment_id}")


async def _about(bodies: list[dict[str, Any]], ticket_id: uuid.UUID) -> list[dict[str, Any]]:
    return about(bodies, ticket_id)


async def _count(bodies: list[dict[str, Any]], ticket_id: uuid.UUID, count: int) -> bool:
    return len(about(bodies, ticket_id)) >= count


class TestTheDoor:
    async def test_a_delivery_not_signed_with_our_secret_is_refused_and_changes_nothing(
        self, github_sync: httpx.AsyncClient, standin: httpx.AsyncClient, github_prefix: str
    ) -> None:
        ticket, number, _ = await linked_ticket(standin, github_prefix)
        closing = issue_closed(number)
        async with capture(github_prefix, "github", "github.#") as events:
            forged = await deliver(HOOK, "not the secret", "issues", closing, client=github_sync)
            unsigned = await github_sync.post(HOOK, json=closing, headers={"X-GitHub-Event": "issues"})
            await asyncio.sleep(1)
        for response in (forged, unsigned):
            assert response.status_code == 401
            assert response.headers["content-type"] == "application/problem+json"
            assert "X-Hub-Signature-256" in response.json()["detail"]
        assert about(events.bodies, ticket.id) == []

    async def test_ping_is_answered_and_missing_headers_are_named(
        self, github_sync: httpx.AsyncClient
    ) -> None:
        pong = await send(github_sync, "ping", example("ping"))
        assert (pong.status_code, pong.json()["outcome"]) == (200, "pong")
        body = b'{"zen": "Keep it logically awesome."}'
        response = await github_sync.post(
            HOOK, content=body, headers={"X-Hub-Signature-256": sign(WEBHOOK_SECRET, body)}
        )
        assert response.status_code == 422
        assert response.json()["errors"][0]["field"] == "X-GitHub-Event"
        broken = issue_closed(1)
        del broken["issue"]["number"]
        invalid = await send(github_sync, "issues", broken)
        assert invalid.status_code == 422
        assert "issue.number" in [e["field"] for e in invalid.json()["errors"]]
