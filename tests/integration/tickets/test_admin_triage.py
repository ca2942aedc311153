"""Admin triage: every ticket through views, filters, sorts and counts; single edits with If-Match."""

import uuid
from datetime import UTC, datetime, timedelta

import httpx

from support.apps import eventually
from support.broker import capture
from support.tickets import ADMIN, USER, admin_get, file_ticket, make_label, set_status
from support.tokens import Person, person


async def listed(client: httpx.AsyncClient, admin: Person, **params: object) -> list[dict[str, object]]:
    response = await client.get(ADMIN, params=params, headers=admin.headers())  # type: ignore[arg-type]
    assert response.status_code == 200, response.text
    return list(response.json()["items"])


class TestViewsAndFilters:
    async def test_the_five_views(self, tickets: httpx.AsyncClient) -> None:
        admin, reporter = person("admin"), person()
        tag = f"zq{uuid.uuid4().hex[:8]}"
        numbers = {}
        for name in ("fresh", "mine", "working", "resolved", "closed"):
            numbers[name] = (await file_ticket(tickets, reporter, title=f"{name} ticket {tag}"))[
                "ticket_number"
            ]
        await tickets.put(
            f"{ADMIN}/{numbers['mine']}/assign", json={"admin_id": "me"}, headers=admin.headers()
        )
        await set_status(tickets, admin, numbers["working"], "in_progress")
        await set_status(tickets, admin, numbers["resolved"], "resolved")
        await set_status(tickets, admin, numbers["closed"], "closed")

        async def view(name: str) -> set[int]:
            return {int(t["ticket_number"]) for t in await listed(tickets, admin, view=name, q=tag)}  # type: ignore[arg-type]

        assert await view("unassigned") == {numbers["fresh"], numbers["working"]}
        assert await view("mine") == {numbers["mine"]}
        assert await view("open") == {numbers["fresh"], numbers["mine"], numbers["working"]}
        assert await view("resolved") == {numbers["resolved"]}
        assert await view("closed") == {numbers["closed"]}

    async def test_filters_narrow_the_list(self, tickets: httpx.AsyncClient) -> None:
        admin, reporter = person("admin"), person()
        tag = f"zq{uuid.uuid4().hex[:8]}"
        bug = await file_ticket(
            tickets, reporter, title=f"Crash on start {tag}", severity="critical", category="music"
        )
        feature = await file_ticket(
            tickets,
            reporter,
            title=f"Dark mode please {tag}",
            type="feature",
            severity=None,
            category="other",
        )
        label = await make_label(tickets, admin, f"needs-info-{tag}")
        await tickets.post(
            f"{ADMIN}/{feature['ticket_number']}/labels",
            json={"label_ids": [label["id"]]},
            headers=admin.headers(),
        )
        cases: list[tuple[dict[str, object], set[int]]] = [
            ({"type": "bug"}, {bug["ticket_number"]}),
            ({"type": "feature"}, {feature["ticket_number"]}),
            ({"priority": 1}, {bug["ticket_number"]}),
            ({"severity": "critical"}, {bug["ticket_number"]}),
            ({"category": "music"}, {bug["ticket_number"]}),
            ({"label": label["id"]}, {feature["ticket_number"]}),
            ({"assigned_to": "none"}, {bug["ticket_number"], feature["ticket_number"]}),
            ({"assigned_to": "me"}, set()),
            ({"created_from": (datetime.now(UTC) + timedelta(hours=1)).isoformat()}, set()),
            ({"updated_to": "2000-01-01"}, set()),
        ]
        for params, expected in cases:
            found = {int(t["ticket_number"]) for t in await listed(tickets, admin, q=tag, **params)}  # type: ignore[arg-type]
            assert found == expected, params

    async def test_sorts_walk_in_order_across_pages(self, tickets: httpx.AsyncClient) -> None:
        admin, reporter = person("admin"), person()
        tag = f"zq{uuid.uuid4().hex[:8]}"
        made = []
        for severity in ("low", "critical", "medium", "high", "critical", "low"):
            made.append(
                await file_ticket(tickets, reporter, title=f"Sorting {severity} {tag}", severity=severity)
            )
        await tickets.post(
            f"{USER}/{made[0]['ticket_number']}/comments",
            json={"comment": "bump"},
            headers=reporter.headers(),
        )

        async def walk(sort: str) -> list[int]:
            out: list[int] = []
            cursor = None
            while True:
                params: dict[str, object] = {"q": tag, "sort": sort, "limit": 2}
                if cursor:
                    params["cursor"] = cursor
                page = (await tickets.get(ADMIN, params=params, headers=admin.headers())).json()  # type: ignore[arg-type]
                out += [t["ticket_number"] for t in page["items"]]
                cursor = page["next_cursor"]
                if not cursor:
                    return out

        numbers = [t["ticket_number"] for t in made]
        assert await walk("created") == list(reversed(numbers))
        assert (await walk("updated"))[0] == numbers[0]
        by_priority = sorted(made, key=lambda t: (t["priority"], t["created_at"]))
        assert await walk("priority") == [t["ticket_number"] for t in by_priority]

    async def test_a_cursor_from_another_sort_is_refused(self, tickets: httpx.AsyncClient) -> None:
        admin = person("admin")
        for _ in range(2):
            await file_ticket(tickets, person())
        page = (
            await tickets.get(ADMIN, params={"limit": 1, "sort": "created"}, headers=admin.headers())
        ).json()
        response = await tickets.get(
            ADMIN, params={"cursor": page["next_cursor"], "sort": "priority"}, headers=admin.headers()
        )
        assert response.status_code == 422
        assert response.json()["errors"][0]["field"] == "cursor"

    async def test_counts_per_status_follow_the_other_filters(self, tickets: httpx.AsyncClient) -> None:
        admin, reporter = person("admin"), person()
        tag = f"zq{uuid.uuid4().hex[:8]}"
        for target in ("open", "in_progress", "in_progress", "resolved", "closed"):
            number = (await file_ticket(tickets, reporter, title=f"Counting {tag}"))["ticket_number"]
            if target != "open":
                await set_status(tickets, admin, number, target)
        counts = (await tickets.get(f"{ADMIN}/counts", params={"q": tag}, headers=admin.headers())).json()
        assert counts == {"open": 1, "in_progress": 2, "resolved": 1, "closed": 1, "total": 5}

    async def test_bad_filters_are_422_naming_them(self, tickets: httpx.AsyncClient) -> None:
        admin = person("admin")
        for params, field in (
            ({"view": "everything"}, "view"),
            ({"sort": "title"}, "sort"),
            ({"assigned_to": "bob"}, "assigned_to"),
            ({"priority": 9}, "priority.0"),
            ({"created_from": "yesterday"}, "created_from"),
            ({"label": "x"}, "label.0"),
        ):
            response = await tickets.get(ADMIN, params=params, headers=admin.headers())  # type: ignore[arg-type]
            assert response.status_code == 422, params
            assert field in {e["field"] for e in response.json()["errors"]}, response.json()


