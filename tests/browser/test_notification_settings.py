"""A user turns off one kind of mail in Settings: the choice survives a reload, and the next reply on
their ticket is not mailed while a change of status still is."""

import httpx
import pytest
from playwright.async_api import expect

from support.accounts import Account
from support.browser import NewTab, create_ticket
from support.db import fetch
from support.product import Product

pytestmark = pytest.mark.browser


async def queued_mail(product: Product, address: str) -> list[str]:
    """The kinds of event the notifier wrote mail for, to one address (its log of mail, sent or not)."""
    sql = "SELECT event_type FROM notifier.emails WHERE to_address = $1 ORDER BY created_at"
    return [row["event_type"] for row in await fetch(product.database_url, sql, address)]


async def test_turning_off_replies_stops_reply_mail_only(
    new_tab: NewTab, web: Product, api: httpx.AsyncClient, admin: Account, user: Account
) -> None:
    tab = await new_tab()
    page = tab.page
    await tab.login(user.email, user.password)
    await tab.goto("/settings")
    replies = page.get_by_test_id("preference-replies").get_by_role("checkbox")
    status = page.get_by_test_id("preference-status_changes").get_by_role("checkbox")
    await expect(replies).to_be_checked()
    await expect(page.get_by_test_id("preference-new_tickets")).to_have_count(0)  # admins only
    await replies.uncheck()
    await expect(page.get_by_text("You will not get these emails any more")).to_be_visible()
    await tab.check("settings after turning replies off")
    await tab.shot("46-settings-replies-off")

    await page.reload()
    await expect(replies).not_to_be_checked()
    await expect(status).to_be_checked()

    ticket = await create_ticket(api, user, title="Subtitles drift after seeking")
    number = ticket["ticket_number"]
    reply = await api.post(
        f"/api/v1/admin/support/tickets/{number}/comments",
        json={"comment": "Which player and which file format?"},
        headers=admin.bearer,
    )
    assert reply.status_code == 201, reply.text
    moved = await api.put(
        f"/api/v1/admin/support/tickets/{number}/status",
        json={"status": "in_progress"},
        headers=admin.bearer,
    )
    assert moved.status_code == 200, moved.text

    await web.mail.wait_for(
        lambda _: any("in progress" in m.part("plain") for m in web.mail.to(user.email)), within=60
    )
    # The notifier takes events in order, so the reply was dealt with before the status change was.
    assert await queued_mail(web, user.email) == ["ticket.created", "ticket.status_changed"]
    assert not [m for m in web.mail.to(user.email) if "Which player" in m.part("plain")]
