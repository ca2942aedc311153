"""Subscriptions and signed deliveries to a real HTTP receiver that verifies them with `standardwebhooks`."""

import asyncio
import base64
import uuid

import httpx

from devtools.hookbin import HookBin
from support.apps import eventually
from support.broker import publish
from support.events import ticket_closed, ticket_commented, ticket_created, ticket_state, user_created
from support.tokens import person

URL = "/api/v1/admin/webhooks"
ADMIN = person("admin")


def auth() -> dict[str, str]:
    return ADMIN.headers(audience="webhooks")


async def subscribe(
    webhooks: httpx.AsyncClient, bin_: HookBin, base: str, events: list[str], kind: str = "custom"
) -> tuple[dict[str, object], str]:
    channel = uuid.uuid4().hex
    response = await webhooks.post(
        URL, json={"url": f"{base}/hooks/{channel}", "events": events, "kind": kind}, headers=auth()
    )
    assert response.status_code == 201, response.text
    endpoint = response.json()
    bin_.secrets[channel] = endpoint["secret"]
    return endpoint, channel


class TestSubscriptions:
    async def test_the_secret_is_whsec_and_24_random_bytes(
        self, webhooks: httpx.AsyncClient, receiver: tuple[HookBin, str]
    ) -> None:
        endpoint, _ = await subscribe(webhooks, *receiver, ["ticket.created"])
        secret = str(endpoint["secret"])
        assert secret.startswith("whsec_")
        assert len(base64.b64decode(secret.removeprefix("whsec_"))) == 24
        listed = (await webhooks.get(URL, headers=auth())).json()
        assert endpoint["id"] in {e["id"] for e in listed}
        assert all("secret" not in e for e in listed)

    async def test_bad_subscriptions_are_422_naming_the_field(
        self, webhooks: httpx.AsyncClient, receiver: tuple[HookBin, str]
    ) -> None:
        _, base = receiver
        for body, field in (
            ({"url": f"{base}/hooks/x", "events": []}, "events"),
            ({"url": f"{base}/hooks/x", "events": ["ticket.exploded"]}, "events"),
            ({"url": "ftp://example.com/x", "events": ["*"]}, "url"),
            ({"url": f"{base}/hooks/x", "events": ["*"], "kind": "teams"}, "kind"),
        ):
            response = await webhooks.post(URL, json=body, headers=auth())
            assert response.status_code == 422, body
            assert {e["field"] for e in response.json()["errors"]} == {field}

    async def test_only_admins_manage_webhooks(self, webhooks: httpx.AsyncClient) -> None:
        response = await webhooks.get(URL, headers=person().headers(audience="webhooks"))
        assert response.status_code == 403
        assert (await webhooks.get(URL)).status_code == 401


