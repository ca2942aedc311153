"""Who may see what: a user sees only their own tickets, and only through the gateway's token."""

import httpx

from support.tokens import expired_headers, forged_headers, person

URL = "/api/v1/support/tickets"
BODY = {
    "type": "support",
    "title": "How do I add a music library?",
    "description": "I cannot find where to add a folder of FLAC files.",
    "category": "music",
}


class TestOwnership:
    async def test_another_users_ticket_is_404_by_number_and_by_id(self, tickets: httpx.AsyncClient) -> None:
        alice, bob = person(), person()
        ticket = (await tickets.post(URL, json=BODY, headers=alice.headers())).json()
        for ref in (ticket["ticket_number"], ticket["id"], f"%23{ticket['ticket_number']}"):
            assert (await tickets.get(f"{URL}/{ref}", headers=alice.headers())).status_code == 200
            response = await tickets.get(f"{URL}/{ref}", headers=bob.headers())
            assert response.status_code == 404
            assert response.json()["status"] == 404
        comment = await tickets.post(
            f"{URL}/{ticket['ticket_number']}/comments", json={"comment": "me too"}, headers=bob.headers()
        )
        assert comment.status_code == 404

    async def test_the_list_holds_only_the_callers_tickets(self, tickets: httpx.AsyncClient) -> None:
        alice, bob = person(), person()
        mine = {(await tickets.post(URL, json=BODY, headers=alice.headers())).json()["id"] for _ in range(3)}
        await tickets.post(URL, json=BODY, headers=bob.headers())
        listed = (await tickets.get(URL, headers=alice.headers())).json()
        assert {t["id"] for t in listed["items"]} == mine

    async def test_garbage_ticket_references_are_404(self, tickets: httpx.AsyncClient) -> None:
        for ref in ("abc", "12abc", "99999999999999999999999", "00000000-0000-0000-0000-000000000000"):
            assert (await tickets.get(f"{URL}/{ref}", headers=person().headers())).status_code == 404


class TestInternalToken:
    async def test_no_token_forged_token_expired_token_or_wrong_audience_is_401(
        self, tickets: httpx.AsyncClient
    ) -> None:
        alice = person()
        for headers in (
            {},
            forged_headers(alice),
            expired_headers(alice),
            alice.headers(audience="webhooks"),
            {"x-internal-token": "not.a.jwt"},
        ):
            response = await tickets.get(URL, headers=headers)
            assert response.status_code == 401, headers
            assert response.headers["content-type"] == "application/problem+json"


class TestPagination:
    async def test_cursor_pages_cover_every_ticket_once_newest_first(
        self, tickets: httpx.AsyncClient
    ) -> None:
        carol = person()
        created = [
            (await tickets.post(URL, json=BODY, headers=carol.headers())).json()["id"] for _ in range(7)
        ]
        seen: list[str] = []
        cursor = None
        while True:
            params = {"limit": 3, **({"cursor": cursor} if cursor else {})}
            page = (await tickets.get(URL, params=params, headers=carol.headers())).json()
            seen += [t["id"] for t in page["items"]]
            cursor = page["next_cursor"]
            if cursor is None:
                break
        assert seen == list(reversed(created))

    async def test_filters_by_status_and_type(self, tickets: httpx.AsyncClient) -> None:
        dave = person()
        await tickets.post(URL, json=BODY, headers=dave.headers())
        only_bugs = (await tickets.get(URL, params={"type": "bug"}, headers=dave.headers())).json()
        assert only_bugs["items"] == []
        open_support = (
            await tickets.get(URL, params={"type": "support", "status": "open"}, headers=dave.headers())
        ).json()
        assert len(open_support["items"]) == 1

    async def test_bad_cursor_limit_or_filter_is_422_naming_it(self, tickets: httpx.AsyncClient) -> None:
        for params, field in (
            ({"cursor": "nonsense"}, "cursor"),
            ({"limit": 0}, "limit"),
            ({"limit": 1000}, "limit"),
            ({"status": "pending"}, "status.0"),
        ):
            response = await tickets.get(URL, params=params, headers=person().headers())
            assert response.status_code == 422, params
            assert field in {e["field"] for e in response.json()["errors"]}
