"""Notification preferences: each person chooses which kinds of mail they get; what they turned off
never arrives, and admins have kinds of their own."""

import asyncio

import httpx

from devtools.mailcatcher import MailStore
from shared.events import UserDeleted, UserDeletedData
from support.broker import publish
from support.db import fetch
from support.events import ticket_commented, ticket_created, ticket_state, user_created
from support.tokens import Person

URL = "/api/v1/notifications/preferences"


def as_person(user: object, role: str = "user") -> dict[str, str]:
    data = user.data  # type: ignore[attr-defined]
    return Person(username=data.username, role=role, id=data.id).headers(audience="notifier")  # type: ignore[arg-type]


class TestPreferences:
    async def test_everyone_starts_with_every_mail_and_admins_have_more_kinds(
        self, notifier: httpx.AsyncClient
    ) -> None:
        user, admin = user_created(), user_created("admin")
        mine = (await notifier.get(URL, headers=as_person(user))).json()["email"]
        assert {p["kind"] for p in mine} == {"confirmations", "replies", "status_changes"}
        assert all(p["enabled"] for p in mine)
        theirs = (await notifier.get(URL, headers=as_person(admin, "admin"))).json()["email"]
        assert {"new_tickets", "assignments", "internal_notes", "escalations"} <= {p["kind"] for p in theirs}

    async def test_a_kind_turned_off_is_not_mailed_and_others_still_are(
        self, notifier: httpx.AsyncClient, mail: MailStore, broker_prefix: str
    ) -> None:
        reporter, admin = user_created(), user_created("admin")
        for event in (reporter, admin):
            await publish(broker_prefix, "identity", event)
        off = await notifier.put(URL, json={"email": {"replies": False}}, headers=as_person(reporter))
        assert off.status_code == 200, off.text
        assert {p["kind"]: p["enabled"] for p in off.json()["email"]}["replies"] is False
        await asyncio.sleep(0.5)
        ticket = ticket_state(reporter.data)
        await publish(broker_prefix, "tickets", ticket_commented(ticket, admin.data, "A reply you muted"))
        await publish(broker_prefix, "tickets", ticket_created(ticket))
        await mail.wait_for(lambda _: mail.to(reporter.data.email))
        await asyncio.sleep(1.5)
        [only] = mail.to(reporter.data.email)
        assert "We received your ticket" in only.part("plain")
        back_on = await notifier.put(URL, json={"email": {"replies": True}}, headers=as_person(reporter))
        assert all(p["enabled"] for p in back_on.json()["email"])

    async def test_unknown_and_admin_only_kinds_are_422_naming_them(
        self, notifier: httpx.AsyncClient
    ) -> None:
        user = user_created()
        response = await notifier.put(
            URL, json={"email": {"gossip": False, "new_tickets": False}}, headers=as_person(user)
        )
        assert response.status_code == 422
        assert {e["field"] for e in response.json()["errors"]} == {"email.gossip", "email.new_tickets"}
        assert (await notifier.get(URL)).status_code == 401

    async def test_a_deleted_account_leaves_no_choices_behind(
        self, notifier: httpx.AsyncClient, database_url: str, broker_prefix: str
    ) -> None:
        user = user_created()
        await publish(broker_prefix, "identity", user)
        off = {"email": {"replies": False, "confirmations": False}}
        assert (await notifier.put(URL, json=off, headers=as_person(user))).status_code == 200

        async def stored() -> int:
            sql = "SELECT kind FROM notifier.email_opt_outs WHERE user_id = $1"
            return len(await fetch(database_url, sql, user.data.id))

        assert await stored() == 2
        gone = UserDeleted(source="gateway", subject=str(user.data.id), data=UserDeletedData(id=user.data.id))
        await publish(broker_prefix, "identity", gone)
        for _ in range(100):
            if await stored() == 0:
                break
            await asyncio.sleep(0.1)
        assert await stored() == 0
