"""Every way an admin closes a ticket asks for a resolution first, and the reporter reads it: the list's
Status… → Closed, a card dropped on the board's Closed column, and the ticket page's Status select. Backing
out of the dialog changes nothing."""

import re

import httpx
import pytest
from playwright.async_api import Page, expect

from support.accounts import ADMIN_EMAIL, ADMIN_PASSWORD, Account
from support.browser import NewTab, create_ticket, triage_tab

pytestmark = pytest.mark.browser


async def status_of(api: httpx.AsyncClient, admin: Account, number: int) -> str:
    response = await api.get(f"/api/v1/admin/support/tickets/{number}", headers=admin.bearer)
    assert response.status_code == 200, response.text
    status: str = response.json()["status"]
    return status


async def reporter_reads_resolution(new_tab: NewTab, reporter: Account, number: int, text: str) -> Page:
    """The reporter's own ticket page shows the resolution in the conversation, marked as one."""
    tab = await new_tab()
    await tab.login(reporter.email, reporter.password)
    await tab.goto(f"/support/tickets/{number}")
    comment = tab.page.get_by_test_id("comment").filter(has_text=text)
    await expect(comment).to_be_visible()
    await expect(comment).to_contain_text("Resolution")
    await expect(tab.page.get_by_test_id("ticket-facts").get_by_test_id("status-badge")).to_have_text(
        "Closed"
    )
    await tab.check("closed ticket with its resolution (reporter)")
    return tab.page


async def test_bulk_status_closed_asks_for_a_resolution(
    new_tab: NewTab, api: httpx.AsyncClient, user: Account, admin: Account
) -> None:
    tickets = [await create_ticket(api, user, title=f"Bulk status candidate {i} to close") for i in range(2)]
    numbers = [t["ticket_number"] for t in tickets]
    tab = await new_tab()
    page = tab.page
    await tab.login(ADMIN_EMAIL, ADMIN_PASSWORD)
    await tab.goto("/admin/support?mode=list")
    for number in numbers:
        await (
            page.locator(f"[data-testid=ticket-row][data-number='{number}']")
            .get_by_test_id("select-ticket")
            .check()
        )
    status = page.get_by_test_id("bulk-status")
    await expect(status.locator("option[value=closed]")).to_have_text("Closed…")

    # Backing out closes nothing.
    await status.select_option("closed")
    dialog = page.get_by_role("dialog")
    await expect(dialog).to_contain_text("Close 2 tickets")
    await dialog.get_by_test_id("cancel-close").click()
    await expect(dialog).to_have_count(0)
    await expect(status).to_have_value("")  # back to its "Status…" prompt
    for number in numbers:
        assert await status_of(api, admin, number) == "open"

    await status.select_option("closed")
    await dialog.get_by_test_id("confirm-close").click()
    await expect(dialog.get_by_test_id("field-error")).to_contain_text("Write something first")
    resolution = "Both answered in the FAQ; closing from the list."
    await dialog.get_by_label("Resolution").fill(resolution)
    await tab.check("bulk status closed asks for a resolution")
    await tab.shot("30-bulk-status-closed-dialog")
    await dialog.get_by_test_id("confirm-close").click()
    await expect(page.get_by_test_id("toast").filter(has_text="Closed 2 tickets")).to_be_visible()
    for number in numbers:
        assert await status_of(api, admin, number) == "closed"
    await reporter_reads_resolution(new_tab, user, numbers[0], resolution)


async def test_a_card_dropped_on_closed_asks_and_cancelling_puts_it_back(
    new_tab: NewTab, api: httpx.AsyncClient, user: Account, admin: Account
) -> None:
    tab, number = await triage_tab(new_tab, api, user, title="Dropped on Closed from the board")
    page = tab.page
    open_column = page.locator("[data-testid=column][data-status=open]")
    closed_column = page.locator("[data-testid=column][data-status=closed]")
    card = page.locator(f"[data-testid=ticket-card][data-number='{number}']")
    await expect(open_column.locator(card)).to_be_visible()

    await card.drag_to(closed_column)
    dialog = page.get_by_role("dialog")
    await expect(dialog).to_contain_text(f"Close #{number}")
    await expect(open_column.locator(card)).to_have_count(0)  # waiting on Closed (out of this view)
    await dialog.get_by_test_id("cancel-close").click()
    await expect(dialog).to_have_count(0)
    await expect(open_column.locator(card)).to_be_visible()
    await expect(page.get_by_role("status").filter(has_text=f"#{number} stays in Open")).to_be_attached()
    assert await status_of(api, admin, number) == "open"

    # Escape backs out the same way.
    await card.drag_to(closed_column)
    await expect(dialog).to_be_visible()
    await page.keyboard.press("Escape")
    await expect(dialog).to_have_count(0)
    await expect(open_column.locator(card)).to_be_visible()
    assert await status_of(api, admin, number) == "open"

    await card.drag_to(closed_column)
    resolution = "Answered by mail; closing from the board."
    await dialog.get_by_label("Resolution").fill(resolution)
    await tab.check("board close dialog")
    await tab.shot("31-board-drop-on-closed")
    await dialog.get_by_test_id("confirm-close").click()
    await expect(page.get_by_test_id("toast").filter(has_text=f"#{number} is now Closed")).to_be_visible()
    await expect(card).to_have_count(0)
    assert await status_of(api, admin, number) == "closed"
    await reporter_reads_resolution(new_tab, user, number, resolution)


async def test_the_ticket_pages_status_select_asks_for_a_resolution(
    new_tab: NewTab, api: httpx.AsyncClient, user: Account, admin: Account
) -> None:
    tab, number = await triage_tab(new_tab, api, user, title="Closed from the ticket page's Status select")
    page = tab.page
    await tab.goto(f"/admin/support/tickets/{number}")
    select = page.get_by_test_id("tb-status")
    await expect(select).to_have_value("open")

    await select.select_option("closed")
    dialog = page.get_by_role("dialog")
    await expect(dialog).to_contain_text(f"Close #{number}")
    await page.keyboard.press("Escape")
    await expect(dialog).to_have_count(0)
    await expect(select).to_have_value("open")
    assert await status_of(api, admin, number) == "open"

    await select.select_option("closed")
    resolution = "Fixed in 1.2.4; closing from the ticket page."
    await dialog.get_by_label("Resolution").fill(resolution)
    await dialog.get_by_test_id("confirm-close").click()
    await expect(page.get_by_test_id("ticket-facts").get_by_test_id("status-badge")).to_have_text("Closed")
    await expect(page.get_by_test_id("comment").filter(has_text=resolution)).to_be_visible()
    assert await status_of(api, admin, number) == "closed"
    await tab.check("ticket closed from the status select")
    await tab.shot("41-ticket-closed-from-status-select")
    page = await reporter_reads_resolution(new_tab, user, number, resolution)
    await expect(page).to_have_url(re.compile(rf"/support/tickets/{number}$"))
