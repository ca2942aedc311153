"""A script-injection payload in any text field comes back as text: verbatim in the raw fields, and
only as harmless HTML in the rendered ones."""

import uuid

import httpx

from support.tickets import ADMIN, LABELS, USER, file_ticket
from support.tokens import person

PAYLOAD = '<script>alert("x")</script><img src=x onerror=alert(1)>'


class TestScriptInjection:
    async def test_payloads_in_every_text_field(self, tickets: httpx.AsyncClient) -> None:
        reporter, admin = person(), person("admin")
        ticket = await file_ticket(
            tickets, reporter, title=f"{PAYLOAD} title", description=f"{PAYLOAD}\n\n[x](javascript:alert(1))"
        )
        number = ticket["ticket_number"]
        await tickets.post(f"{USER}/{number}/comments", json={"comment": PAYLOAD}, headers=reporter.headers())
        label_name = f"{PAYLOAD[:60]}{uuid.uuid4().hex[:6]}"
        label = await tickets.post(LABELS, json={"name": label_name}, headers=admin.headers())
        assert label.status_code == 201
        await tickets.post(
            f"{ADMIN}/{number}/labels", json={"label_ids": [label.json()["id"]]}, headers=admin.headers()
        )
        await tickets.post(
            f"{USER}/{number}/attachments",
            files=[("files", (f"{PAYLOAD}.txt", b"plain text", "text/plain"))],
            headers=reporter.headers(),
        )
        detail = (await tickets.get(f"{USER}/{number}", headers=reporter.headers())).json()
        # Raw fields keep what was typed: the UI shows them as text.
        assert detail["title"] == f"{PAYLOAD} title"
        assert detail["comments"][0]["comment"] == PAYLOAD
        assert detail["labels"][0]["name"] == label_name
        # Rendered fields carry no live markup.
        for html in (detail["description_html"], detail["comments"][0]["comment_html"]):
            assert "<script" not in html
            assert "<img" not in html
            assert 'href="javascript' not in html.lower()
            assert "&lt;script&gt;" in html
        # The attachment's name lost its path-like parts but nothing can run from it either.
        [attachment] = detail["attachments"]
        assert "/" not in attachment["filename"]
        assert attachment["filename"].endswith(".txt")
        download = await tickets.get(attachment["url"], headers=reporter.headers())
        assert download.headers["content-disposition"].startswith("attachment;")
        assert download.headers["content-security-policy"] == "default-src 'none'; sandbox"
