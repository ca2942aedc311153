"""One ticket end to end: filed through the gateway, stored, published, and acted on by every consumer
against real servers — the email, the signed webhook, the GitHub issue and the link back."""

import argparse
from typing import Any

import httpx
import pytest

from devtools.act_as_github import act
from devtools.github_standin import deliver, example, issues_closed, retarget
from support.accounts import ADMIN_EMAIL, ADMIN_PASSWORD, Account, login, signed_up
from support.apps import eventually
from support.product import GITHUB_REPOSITORY, GITHUB_TOKEN, GITHUB_WEBHOOK_SECRET, Product

pytestmark = pytest.mark.e2e


async def file_ticket(client: httpx.AsyncClient, account: Account, **fields: str) -> dict[str, Any]:
    created = await client.post("/api/v1/support/tickets", headers=account.bearer, json=fields)
    assert created.status_code == 201, created.text
    return dict(created.json())


async def issue_url(client: httpx.AsyncClient, account: Account, ref: object) -> str:
    """The ticket's github_issue_url, once github-sync has linked it."""

    async def linked() -> str | None:
        detail = (await client.get(f"/api/v1/support/tickets/{ref}", headers=account.bearer)).json()
        return detail["github_issue_url"]  # type: ignore[no-any-return]

    return await eventually(linked, within=60)


async def test_a_ticket_filed_through_the_gateway_reaches_mail_webhook_and_github(product: Product) -> None:
    async with httpx.AsyncClient(base_url=product.gateway, trust_env=False, timeout=15) as client:
        admin = await login(client, ADMIN_EMAIL, ADMIN_PASSWORD)
        subscription = await client.post(
            "/api/v1/admin/webhooks",
            headers=admin.bearer,
            json={"url": f"{product.hooks_url}/hooks/e2e", "events": ["ticket.created"], "kind": "custom"},
        )
        assert subscription.status_code == 201, subscription.text
        product.hooks.secrets["e2e"] = subscription.json()["secret"]

        user = await signed_up(client)
        ticket = await file_ticket(
            client,
            user,
            type="bug",
            title="Playback stutters on Chrome",
            description="Every 4K movie stutters after about ten seconds.",
            severity="high",
            category="movies",
        )
        number = ticket["ticket_number"]

        # The email, to the reporter and to the admin.
        await product.mail.wait_for(
            lambda _: product.mail.to(user.email) and product.mail.to(ADMIN_EMAIL), within=60
        )
        [confirmation] = product.mail.to(user.email)
        assert f"#{number}" in confirmation.subject
        assert "Playback stutters on Chrome" in confirmation.subject
        assert f"{product.gateway}/support/tickets/{number}" in confirmation.part("plain")

        # The signed webhook, verified by the standardwebhooks reference library.
        [hook] = await product.hooks.wait_for(lambda got: got, within=60)
        assert hook.verified is True, hook.error
        assert hook.json["event"] == "ticket.created"
        assert hook.json["ticket"]["ticket_number"] == number
        assert hook.json["ticket"]["user"]["username"] == user.username

        # The GitHub issue, created through the stand-in that checks GitHub's OpenAPI description.
        async with httpx.AsyncClient(base_url=product.github, trust_env=False) as github:

            async def issues() -> list[dict[str, Any]]:
                return list((await github.get("/_standin/issues")).json())

            [entry] = await eventually(issues, within=60)
            issue = entry["issue"]
            assert (await github.get("/_standin/violations")).json() == []
        assert issue["title"] == "Playback stutters on Chrome"
        assert "revenge-ticket" in [label["name"] for label in issue["labels"]]
        assert f"revenge_ticket_id: {ticket['id']}" in issue["body"]
        assert f"revenge_ticket_number: {number}" in issue["body"]

        # And the link back on the ticket.
        url = await issue_url(client, user, number)
        assert url == issue["html_url"]
        assert GITHUB_REPOSITORY in url