class TestEdits:
    async def test_assign_to_self_then_unassign_publishes_both(
        self, tickets: httpx.AsyncClient, broker_prefix: str
    ) -> None:
        admin = person("admin")
        number = (await file_ticket(tickets, person()))["ticket_number"]
        async with capture(broker_prefix, "tickets", "ticket.assigned") as events:
            assigned = await tickets.put(
                f"{ADMIN}/{number}/assign", json={"admin_id": "me"}, headers=admin.headers()
            )
            assert assigned.json()["assignee"]["username"] == admin.username
            unassigned = await tickets.put(
                f"{ADMIN}/{number}/assign", json={"admin_id": None}, headers=admin.headers()
            )
            assert unassigned.json()["assignee"] is None

            async def mine() -> list[dict[str, object]]:
                found = [e for e in events.bodies if e["data"]["ticket"]["ticket_number"] == number]
                return found if len(found) == 2 else []

            first, second = await eventually(mine)
        assert first["data"]["new_assignee"]["username"] == admin.username  # type: ignore[index]
        assert second["data"]["old_assignee"]["username"] == admin.username  # type: ignore[index]

    async def test_only_admins_can_be_assigned(self, tickets: httpx.AsyncClient) -> None:
        admin, reporter = person("admin"), person()
        number = (await file_ticket(tickets, reporter))["ticket_number"]
        for target in (str(reporter.id), str(uuid.uuid4()), "someone"):
            response = await tickets.put(
                f"{ADMIN}/{number}/assign", json={"admin_id": target}, headers=admin.headers()
            )
            assert response.status_code == 422, target
            assert response.json()["errors"][0]["field"] == "admin_id"

    async def test_priority_changes_and_is_validated(self, tickets: httpx.AsyncClient) -> None:
        admin = person("admin")
        number = (await file_ticket(tickets, person(), severity="low"))["ticket_number"]
        assert (await admin_get(tickets, admin, number)).json()["priority"] == 4
        changed = await tickets.put(
            f"{ADMIN}/{number}/priority", json={"priority": 1}, headers=admin.headers()
        )
        assert changed.json()["priority"] == 1
        for bad in (0, 6, "high"):
            refused = await tickets.put(
                f"{ADMIN}/{number}/priority", json={"priority": bad}, headers=admin.headers()
            )
            assert refused.status_code == 422

    async def test_labels_are_added_and_removed(self, tickets: httpx.AsyncClient) -> None:
        admin = person("admin")
        number = (await file_ticket(tickets, person()))["ticket_number"]
        one, two = (
            await make_label(tickets, admin, f"l1-{uuid.uuid4().hex[:6]}"),
            await make_label(tickets, admin, f"l2-{uuid.uuid4().hex[:6]}"),
        )
        added = await tickets.post(
            f"{ADMIN}/{number}/labels", json={"label_ids": [one["id"], two["id"]]}, headers=admin.headers()
        )
        assert {label["name"] for label in added.json()["labels"]} == {one["name"], two["name"]}
        removed = await tickets.delete(f"{ADMIN}/{number}/labels/{one['id']}", headers=admin.headers())
        assert [label["name"] for label in removed.json()["labels"]] == [two["name"]]
        again = await tickets.delete(f"{ADMIN}/{number}/labels/{one['id']}", headers=admin.headers())
        assert again.status_code == 404
        unknown = await tickets.post(
            f"{ADMIN}/{number}/labels", json={"label_ids": [str(uuid.uuid4())]}, headers=admin.headers()
        )
        assert unknown.status_code == 422

    async def test_close_with_resolution_stores_a_public_note(
        self, tickets: httpx.AsyncClient, broker_prefix: str
    ) -> None:
        admin, reporter = person("admin"), person()
        number = (await file_ticket(tickets, reporter))["ticket_number"]
        async with capture(broker_prefix, "tickets", "ticket.closed") as events:
            closed = await tickets.put(
                f"{ADMIN}/{number}/close", json={"resolution": "Fixed in **1.2.3**."}, headers=admin.headers()
            )
            assert closed.status_code == 200, closed.text

            async def mine() -> list[dict[str, object]]:
                return [e for e in events.bodies if e["data"]["ticket"]["ticket_number"] == number]

            [event] = await eventually(mine)
        assert event["data"]["resolution"] == "Fixed in **1.2.3**."  # type: ignore[index]
        seen_by_reporter = (await tickets.get(f"{USER}/{number}", headers=reporter.headers())).json()
        [note] = [c for c in seen_by_reporter["comments"] if c["is_resolution"]]
        assert note["comment_html"] == "<p>Fixed in <strong>1.2.3</strong>.</p>\n"
        assert seen_by_reporter["status"] == "closed"
        again = await tickets.put(
            f"{ADMIN}/{number}/close", json={"resolution": "again"}, headers=admin.headers()
        )
        assert again.status_code == 409
        empty = await tickets.put(
            f"{ADMIN}/{number}/close", json={"resolution": "  "}, headers=admin.headers()
        )
        assert empty.status_code == 422


