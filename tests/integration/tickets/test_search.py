"""Full-text search over title, description and public comments; #1234 finds by number; users search
only their own tickets."""

import uuid

import httpx

from support.tickets import ADMIN, USER, file_ticket
from support.tokens import person


class TestSearch:
    async def test_words_in_title_description_and_public_comments_find_the_ticket(
        self, tickets: httpx.AsyncClient
    ) -> None:
        reporter, admin = person(), person("admin")
        word = f"zq{uuid.uuid4().hex[:8]}"
        in_title = await file_ticket(tickets, reporter, title=f"Subtitles {word} drift out of sync")
        in_description = await file_ticket(
            tickets, reporter, description=f"The {word} codec crashes on every file."
        )
        in_comment = await file_ticket(tickets, reporter)
        await tickets.post(
            f"{USER}/{in_comment['ticket_number']}/comments", json={"comment": f"Logs mention {word}."},
            headers=reporter.headers(),
        )  # fmt: skip
        found = (await tickets.get(USER, params={"q": word}, headers=reporter.headers())).json()["items"]
        assert {t["id"] for t in found} == {in_title["id"], in_description["id"], in_comment["id"]}
        as_admin = (await tickets.get(ADMIN, params={"q": word}, headers=admin.headers())).json()["items"]
        assert {t["id"] for t in as_admin} == {in_title["id"], in_description["id"], in_comment["id"]}

    async def test_stemming_and_phrases(self, tickets: httpx.AsyncClient) -> None:
        reporter = person()
        tag = f"zq{uuid.uuid4().hex[:8]}"
        ticket = await file_ticket(tickets, reporter, title=f"Library scanning stops {tag}")
        for query in (f"scan {tag}", f'"scanning stops" {tag}', f"{tag} -nothere"):
            found = (await tickets.get(USER, params={"q": query}, headers=reporter.headers())).json()["items"]
            assert [t["id"] for t in found] == [ticket["id"]], query
        none = (await tickets.get(USER, params={"q": f"{tag} -library"}, headers=reporter.headers())).json()
        assert none["items"] == []

    async def test_users_search_only_their_own_tickets(self, tickets: httpx.AsyncClient) -> None:
        alice, bob = person(), person()
        word = f"zq{uuid.uuid4().hex[:8]}"
        await file_ticket(tickets, alice, title=f"Alice's {word} problem here")
        found = (await tickets.get(USER, params={"q": word}, headers=bob.headers())).json()["items"]
        assert found == []

    async def test_a_number_finds_the_ticket(self, tickets: httpx.AsyncClient) -> None:
        reporter, admin = person(), person("admin")
        ticket = await file_ticket(tickets, reporter)
        number = ticket["ticket_number"]
        for query in (f"#{number}", str(number), f" #{number} "):
            found = (await tickets.get(ADMIN, params={"q": query}, headers=admin.headers())).json()["items"]
            assert [t["id"] for t in found] == [ticket["id"]], query
        other = (await tickets.get(USER, params={"q": f"#{number}"}, headers=person().headers())).json()
        assert other["items"] == []

    async def test_internal_notes_are_not_searchable(self, tickets: httpx.AsyncClient) -> None:
        reporter, admin = person(), person("admin")
        word = f"zq{uuid.uuid4().hex[:8]}"
        ticket = await file_ticket(tickets, reporter)
        await tickets.post(
            f"{ADMIN}/{ticket['ticket_number']}/comments", json={"comment": word, "is_internal": True},
            headers=admin.headers(),
        )  # fmt: skip
        for path, who in ((USER, reporter), (ADMIN, admin)):
            found = (await tickets.get(path, params={"q": word}, headers=who.headers())).json()["items"]
            assert found == [], path