class TestDeliveries:
    async def test_a_subscribed_event_arrives_signed_in_the_seed_shape(
        self, webhooks: httpx.AsyncClient, receiver: tuple[HookBin, str], broker_prefix: str
    ) -> None:
        bin_, base = receiver
        _, channel = await subscribe(webhooks, bin_, base, ["ticket.created"])
        reporter = user_created().data
        event = ticket_created(ticket_state(reporter))
        await publish(broker_prefix, "tickets", event)
        [hit] = await eventually(lambda: _on(bin_, channel))
        assert hit.verified is True, hit.error
        assert hit.headers["webhook-id"] == str(event.id)
        assert hit.json["event"] == "ticket.created"
        assert hit.json["ticket"] == {
            "id": str(event.data.ticket.id),
            "ticket_number": event.data.ticket.ticket_number,
            "type": "bug",
            "title": event.data.ticket.title,
            "severity": "high",
            "status": "open",
            "priority": 2,
            "category": "movies",
            "user": {"id": str(reporter.id), "username": reporter.username},
            "url": event.data.ticket.url,
        }

    async def test_only_subscribed_event_types_are_sent_and_redeliveries_add_nothing(
        self, webhooks: httpx.AsyncClient, receiver: tuple[HookBin, str], broker_prefix: str
    ) -> None:
        bin_, base = receiver
        _, closed_only = await subscribe(webhooks, bin_, base, ["ticket.closed"])
        _, everything = await subscribe(webhooks, bin_, base, ["*"])
        event = ticket_created(ticket_state(user_created().data))
        await publish(broker_prefix, "tickets", event)
        await publish(broker_prefix, "tickets", event)
        await eventually(lambda: _on(bin_, everything))
        await asyncio.sleep(1.5)
        assert len(bin_.on(everything)) == 1
        assert bin_.on(closed_only) == []

    async def test_failures_are_retried_with_the_same_webhook_id_and_logged(
        self, webhooks: httpx.AsyncClient, receiver: tuple[HookBin, str], broker_prefix: str
    ) -> None:
        bin_, base = receiver
        endpoint, channel = await subscribe(webhooks, bin_, base, ["ticket.created"])
        bin_.fail_next(channel, 500, 503)
        await publish(broker_prefix, "tickets", ticket_created(ticket_state(user_created().data)))
        hits = await eventually(lambda: _on(bin_, channel, at_least=3), within=30)
        assert len({h.headers["webhook-id"] for h in hits}) == 1

        async def delivered() -> list[dict[str, object]]:
            rows = (await webhooks.get(f"{URL}/{endpoint['id']}/deliveries", headers=auth())).json()
            return [r for r in rows if r["status"] == "done"]

        [delivery] = await eventually(delivered)
        assert [a["status_code"] for a in delivery["attempt_log"]] == [500, 503, 204]  # type: ignore[union-attr]

    async def test_a_410_disables_the_endpoint(
        self, webhooks: httpx.AsyncClient, receiver: tuple[HookBin, str], broker_prefix: str
    ) -> None:
        bin_, base = receiver
        endpoint, channel = await subscribe(webhooks, bin_, base, ["ticket.created"])
        bin_.fail_next(channel, 410)
        await publish(broker_prefix, "tickets", ticket_created(ticket_state(user_created().data)))

        async def disabled() -> bool:
            current = (await webhooks.get(f"{URL}/{endpoint['id']}", headers=auth())).json()
            return bool(current["status"] == "disabled")

        await eventually(disabled)
        await publish(broker_prefix, "tickets", ticket_created(ticket_state(user_created().data)))
        await asyncio.sleep(1.5)
        assert len(bin_.on(channel)) == 1

    async def test_internal_notes_never_leave_but_public_replies_do(
        self, webhooks: httpx.AsyncClient, receiver: tuple[HookBin, str], broker_prefix: str
    ) -> None:
        bin_, base = receiver
        _, channel = await subscribe(webhooks, bin_, base, ["ticket.commented"])
        reporter, admin = user_created().data, user_created("admin").data
        ticket = ticket_state(reporter)
        await publish(
            broker_prefix, "tickets", ticket_commented(ticket, admin, "SECRET internal", internal=True)
        )
        await publish(broker_prefix, "tickets", ticket_commented(ticket, admin, "Public answer"))
        [hit] = await eventually(lambda: _on(bin_, channel))
        await asyncio.sleep(1.0)
        assert len(bin_.on(channel)) == 1
        assert hit.json["comment"]["body"] == "Public answer"

    async def test_a_closed_tickets_webhook_carries_its_resolution(
        self, webhooks: httpx.AsyncClient, receiver: tuple[HookBin, str], broker_prefix: str
    ) -> None:
        bin_, base = receiver
        _, channel = await subscribe(webhooks, bin_, base, ["ticket.closed"])
        admin = user_created("admin").data
        event = ticket_closed(ticket_state(user_created().data), admin, "Fixed in **1.2.3**.")
        await publish(broker_prefix, "tickets", event)
        [hit] = await eventually(lambda: _on(bin_, channel))
        assert hit.verified is True
        assert hit.json["resolution"] == "Fixed in **1.2.3**."
        assert hit.json["changes"] == {"status": {"from": "open", "to": "closed"}}

    async def test_discord_and_slack_get_their_own_formats_without_mentions(
        self, webhooks: httpx.AsyncClient, receiver: tuple[HookBin, str], broker_prefix: str
    ) -> None:
        bin_, base = receiver
        _, discord = await subscribe(webhooks, bin_, base, ["ticket.created"], kind="discord")
        _, slack = await subscribe(webhooks, bin_, base, ["ticket.created"], kind="slack")
        ticket = ticket_state(
            user_created().data, title="@everyone <script>alert(1)</script> crash", description="x" * 9000
        )
        await publish(broker_prefix, "tickets", ticket_created(ticket))
        [to_discord] = await eventually(lambda: _on(bin_, discord))
        [to_slack] = await eventually(lambda: _on(bin_, slack))
        embed = to_discord.json["embeds"][0]
        assert to_discord.json["allowed_mentions"] == {"parse": []}
        assert len(embed["description"]) <= 4096
        assert len(embed["title"]) + len(embed["description"]) <= 6000
        assert "webhook-signature" not in to_discord.headers
        facts = {f["name"]: f["value"] for f in embed["fields"]}
        assert facts == {"Type": "Bug report", "Status": "Open", "Priority": "P2 High"}
        assert to_slack.json["blocks"][-1]["elements"][0]["text"] == "Bug report · Open · P2 High"
        assert "&lt;script&gt;" in str(to_slack.json["blocks"])
        assert "<script>" not in str(to_slack.json["blocks"])


async def _on(bin_: HookBin, channel: str, at_least: int = 1) -> list[object]:
    hits = bin_.on(channel)
    return hits if len(hits) >= at_least else []  # type: ignore[return-value]
