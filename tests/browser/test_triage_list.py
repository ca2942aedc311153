"""The admin's list mode (bulk close of three tickets) and the board without a mouse."""

import re

import httpx
import pytest
from playwright.async_api import expect

from support.accounts import ADMIN_EMAIL, ADMIN_PASSWORD, Account
from support.browser import NewTab, create_ticket, triage_tab

pytestmark = pytest.mark.browser


async def test_bulk_closing_three_tickets_from_the_list(
    new_tab: NewTab, api: httpx.AsyncClient, user: Account, admin: Account
) -> None:
    tickets = [
        await create_ticket(api, user, title=f"Bulk candidate number {i} for closing") for i in range(3)
    ]
    numbers = [t["ticket_number"] for t in tickets]
    tab = await new_tab()
    page = tab.page
    await tab.login(ADMIN_EMAIL, ADMIN_PASSWORD)
    await page.get_by_test_id("mode-list").click()
    await expect(page).to_have_url(re.compile(r"mode=list"))
    for number in numbers:
        row = page.locator(f"[data-testid=ticket-row][data-number='{number}']")
        await row.get_by_test_id("select-ticket").check()
    await expect(page.get_by_test_id("bulk-bar")).to_contain_text("3 selected")
    await tab.check("list with a selection")
    await tab.shot("11-admin-list-selected")

    await page.get_by_test_id("bulk-close").click()
    dialog = page.get_by_role("dialog")
    await dialog.get_by_label("Resolution").fill("Duplicates of #1; closing all three.")
    await tab.check("bulk close dialog")
    await dialog.get_by_test_id("confirm-close").click()
    await expect(page.get_by_test_id("toast").filter(has_text="Closed 3 tickets")).to_be_visible()
    for number in numbers:
        await expect(page.locator(f"[data-testid=ticket-row][data-number='{number}']")).to_have_count(0)
        response = await api.get(f"/api/v1/admin/support/tickets/{number}", headers=admin.bearer)
        assert response.json()["status"] == "closed"
    await tab.shot("12-admin-list-bulk-closed")


async def test_the_board_works_from_the_keyboard(
    new_tab: NewTab, api: httpx.AsyncClient, user: Account
) -> None:
    tab, number = await triage_tab(new_tab, api, user, title="Keyboard triage of a support question")
    page = tab.page
    card = page.locator(f"[data-testid=ticket-card][data-number='{number}']")
    await expect(page.locator("[data-testid=column][data-status=open]").locator(card)).to_be_visible()

    # Alt+→ on the focused card moves it one column on.
    await card.get_by_test_id("card-title").focus()
    await page.keyboard.press("Alt+ArrowRight")
    await expect(page.locator("[data-testid=column][data-status=in_progress]").locator(card)).to_be_visible()
    announced = page.get_by_role("status").filter(has_text=f"Moved #{number} to In progress")
    await expect(announced).to_be_attached()

    # The card's menu, opened and driven with keys only: Move to → Resolved (out of this view).
    await card.get_by_test_id("ticket-menu").focus()
    await page.keyboard.press("Enter")
    await expect(page.get_by_test_id("menu-move")).to_be_focused()
    await page.keyboard.press("ArrowRight")
    await expect(page.get_by_test_id("move-open")).to_be_focused()
    await page.keyboard.press("ArrowDown")
    await expect(page.get_by_test_id("move-resolved")).to_be_focused()
    await page.keyboard.press("Enter")
    await expect(card).to_have_count(0)
    await expect(page.get_by_test_id("toast").filter(has_text=f"#{number} is now Resolved")).to_be_visible()
    await tab.check("board after keyboard moves")
    await tab.shot("45-board-after-keyboard-moves")


async def test_a_refused_move_rolls_back_with_the_servers_reason(
    new_tab: NewTab, api: httpx.AsyncClient, user: Account, admin: Account
) -> None:
    tab, number = await triage_tab(new_tab, api, user, title="Someone else edits this one meanwhile")
    page = tab.page
    card = page.locator(f"[data-testid=ticket-card][data-number='{number}']")
    await expect(card).to_be_visible()
    # Another admin changes the ticket after the board was drawn: the board's version is stale.
    response = await api.put(
        f"/api/v1/admin/support/tickets/{number}/priority", json={"priority": 1}, headers=admin.bearer
    )
    assert response.status_code == 200, response.text
    await card.drag_to(page.locator("[data-testid=column][data-status=in_progress]"))
    await expect(page.get_by_test_id("toast").filter(has_text=f"Could not move #{number}")).to_contain_text(
        "Someone else changed it"
    )
    await expect(page.locator("[data-testid=column][data-status=open]").locator(card)).to_be_visible()
    detail = await api.get(f"/api/v1/admin/support/tickets/{number}", headers=admin.bearer)
    assert detail.json()["status"] == "open"
    await tab.shot("13-admin-board-refused-move")
