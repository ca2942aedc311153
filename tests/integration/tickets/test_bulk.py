"""Bulk actions over up to 1,000 tickets: one transaction, all or nothing, a result per ticket."""

import uuid

import httpx
import pytest

from support.apps import eventually
from support.broker import capture
from support.tickets import ADMIN, USER, admin_get, file_ticket, insert_tickets, make_label, set_status
from support.tokens import person

BULK = f"{ADMIN}/bulk"


class TestBulk:
    async def test_bulk_close_closes_every_ticket_with_its_note_and_event(
        self, tickets: httpx.AsyncClient, broker_prefix: str
    ) -> None:
        admin, reporter = person("admin"), person()
        made = [await file_ticket(tickets, reporter) for _ in range(3)]
        ids = [t["id"] for t in made]
        async with capture(broker_prefix, "tickets", "ticket.closed") as events:
            response = await tickets.post(
                BULK,
                json={"ticket_ids": ids, "action": "close", "resolution": "Fixed in 1.3."},
                headers=admin.headers(),
            )
            assert response.status_code == 200, response.text

            async def mine() -> list[str]:
                found = [e["subject"] for e in events.bodies if e["subject"] in ids]
                return found if len(found) == 3 else []

            assert sorted(await eventually(mine)) == sorted(ids)
        result = response.json()
        assert result["count"] == 3
        assert [r["ticket_id"] for r in result["results"]] == ids
        assert {r["status"] for r in result["results"]} == {"closed"}
        for ticket in made:
            detail = (await admin_get(tickets, admin, ticket["ticket_number"])).json()
            assert [c["comment"] for c in detail["comments"] if c["is_resolution"]] == ["Fixed in 1.3."]

    async def test_bulk_status_closed_is_a_close_with_its_note(self, tickets: httpx.AsyncClient) -> None:
        admin, reporter = person("admin"), person()
        made = [await file_ticket(tickets, reporter) for _ in range(2)]
        ids = [t["id"] for t in made]
        body = {"ticket_ids": ids, "action": "status", "status": "closed", "resolution": "Duplicate of #12."}
        response = await tickets.post(BULK, json=body, headers=admin.headers())
        assert response.status_code == 200, response.text
        for ticket in made:
            mine = (await tickets.get(f"{USER}/{ticket['ticket_number']}", headers=reporter.headers())).json()
            assert mine["status"] == "closed"
            assert [c["comment"] for c in mine["comments"] if c["is_resolution"]] == ["Duplicate of #12."]

    async def test_one_invalid_transition_refuses_the_whole_request_naming_it(
        self, tickets: httpx.AsyncClient
    ) -> None:
        admin, reporter = person("admin"), person()
        fine = [await file_ticket(tickets, reporter) for _ in range(2)]
        closed = await file_ticket(tickets, reporter)
        await set_status(tickets, admin, closed["ticket_number"], "closed")
        ids = [fine[0]["id"], closed["id"], fine[1]["id"]]
        response = await tickets.post(
            BULK, json={"ticket_ids": ids, "action": "status", "status": "resolved"}, headers=admin.headers()
        )
        assert response.status_code == 409
        [refused] = response.json()["refused"]
        assert refused["ticket_id"] == closed["id"]
        assert refused["ticket_number"] == closed["ticket_number"]
        for ticket in fine:
            assert (await admin_get(tickets, admin, ticket["ticket_number"])).json()["status"] == "open"

    @pytest.mark.parametrize(
        ("action", "extra", "check"),
        [
            ("assign", {"admin_id": "me"}, lambda t, admin: t["assignee"]["username"] == admin.username),
            ("priority", {"priority": 1}, lambda t, admin: t["priority"] == 1),
            ("status", {"status": "in_progress"}, lambda t, admin: t["status"] == "in_progress"),
        ],
    )
    async def test_each_action_applies_to_every_ticket(
        self, tickets: httpx.AsyncClient, action: str, extra: dict[str, object], check: object
    ) -> None:
        admin = person("admin")
        made = [await file_ticket(tickets, person()) for _ in range(3)]
        response = await tickets.post(
            BULK,
            json={"ticket_ids": [t["id"] for t in made], "action": action, **extra},
            headers=admin.headers(),
        )
        assert response.status_code == 200, response.text
        for ticket in made:
            current = (await admin_get(tickets, admin, ticket["ticket_number"])).json()
            assert check(current, admin)  # type: ignore[operator]

    async def test_bulk_label_adds_it_once(self, tickets: httpx.AsyncClient) -> None:
        admin = person("admin")
        label = await make_label(tickets, admin, f"bulk-{uuid.uuid4().hex[:6]}")
        made = [await file_ticket(tickets, person()) for _ in range(2)]
        body = {"ticket_ids": [t["id"] for t in made], "action": "add_label", "label_id": label["id"]}
        for _ in range(2):
            assert (await tickets.post(BULK, json=body, headers=admin.headers())).status_code == 200
        for ticket in made:
            labels = (await admin_get(tickets, admin, ticket["ticket_number"])).json()["labels"]
            assert [item["name"] for item in labels] == [label["name"]]

    async def test_a_thousand_tickets_in_one_request(
        self, tickets: httpx.AsyncClient, database_url: str
    ) -> None:
        admin, reporter = person("admin"), person()
        await file_ticket(tickets, reporter)  # makes the reporter known to the service
        ids = await insert_tickets(database_url, str(reporter.id), 1000)
        response = await tickets.post(
            BULK, json={"ticket_ids": ids, "action": "priority", "priority": 5}, headers=admin.headers()
        )
        assert response.status_code == 200, response.text
        assert response.json()["count"] == 1000
        too_many = await tickets.post(
            BULK, json={"ticket_ids": [*ids, str(uuid.uuid4())], "action": "priority", "priority": 5},
            headers=admin.headers(),
        )  # fmt: skip
        assert too_many.status_code == 422
        assert too_many.json()["errors"][0]["field"] == "ticket_ids"

    async def test_bad_requests_name_the_field(self, tickets: httpx.AsyncClient) -> None:
        admin = person("admin")
        ticket = await file_ticket(tickets, person())
        for body, field in (
            ({"ticket_ids": [ticket["id"]], "action": "priority"}, "priority"),
            ({"ticket_ids": [ticket["id"]], "action": "close"}, "resolution"),
            ({"ticket_ids": [ticket["id"]], "action": "status", "status": "closed"}, "resolution"),
            ({"ticket_ids": [ticket["id"]], "action": "assign"}, "admin_id"),
            (
                {"ticket_ids": [ticket["id"]], "action": "add_label", "label_id": str(uuid.uuid4())},
                "label_id",
            ),
            ({"ticket_ids": [ticket["id"], ticket["id"]], "action": "priority", "priority": 1}, "ticket_ids"),
            ({"ticket_ids": [str(uuid.uuid4())], "action": "priority", "priority": 1}, "ticket_ids"),
            ({"ticket_ids": [], "action": "priority", "priority": 1}, "ticket_ids"),
            ({"ticket_ids": [ticket["id"]], "action": "delete"}, "action"),
        ):
            response = await tickets.post(BULK, json=body, headers=admin.headers())
            assert response.status_code == 422, body
            assert field in {e["field"] for e in response.json()["errors"]}, (body, response.json())
        assert (await tickets.post(BULK, json={}, headers=person().headers())).status_code == 403
