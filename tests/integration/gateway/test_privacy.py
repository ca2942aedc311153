"""What one person files is theirs: another user never sees it in any answer, and an internal note
never reaches the reporter."""

import uuid

import httpx

from support.accounts import admin, api_token, bearer, signed_up


class TestPrivacy:
    async def test_a_ticket_and_an_internal_note_never_appear_in_the_wrong_answers(
        self, gateway: httpx.AsyncClient
    ) -> None:
        mine, secret = f"MINE-{uuid.uuid4().hex}", f"SECRET-{uuid.uuid4().hex}"
        reporter, stranger, root = await signed_up(gateway), await signed_up(gateway), await admin(gateway)
        filed = await gateway.post(
            "/api/v1/support/tickets",
            json={
                "type": "support",
                "title": f"My library {mine}",
                "description": f"Private details {mine}.",
            },
            headers=reporter.bearer,
        )
        assert filed.status_code == 201, filed.text
        ticket = filed.json()
        number, ticket_id = ticket["ticket_number"], ticket["id"]
        note = await gateway.post(
            f"/api/v1/admin/support/tickets/{number}/comments",
            json={"comment": f"Internal: the server key is {secret}", "is_internal": True},
            headers=root.bearer,
        )
        assert note.status_code == 201, note.text
        reply = await gateway.post(
            f"/api/v1/admin/support/tickets/{number}/comments",
            json={"comment": "We are looking into it."},
            headers=root.bearer,
        )
        assert reply.status_code == 201, reply.text

        # The reporter sees the public reply and never the note.
        own = [
            await gateway.get(f"/api/v1/support/tickets/{number}", headers=reporter.bearer),
            await gateway.get(f"/api/v1/support/tickets/{ticket_id}", headers=reporter.bearer),
            await gateway.get("/api/v1/support/tickets", headers=reporter.bearer),
        ]
        assert [r.status_code for r in own] == [200, 200, 200]
        assert "We are looking into it." in own[0].text
        assert mine in own[2].text
        assert all(secret not in r.text for r in own)

        # Someone else, with a session or an API token, learns nothing of either.
        token = bearer(await api_token(gateway, stranger, ["read", "write"]))
        theirs = []
        for headers in (stranger.bearer, token):
            theirs += [
                await gateway.get("/api/v1/support/tickets", headers=headers),
                await gateway.get(f"/api/v1/support/tickets/{number}", headers=headers),
                await gateway.get(f"/api/v1/support/tickets/%23{number}", headers=headers),
                await gateway.get(f"/api/v1/support/tickets/{ticket_id}", headers=headers),
                await gateway.post(
                    f"/api/v1/support/tickets/{number}/comments", json={"comment": "Me too!"}, headers=headers
                ),
            ]
        assert [r.status_code for r in theirs] == [200, 404, 404, 404, 404] * 2
        assert all(mine not in r.text and secret not in r.text for r in theirs)
        assert all(
            str(ticket_id) not in r.text for r in theirs if r.request.method == "GET" and r.status_code == 200
        )

        # The admin's own user view does not list other people's tickets either (ADR 0004).
        admins_own = await gateway.get("/api/v1/support/tickets", headers=root.bearer)
        assert mine not in admins_own.text
