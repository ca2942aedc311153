"""Ticket events become email, once per person, through a real SMTP server."""

import asyncio

import httpx

from devtools.mailcatcher import MailStore
from shared.events import (
    AssignedData,
    ClosedData,
    Envelope,
    StatusChangeData,
    TicketAssigned,
    TicketClosed,
    TicketResolved,
    TicketState,
    TicketStatusChanged,
    UserCreated,
    UserRef,
)
from support.broker import publish
from support.events import ticket_commented, ticket_created, ticket_state, user_created


async def introduce(prefix: str, *events: object) -> None:
    for event in events:
        await publish(prefix, "identity", event)  # type: ignore[arg-type]


async def reporter_admin_and_ticket(prefix: str) -> tuple[UserCreated, UserCreated, TicketState]:
    """A reporter and an admin the notifier knows, and a ticket of the reporter's."""
    reporter, admin = user_created(), user_created("admin")
    await introduce(prefix, reporter, admin)
    await asyncio.sleep(0.5)  # the identity queue is its own; let those land first
    return reporter, admin, ticket_state(reporter.data)


class TestTicketCreatedMail:
    async def test_the_reporter_gets_a_confirmation_and_each_admin_a_triage_note(
        self, notifier: httpx.AsyncClient, mail: MailStore, broker_prefix: str
    ) -> None:
        reporter, admin_one, admin_two = user_created(), user_created("admin"), user_created("admin")
        await introduce(broker_prefix, reporter, admin_one, admin_two)
        await asyncio.sleep(0.5)  # the identity queue is its own; let those land first
        ticket = ticket_state(reporter.data, title="Audio <b>out</b> of sync & crackling")
        await publish(broker_prefix, "tickets", ticket_created(ticket))

        addresses = {reporter.data.email, admin_one.data.email, admin_two.data.email}
        await mail.wait_for(lambda msgs: addresses <= {r for m in msgs for r in m.rcpt_tos})

        [confirmation] = mail.to(reporter.data.email)
        assert f"#{ticket.ticket_number}" in confirmation.subject
        assert "Audio <b>out</b> of sync & crackling" in confirmation.subject
        assert ticket.url in confirmation.part("plain")
        assert ticket.url in confirmation.part("html")
        assert "<b>out</b>" not in confirmation.part("html")  # user text is escaped in HTML
        assert "&lt;b&gt;out&lt;/b&gt;" in confirmation.part("html")
        assert confirmation.message["Auto-Submitted"] == "auto-generated"
        assert (
            str(confirmation.message["References"]).strip() == f"<ticket-{ticket.id}@notify.revenge.example>"
        )
        [triage] = mail.to(admin_one.data.email)
        assert "awaits triage" in triage.part("plain")
        assert triage.subject == confirmation.subject

    async def test_a_redelivered_event_sends_no_second_mail(
        self, notifier: httpx.AsyncClient, mail: MailStore, broker_prefix: str
    ) -> None:
        reporter = user_created()
        await introduce(broker_prefix, reporter)
        await asyncio.sleep(0.5)
        event = ticket_created(ticket_state(reporter.data))
        await publish(broker_prefix, "tickets", event)
        await mail.wait_for(lambda _: mail.to(reporter.data.email))
        await publish(broker_prefix, "tickets", event)  # the broker delivers it again
        await asyncio.sleep(2.0)
        assert len(mail.to(reporter.data.email)) == 1

    async def test_a_ticket_that_arrives_before_its_reporter_is_mailed_once_the_reporter_is_known(
        self, notifier: httpx.AsyncClient, mail: MailStore, broker_prefix: str
    ) -> None:
        reporter = user_created()
        await publish(broker_prefix, "tickets", ticket_created(ticket_state(reporter.data)))
        await asyncio.sleep(1.0)
        assert mail.to(reporter.data.email) == []
        await introduce(broker_prefix, reporter)
        await mail.wait_for(lambda _: mail.to(reporter.data.email), within=30)


