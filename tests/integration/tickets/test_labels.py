"""Label CRUD: unique names (whatever the case), #rrggbb colours, and what deleting one does."""

import uuid

import httpx

from support.tickets import ADMIN, LABELS, file_ticket, make_label
from support.tokens import person


class TestLabels:
    async def test_create_list_rename_delete(self, tickets: httpx.AsyncClient) -> None:
        admin = person("admin")
        name = f"wontfix-{uuid.uuid4().hex[:6]}"
        label = await make_label(tickets, admin, name, "#ffffff")
        ticket = await file_ticket(tickets, person())
        await tickets.post(
            f"{ADMIN}/{ticket['ticket_number']}/labels",
            json={"label_ids": [label["id"]]},
            headers=admin.headers(),
        )
        listed = {item["name"]: item for item in (await tickets.get(LABELS, headers=admin.headers())).json()}
        assert listed[name]["ticket_count"] == 1
        renamed = await tickets.patch(
            f"{LABELS}/{label['id']}",
            json={"name": f"{name}-x", "description": "Not fixing"},
            headers=admin.headers(),
        )
        assert renamed.json()["name"] == f"{name}-x"
        assert renamed.json()["color"] == "#ffffff"
        assert (await tickets.delete(f"{LABELS}/{label['id']}", headers=admin.headers())).status_code == 204
        after = await tickets.get(f"{ADMIN}/{ticket['ticket_number']}", headers=admin.headers())
        assert after.json()["labels"] == []
        assert (await tickets.delete(f"{LABELS}/{label['id']}", headers=admin.headers())).status_code == 404

    async def test_names_are_unique_ignoring_case(self, tickets: httpx.AsyncClient) -> None:
        admin = person("admin")
        name = f"Duplicate-{uuid.uuid4().hex[:6]}"
        await make_label(tickets, admin, name)
        again = await tickets.post(LABELS, json={"name": name.upper()}, headers=admin.headers())
        assert again.status_code == 409
        assert again.json()["errors"][0]["field"] == "name"
        other = await make_label(tickets, admin, f"other-{uuid.uuid4().hex[:6]}")
        clash = await tickets.patch(
            f"{LABELS}/{other['id']}", json={"name": name.lower()}, headers=admin.headers()
        )
        assert clash.status_code == 409

    async def test_bad_labels_are_422_naming_the_field(self, tickets: httpx.AsyncClient) -> None:
        admin = person("admin")
        for body, field in (
            ({"name": "   "}, "name"),
            ({"name": "x" * 101}, "name"),
            ({"name": "ok", "color": "red"}, "color"),
            ({"name": "ok", "color": "#12345"}, "color"),
            ({"name": "ok", "colour": "#123456"}, "colour"),
        ):
            response = await tickets.post(LABELS, json=body, headers=admin.headers())
            assert response.status_code == 422, body
            assert {e["field"] for e in response.json()["errors"]} == {field}
        assert (await tickets.get(LABELS, headers=person().headers())).status_code == 403
