"""Replying on a ticket."""

import httpx

from support.tokens import person

URL = "/api/v1/support/tickets"
BODY = {
    "type": "bug",
    "title": "Subtitles drift out of sync",
    "description": "After an hour the subtitles are two seconds late on every episode.",
    "severity": "medium",
    "category": "tv_shows",
}


class TestComments:
    async def test_a_reply_shows_in_the_conversation_and_bumps_the_ticket(
        self, tickets: httpx.AsyncClient
    ) -> None:
        alice = person()
        ticket = (await tickets.post(URL, json=BODY, headers=alice.headers())).json()
        first = await tickets.post(
            f"{URL}/{ticket['id']}/comments",
            json={"comment": "  Still happening on 1.2.3  "},
            headers=alice.headers(),
        )
        assert first.status_code == 201, first.text
        assert first.json()["comment"] == "Still happening on 1.2.3"
        reply = await tickets.post(
            f"{URL}/{ticket['id']}/comments",
            json={"comment": "And on 1.2.4", "parent_id": first.json()["id"]},
            headers=alice.headers(),
        )
        assert reply.status_code == 201
        detail = (await tickets.get(f"{URL}/{ticket['id']}", headers=alice.headers())).json()
        assert [c["comment"] for c in detail["comments"]] == ["Still happening on 1.2.3", "And on 1.2.4"]
        assert detail["comments"][1]["parent_id"] == first.json()["id"]
        assert detail["version"] > ticket["version"]
        assert detail["updated_at"] > ticket["updated_at"]

    async def test_empty_comments_users_setting_is_internal_and_foreign_parents_are_refused(
        self, tickets: httpx.AsyncClient
    ) -> None:
        alice = person()
        mine = (await tickets.post(URL, json=BODY, headers=alice.headers())).json()
        other = (await tickets.post(URL, json=BODY, headers=alice.headers())).json()
        elsewhere = (
            await tickets.post(
                f"{URL}/{other['id']}/comments", json={"comment": "hi"}, headers=alice.headers()
            )
        ).json()
        for body, field in (
            ({"comment": "   "}, "comment"),
            ({"comment": "x", "is_internal": True}, "is_internal"),
            ({"comment": "x", "parent_id": elsewhere["id"]}, "parent_id"),
            ({"comment": "x", "parent_id": "not-a-uuid"}, "parent_id"),
        ):
            response = await tickets.post(f"{URL}/{mine['id']}/comments", json=body, headers=alice.headers())
            assert response.status_code == 422, body
            assert {e["field"] for e in response.json()["errors"]} == {field}
