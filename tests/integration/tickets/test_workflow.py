"""The whole transition table, for reporters and admins: what is allowed, what is refused (409 naming
what would be allowed), and what each move writes and publishes."""

import itertools

import httpx
import pytest

from support.apps import eventually
from support.broker import capture
from support.tickets import ADMIN, USER, file_ticket, set_status
from support.tokens import Person, person
from tickets.workflow import STATUSES, TRANSITIONS

ADMIN_MOVES = [(a, b) for a, b in itertools.product(STATUSES, STATUSES)]


async def ticket_in(client: httpx.AsyncClient, reporter: Person, admin: Person, status: str) -> int:
    """A ticket of ``reporter``'s brought to ``status`` the way an admin would."""
    number = int((await file_ticket(client, reporter))["ticket_number"])
    path = {"open": [], "in_progress": ["in_progress"], "resolved": ["resolved"], "closed": ["closed"]}[
        status
    ]
    for step in path:
        assert (await set_status(client, admin, number, step)).status_code == 200
    return number


class TestAdminTransitions:
    @pytest.mark.parametrize(("current", "target"), ADMIN_MOVES, ids=[f"{a}->{b}" for a, b in ADMIN_MOVES])
    async def test_admin_transition_table(
        self, tickets: httpx.AsyncClient, current: str, target: str
    ) -> None:
        admin = person("admin")
        number = await ticket_in(tickets, person(), admin, current)
        response = await set_status(tickets, admin, number, target)
        if target in TRANSITIONS["admin"][current]:  # type: ignore[index]
            assert response.status_code == 200, response.text
            assert response.json()["status"] == target
        else:
            assert response.status_code == 409
            problem = response.json()
            assert problem["current_status"] == current
            assert problem["allowed_transitions"] == sorted(TRANSITIONS["admin"][current])  # type: ignore[index]
            unchanged = await tickets.get(f"{ADMIN}/{number}", headers=admin.headers())
            assert unchanged.json()["status"] == current

    async def test_expected_refusals_exist(self) -> None:
        # A table that allowed everything would make the test above pass vacuously.
        assert "resolved" not in TRANSITIONS["admin"]["closed"]
        assert all(s not in TRANSITIONS["admin"][s] for s in STATUSES)  # type: ignore[index]


class TestReporterTransitions:
    @pytest.mark.parametrize("current", STATUSES)
    async def test_accept_resolution_only_from_resolved(
        self, tickets: httpx.AsyncClient, current: str
    ) -> None:
        reporter, admin = person(), person("admin")
        number = await ticket_in(tickets, reporter, admin, current)
        response = await tickets.put(f"{USER}/{number}/resolve", headers=reporter.headers())
        if current == "resolved":
            assert response.status_code == 200, response.text
            assert response.json()["status"] == "closed"
            assert response.json()["allowed_transitions"] == ["open"]
        else:
            assert response.status_code == 409
            assert "allowed_transitions" in response.json()

    @pytest.mark.parametrize("current", STATUSES)
    async def test_reopen_only_from_resolved_or_closed(
        self, tickets: httpx.AsyncClient, current: str
    ) -> None:
        reporter, admin = person(), person("admin")
        number = await ticket_in(tickets, reporter, admin, current)
        response = await tickets.put(f"{USER}/{number}/reopen", headers=reporter.headers())
        if current in ("resolved", "closed"):
            assert response.status_code == 200, response.text
            assert response.json()["status"] == "open"
        else:
            assert response.status_code == 409

    async def test_reporters_cannot_use_admin_routes_or_act_on_others_tickets(
        self, tickets: httpx.AsyncClient
    ) -> None:
        reporter, other, admin = person(), person(), person("admin")
        number = await ticket_in(tickets, reporter, admin, "resolved")
        assert (await set_status(tickets, reporter, number, "closed")).status_code == 403
        assert (await tickets.put(f"{USER}/{number}/resolve", headers=other.headers())).status_code == 404

    async def test_the_detail_tells_the_reporter_what_they_may_do(self, tickets: httpx.AsyncClient) -> None:
        reporter, admin = person(), person("admin")
        number = await ticket_in(tickets, reporter, admin, "open")
        detail = (await tickets.get(f"{USER}/{number}", headers=reporter.headers())).json()
        assert detail["allowed_transitions"] == []
        await set_status(tickets, admin, number, "resolved")
        detail = (await tickets.get(f"{USER}/{number}", headers=reporter.headers())).json()
        assert detail["allowed_transitions"] == ["open", "closed"]


