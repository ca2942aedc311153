"""Script in a title, a description, a comment and an attachment's name shows as text, everywhere."""

import httpx
import pytest
from playwright.async_api import Page, expect

from support.accounts import ADMIN_EMAIL, ADMIN_PASSWORD, Account
from support.browser import NewTab, Tab, png

pytestmark = pytest.mark.browser

TITLE = "<script>alert('title')</script> breaks the page"
DESCRIPTION = (
    "<img src=x onerror=alert('description')> and <script>alert('d2')</script> [x](javascript:alert(1))"
)
COMMENT = "<svg onload=alert('comment')></svg> <iframe src=javascript:alert(2)>"
NOTE = "<b onmouseover=alert('note')>bold?</b>"
FILENAME = "<img src=x onerror=alert('file')>.png"


async def assert_inert(tab: Tab, label: str) -> None:
    page: Page = tab.page
    for selector in ("img[src=x]", "svg[onload]", "iframe", "b[onmouseover]", "a[href^=javascript]"):
        assert await page.locator(selector).count() == 0, f"{selector} rendered on {label}"
    injected = await page.evaluate(
        "Array.from(document.scripts).filter((s) => s.textContent.includes('alert'))"
    )
    assert not injected, f"a script element was injected on {label}"
    await tab.check(label)
    assert not tab.dialogs, f"a dialog opened on {label}: {tab.dialogs}"


async def test_payloads_render_as_text_for_the_user_and_the_admin(
    new_tab: NewTab, api: httpx.AsyncClient, user: Account, admin: Account
) -> None:
    response = await api.post(
        "/api/v1/support/tickets",
        data={"type": "support", "title": TITLE, "description": DESCRIPTION, "category": "other"},
        files=[("files", (FILENAME, png(), "image/png"))],
        headers=user.bearer,
    )
    assert response.status_code == 201, response.text
    number = response.json()["ticket_number"]
    reply = await api.post(
        f"/api/v1/support/tickets/{number}/comments", json={"comment": COMMENT}, headers=user.bearer
    )
    assert reply.status_code == 201, reply.text
    note = await api.post(
        f"/api/v1/admin/support/tickets/{number}/comments",
        json={"comment": NOTE, "is_internal": True},
        headers=admin.bearer,
    )
    assert note.status_code == 201, note.text

    tab = await new_tab()
    page = tab.page
    await tab.login(user.email, user.password)
    await expect(page.get_by_test_id("ticket-title").filter(has_text=TITLE)).to_be_visible()
    await assert_inert(tab, "user's ticket list")
    await tab.goto(f"/support/tickets/{number}")
    await expect(page.get_by_test_id("ticket-title")).to_have_text(TITLE)
    await expect(page.get_by_test_id("ticket-description")).to_contain_text(
        "<img src=x onerror=alert('description')>"
    )
    await expect(page.get_by_test_id("comment-body")).to_contain_text("<svg onload=alert('comment')></svg>")
    await expect(page.get_by_test_id("attachment-name")).to_have_text(FILENAME)
    await assert_inert(tab, "user's ticket detail")
    await tab.shot("14-script-injection-user")

    admin_tab = await new_tab()
    page = admin_tab.page
    await admin_tab.login(ADMIN_EMAIL, ADMIN_PASSWORD)
    card = page.locator(f"[data-testid=ticket-card][data-number='{number}']")
    await expect(card.get_by_test_id("card-title")).to_have_text(TITLE)
    await assert_inert(admin_tab, "board")
    await admin_tab.goto("/admin/support?mode=list")
    await expect(page.locator(f"[data-testid=ticket-row][data-number='{number}']")).to_contain_text(TITLE)
    await assert_inert(admin_tab, "list")
    await admin_tab.goto(f"/admin/support/tickets/{number}")
    await expect(page.get_by_test_id("ticket-title")).to_have_text(TITLE)
    await expect(page.locator("[data-testid=comment][data-internal=true]")).to_contain_text(NOTE)
    await expect(page.get_by_test_id("attachment-name")).to_have_text(FILENAME)
    await assert_inert(admin_tab, "admin ticket detail")
    await admin_tab.shot("15-script-injection-admin")


async def test_a_typed_payload_previews_as_text(new_tab: NewTab, user: Account) -> None:
    tab = await new_tab()
    page = tab.page
    await tab.login(user.email, user.password)
    await tab.goto("/support/new")
    await page.get_by_test_id("markdown-input").fill(DESCRIPTION)
    preview = page.get_by_test_id("markdown-preview")
    await expect(preview).to_contain_text("<img src=x onerror=alert('description')>")
    link = preview.locator("a")
    await expect(link).to_have_count(0)  # markdown-it refuses javascript: links; the text stays
    await assert_inert(tab, "new ticket preview")
    await tab.shot("44-new-ticket-preview-payload")