class TestCommentMail:
    async def test_an_internal_note_never_reaches_the_reporter_but_a_public_reply_does(
        self, notifier: httpx.AsyncClient, mail: MailStore, broker_prefix: str
    ) -> None:
        reporter, admin, ticket = await reporter_admin_and_ticket(broker_prefix)
        await publish(
            broker_prefix, "tickets", ticket_commented(ticket, admin.data, "SECRET: db creds", internal=True)
        )
        await publish(
            broker_prefix, "tickets", ticket_commented(ticket, admin.data, "Fixed in 1.2.3, please retry")
        )
        await mail.wait_for(lambda _: mail.to(reporter.data.email))
        await asyncio.sleep(1.0)
        [reply] = mail.to(reporter.data.email)
        assert "Fixed in 1.2.3" in reply.part("plain")
        assert all("SECRET" not in m.raw.decode(errors="replace") for m in mail.to(reporter.data.email))

    async def test_a_comment_from_github_is_mailed_to_the_reporter_and_the_team_by_its_login(
        self, notifier: httpx.AsyncClient, mail: MailStore, broker_prefix: str
    ) -> None:
        reporter, admin, ticket = await reporter_admin_and_ticket(broker_prefix)
        event = ticket_commented(ticket, admin.data, "Reproduced on Linux too.")
        comment = event.data.comment.model_copy(
            update={"author": None, "origin": "github", "external_author": "octocat"}
        )
        event = event.model_copy(
            update={"data": event.data.model_copy(update={"comment": comment, "actor": None})}
        )
        await publish(broker_prefix, "tickets", event)
        await mail.wait_for(lambda _: mail.to(reporter.data.email) and mail.to(admin.data.email))
        [to_reporter] = mail.to(reporter.data.email)
        [to_admin] = mail.to(admin.data.email)
        assert "octocat on GitHub replied to your ticket" in to_reporter.part("plain")
        assert "Reproduced on Linux too." in to_reporter.part("plain")
        assert f"octocat on GitHub commented on ticket #{ticket.ticket_number}" in to_admin.part("plain")


class TestStatusMail:
    async def test_the_reporter_hears_of_each_change_and_nobody_of_their_own(
        self, notifier: httpx.AsyncClient, mail: MailStore, broker_prefix: str
    ) -> None:
        reporter, admin, ticket = await reporter_admin_and_ticket(broker_prefix)
        by_admin = UserRef(id=admin.data.id, username=admin.data.username)
        by_reporter = UserRef(id=reporter.data.id, username=reporter.data.username)
        for event in (
            status_event(TicketStatusChanged, ticket, by_admin, "open", "in_progress"),
            status_event(TicketResolved, ticket, by_admin, "in_progress", "resolved"),
            status_event(
                TicketClosed, ticket, by_reporter, "resolved", "closed"
            ),  # accepted: no mail to self
        ):
            await publish(broker_prefix, "tickets", event)
        await mail.wait_for(lambda _: len(mail.to(reporter.data.email)) >= 2)
        await asyncio.sleep(1.5)
        leads = [m.part("plain") for m in mail.to(reporter.data.email)]  # sent in parallel: any order
        assert len(leads) == 2
        assert any("is now in progress" in lead for lead in leads)
        assert any("accept the resolution" in lead for lead in leads)

    async def test_an_assignment_is_mailed_to_the_new_assignee(
        self, notifier: httpx.AsyncClient, mail: MailStore, broker_prefix: str
    ) -> None:
        reporter, lead_admin, other_admin = user_created(), user_created("admin"), user_created("admin")
        await introduce(broker_prefix, reporter, lead_admin, other_admin)
        await asyncio.sleep(0.5)
        ticket = ticket_state(reporter.data)
        event = TicketAssigned(
            source="tickets",
            subject=str(ticket.id),
            data=AssignedData(
                ticket=ticket,
                actor=UserRef(id=lead_admin.data.id, username=lead_admin.data.username),
                old_assignee=None,
                new_assignee=UserRef(id=other_admin.data.id, username=other_admin.data.username),
            ),
        )
        await publish(broker_prefix, "tickets", event)
        await mail.wait_for(lambda _: mail.to(other_admin.data.email))
        [assigned] = mail.to(other_admin.data.email)
        assert f"assigned ticket #{ticket.ticket_number} to you" in assigned.part("plain")
        assert mail.to(lead_admin.data.email) == []


def status_event(kind: type, ticket: TicketState, actor: UserRef, old: str, new: str) -> Envelope:
    data_type = ClosedData if kind is TicketClosed else StatusChangeData
    return kind(  # type: ignore[no-any-return]
        source="tickets",
        subject=str(ticket.id),
        data=data_type(ticket=ticket, actor=actor, old_status=old, new_status=new),
    )