class TestInternalNotes:
    async def test_internal_notes_never_reach_the_reporter(self, tickets: httpx.AsyncClient) -> None:
        admin, reporter = person("admin"), person()
        number = (await file_ticket(tickets, reporter))["ticket_number"]
        secret = f"internal-{uuid.uuid4().hex}"
        note = await tickets.post(
            f"{ADMIN}/{number}/comments",
            json={"comment": secret, "is_internal": True},
            headers=admin.headers(),
        )
        assert note.status_code == 201
        assert note.json()["is_internal"] is True
        await tickets.post(
            f"{ADMIN}/{number}/comments", json={"comment": "We are on it."}, headers=admin.headers()
        )
        as_reporter = await tickets.get(f"{USER}/{number}", headers=reporter.headers())
        assert secret not in as_reporter.text
        assert [c["comment"] for c in as_reporter.json()["comments"]] == ["We are on it."]
        as_admin = (await admin_get(tickets, admin, number)).json()
        assert [c["is_internal"] for c in as_admin["comments"]] == [True, False]
        searched = await tickets.get(USER, params={"q": secret}, headers=reporter.headers())
        assert searched.json()["items"] == []
        reply = await tickets.post(
            f"{USER}/{number}/comments",
            json={"comment": "ok", "parent_id": note.json()["id"]},
            headers=reporter.headers(),
        )
        assert reply.status_code == 422


class TestConcurrency:
    async def test_a_stale_if_match_is_412_and_the_fresh_one_works(self, tickets: httpx.AsyncClient) -> None:
        first_admin, second_admin = person("admin"), person("admin")
        number = (await file_ticket(tickets, person()))["ticket_number"]
        seen = await admin_get(tickets, first_admin, number)
        etag = seen.headers["etag"]
        assert etag == f'"{seen.json()["id"]}.{seen.json()["version"]}"'
        other = await tickets.put(
            f"{ADMIN}/{number}/priority",
            json={"priority": 1},
            headers={**second_admin.headers(), "If-Match": etag},
        )
        assert other.status_code == 200
        stale = await tickets.put(
            f"{ADMIN}/{number}/priority",
            json={"priority": 5},
            headers={**first_admin.headers(), "If-Match": etag},
        )
        assert stale.status_code == 412
        assert stale.json()["current_version"] == seen.json()["version"] + 1
        assert (await admin_get(tickets, first_admin, number)).json()["priority"] == 1
        fresh = await tickets.put(
            f"{ADMIN}/{number}/priority",
            json={"priority": 5},
            headers={**first_admin.headers(), "If-Match": other.headers["etag"]},
        )
        assert fresh.status_code == 200
        for path, payload in (("status", {"status": "in_progress"}), ("assign", {"admin_id": "me"})):
            response = await tickets.put(
                f"{ADMIN}/{number}/{path}", json=payload, headers={**first_admin.headers(), "If-Match": etag}
            )
            assert response.status_code == 412, path