class TestClosing:
    async def test_an_admin_closes_only_with_a_resolution_the_reporter_reads(
        self, tickets: httpx.AsyncClient
    ) -> None:
        reporter, admin = person(), person("admin")
        number = await ticket_in(tickets, reporter, admin, "in_progress")
        bare = await tickets.put(
            f"{ADMIN}/{number}/status", json={"status": "closed"}, headers=admin.headers()
        )
        assert bare.status_code == 422
        assert [e["field"] for e in bare.json()["errors"]] == ["resolution"]
        mine = (await tickets.get(f"{USER}/{number}", headers=reporter.headers())).json()
        assert mine["status"] == "in_progress"

        closed = await tickets.put(
            f"{ADMIN}/{number}/status",
            json={"status": "closed", "resolution": "Fixed in 1.4: seeking no longer drifts."},
            headers=admin.headers(),
        )
        assert closed.status_code == 200, closed.text
        mine = (await tickets.get(f"{USER}/{number}", headers=reporter.headers())).json()
        assert mine["status"] == "closed"
        resolution = [c["comment"] for c in mine["comments"] if c["is_resolution"]]
        assert resolution == ["Fixed in 1.4: seeking no longer drifts."]

    async def test_the_reporter_accepts_a_resolution_without_writing_one(
        self, tickets: httpx.AsyncClient
    ) -> None:
        reporter, admin = person(), person("admin")
        number = await ticket_in(tickets, reporter, admin, "resolved")
        accepted = await tickets.put(f"{USER}/{number}/resolve", headers=reporter.headers())
        assert accepted.status_code == 200, accepted.text
        assert accepted.json()["status"] == "closed"


class TestHistoryAndEvents:
    async def test_each_move_writes_history_and_its_own_event(
        self, tickets: httpx.AsyncClient, broker_prefix: str
    ) -> None:
        reporter, admin = person(), person("admin")
        number = int((await file_ticket(tickets, reporter))["ticket_number"])
        async with capture(broker_prefix, "tickets") as events:
            for status in ("in_progress", "resolved"):
                await set_status(tickets, admin, number, status)
            await tickets.put(f"{USER}/{number}/reopen", headers=reporter.headers())
            await set_status(tickets, admin, number, "closed")

            async def mine() -> list[tuple[str, str | None, str]]:
                return [
                    (e["type"], e["data"]["old_status"], e["data"]["new_status"])
                    for e in events.bodies
                    if e["data"]["ticket"]["ticket_number"] == number and "new_status" in e["data"]
                ]

            seen = await eventually(lambda: _at_least(mine, 4))
        assert seen == [
            ("ticket.status_changed", "open", "in_progress"),
            ("ticket.resolved", "in_progress", "resolved"),
            ("ticket.reopened", "resolved", "open"),
            ("ticket.closed", "open", "closed"),
        ]
        detail = (await tickets.get(f"{ADMIN}/{number}", headers=admin.headers())).json()
        moves = [
            (h["old_status"], h["new_status"], h["changed_by"]["username"]) for h in detail["status_history"]
        ]
        assert moves == [
            (None, "open", reporter.username),
            ("open", "in_progress", admin.username),
            ("in_progress", "resolved", admin.username),
            ("resolved", "open", reporter.username),
            ("open", "closed", admin.username),
        ]
        assert detail["closed_at"] is not None
        assert detail["resolved_at"] is None


async def _at_least(probe, count):  # type: ignore[no-untyped-def]
    found = await probe()
    return found if len(found) >= count else []
