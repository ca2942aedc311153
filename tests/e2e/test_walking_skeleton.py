"""One ticket end to end: filed through the gateway, stored, published, and acted on by every consumer
against real servers — the email, the signed webhook, the GitHub issue and the link back."""

from typing import Any

import httpx
import pytest

from support.accounts import ADMIN_EMAIL, ADMIN_PASSWORD, login, signed_up
from support.apps import eventually
from support.product import GITHUB_REPOSITORY, Product

pytestmark = pytest.mark.e2e


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
        created = await client.post(
            "/api/v1/support/tickets",
            headers=user.bearer,
            json={
                "type": "bug",
                "title": "Playback stutters on Chrome",
                "description": "Every 4K movie stutters after about ten seconds.",
                "severity": "high",
                "category": "movies",
            },
        )
        assert created.status_code == 201, created.text
        ticket = created.json()
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
        async def linked() -> str | None:
            detail = (await client.get(f"/api/v1/support/tickets/{number}", headers=user.bearer)).json()
            return detail["github_issue_url"]  # type: ignore[no-any-return]

        url = await eventually(linked, within=60)
        assert url == issue["html_url"]
        assert GITHUB_REPOSITORY in url


async def test_services_reached_directly_refuse_requests_without_the_gateways_token(product: Product) -> None:
    async with httpx.AsyncClient(trust_env=False) as client:
        for name, path in (
            ("tickets", "/api/v1/support/tickets"),
            ("webhooks", "/api/v1/admin/webhooks"),
            ("github-sync", "/api/v1/admin/github/status"),
        ):
            response = await client.get(product.stack.url(name) + path)
            assert response.status_code == 401, name