async def test_github_and_the_ticket_follow_each_other_both_ways(product: Product) -> None:
    """A public reply reaches the issue (the internal note does not); GitHub's comment and close, signed
    and sent to the gateway as GitHub would, reach the ticket; the reporter's reopen reopens the issue."""
    async with (
        httpx.AsyncClient(base_url=product.gateway, trust_env=False, timeout=15) as client,
        httpx.AsyncClient(
            base_url=product.github, trust_env=False, headers={"Authorization": f"Bearer {GITHUB_TOKEN}"}
        ) as github,
    ):
        admin = await login(client, ADMIN_EMAIL, ADMIN_PASSWORD)
        user = await signed_up(client)
        ticket = await file_ticket(
            client,
            user,
            type="support",
            title="Library scan never finishes",
            description="The scan of my music library stops at 99% every night.",
            category="music",
        )
        number = ticket["ticket_number"]

        async def issue() -> dict[str, Any] | None:
            for entry in (await github.get("/_standin/issues")).json():
                if f"revenge_ticket_id: {ticket['id']}" in entry["issue"]["body"]:
                    return dict(entry["issue"])
            return None

        found = await eventually(issue, within=60)
        comments_url = f"/repos/{GITHUB_REPOSITORY}/issues/{found['number']}/comments"
        admin_ticket = f"/api/v1/admin/support/tickets/{number}"
        for body, internal in (("NOTE: the user's disk is full", True), ("Which version are you on?", False)):
            sent = await client.post(
                f"{admin_ticket}/comments",
                headers=admin.bearer,
                json={"comment": body, "is_internal": internal},
            )
            assert sent.status_code == 201, sent.text

        async def mirrored() -> list[dict[str, Any]]:
            return list((await github.get(comments_url)).json())

        [mirror] = await eventually(mirrored, within=60)
        assert "Which version are you on?" in mirror["body"]
        assert all("disk is full" not in c["body"] for c in await mirrored())

        target = {"repository": GITHUB_REPOSITORY, "issue_number": found["number"], "sender": "octocat"}
        said = retarget(example("issue_comment", "created"), comment_body="Same here on 2.0.1.", **target)
        hook = f"{product.gateway}/integrations/github/webhook"
        assert (await deliver(hook, GITHUB_WEBHOOK_SECRET, "issue_comment", said)).status_code == 200
        assert (
            await deliver(hook, GITHUB_WEBHOOK_SECRET, "issues", retarget(issues_closed(), **target))
        ).status_code == 200

        async def resolved() -> dict[str, Any] | None:
            detail = (await client.get(f"/api/v1/support/tickets/{number}", headers=user.bearer)).json()
            return detail if detail["status"] == "resolved" and len(detail["comments"]) == 2 else None

        detail = await eventually(resolved, within=60)
        from_github = detail["comments"][-1]
        assert (from_github["external_author"], from_github["comment"]) == ("octocat", "Same here on 2.0.1.")
        assert [c["comment"] for c in detail["comments"]] == [
            "Which version are you on?",
            "Same here on 2.0.1.",
        ]

        reopened = await client.put(f"/api/v1/support/tickets/{number}/reopen", headers=user.bearer)
        assert reopened.status_code == 200, reopened.text

        async def open_again() -> bool:
            return bool(
                (await github.get(f"/repos/{GITHUB_REPOSITORY}/issues/{found['number']}")).json()["state"]
                == "open"
            )

        await eventually(open_again, within=60)
        assert (await github.get("/_standin/violations")).json() == []


async def test_act_as_github_closes_an_issue_and_its_ticket_follows(
    product: Product, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The make run helper that plays GitHub's part (README) changes the issue and sends the webhook."""
    async with httpx.AsyncClient(base_url=product.gateway, trust_env=False, timeout=15) as client:
        user = await signed_up(client)
        ticket = await file_ticket(
            client,
            user,
            type="feature",
            title="Show lyrics while a song plays",
            description="Synced lyrics next to the player would be lovely.",
            category="music",
        )
        issue_number = int((await issue_url(client, user, ticket["id"])).rsplit("/", 1)[1])
        for name, url in (("GATEWAY_PORT", product.gateway), ("GITHUB_STANDIN_PORT", product.github)):
            monkeypatch.setenv(name, url.rsplit(":", 1)[1])
        monkeypatch.setenv("GITHUB_WEBHOOK_SECRET", GITHUB_WEBHOOK_SECRET)
        monkeypatch.setenv("GITHUB_TOKEN", GITHUB_TOKEN)
        monkeypatch.setenv("GITHUB_REPOSITORY", GITHUB_REPOSITORY)
        assert (
            await act(argparse.Namespace(action="close", issue=issue_number, login="octocat", text="")) == 0
        )

        async def resolved() -> bool:
            detail = (await client.get(f"/api/v1/support/tickets/{ticket['id']}", headers=user.bearer)).json()
            return bool(detail["status"] == "resolved")

        await eventually(resolved, within=60)


async def test_services_reached_directly_refuse_requests_without_the_gateways_token(product: Product) -> None:
    async with httpx.AsyncClient(trust_env=False) as client:
        for name, path in (
            ("tickets", "/api/v1/support/tickets"),
            ("webhooks", "/api/v1/admin/webhooks"),
            ("github-sync", "/api/v1/admin/github/status"),
        ):
            response = await client.get(product.stack.url(name) + path)
            assert response.status_code == 401, name
