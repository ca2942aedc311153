"""Where things sit on the admin's screens: the toolbox heads its own column and sticks under the header,
toasts keep off the controls at the top of triage, the board's key hint shows only where there are keys,
cards read cleanly, and an admin following a mailed ticket link lands in triage without a 404 first."""

import re

import httpx
import pytest
from playwright.async_api import FloatRect, Page, Response, expect

from support.accounts import ADMIN_EMAIL, ADMIN_PASSWORD, Account
from support.browser import PHONE, NewTab, create_ticket, triage_tab

pytestmark = pytest.mark.browser

LONG = "\n\n".join(
    f"Step {i}: the player freezes again and the log shows another warning." for i in range(60)
)


def overlaps(a: FloatRect, b: FloatRect) -> bool:
    return not (
        a["x"] + a["width"] <= b["x"]
        or b["x"] + b["width"] <= a["x"]
        or a["y"] + a["height"] <= b["y"]
        or b["y"] + b["height"] <= a["y"]
    )


async def box(page: Page, test_id: str) -> FloatRect:
    rect = await page.get_by_test_id(test_id).first.bounding_box()
    assert rect is not None, f"{test_id} is not on screen"
    return rect


@pytest.mark.parametrize("height", [900, 600])
async def test_the_toolbox_heads_its_column_and_sticks(
    new_tab: NewTab, api: httpx.AsyncClient, user: Account, height: int
) -> None:
    ticket = await create_ticket(api, user, title="A long report that scrolls", description=LONG)
    tab = await new_tab()
    page = tab.page
    await page.set_viewport_size({"width": 1280, "height": height})
    await tab.login(ADMIN_EMAIL, ADMIN_PASSWORD)
    await tab.goto(f"/admin/support/tickets/{ticket['ticket_number']}")
    await expect(page.get_by_test_id("ticket-title")).to_be_visible()
    toolbox = await box(page, "toolbox")
    facts = await page.get_by_role("complementary", name="Ticket facts").bounding_box()
    assert facts is not None
    # Its own column to the right, level with the facts at the top: no empty space above it.
    assert toolbox["x"] >= facts["x"] + facts["width"] + 300, (toolbox, facts)
    assert abs(toolbox["y"] - facts["y"]) <= 2, (toolbox, facts)
    await tab.check(f"admin ticket at 1280x{height}")
    await tab.shot(f"32-admin-ticket-toolbox-1280x{height}")

    await page.evaluate("window.scrollTo(0, 1500)")
    await expect(page.get_by_test_id("tb-status")).to_be_in_viewport()
    scrolled = await box(page, "toolbox")
    assert 56 <= scrolled["y"] <= 100, scrolled  # sticks just under the 56px header
    assert scrolled["y"] + scrolled["height"] <= height


async def test_on_a_phone_the_toolbox_is_a_bar_at_the_bottom(
    new_tab: NewTab, api: httpx.AsyncClient, user: Account
) -> None:
    ticket = await create_ticket(api, user, title="Triage on a phone, toolbox below")
    tab = await new_tab(phone=True)
    page = tab.page
    await tab.login(ADMIN_EMAIL, ADMIN_PASSWORD)
    await tab.goto(f"/admin/support/tickets/{ticket['ticket_number']}")
    toolbox = await box(page, "toolbox")
    assert abs(toolbox["y"] + toolbox["height"] - PHONE["height"]) <= 1, toolbox
    assert toolbox["height"] < 80, toolbox  # folded until asked for
    await tab.check("admin ticket on a phone")
    await tab.shot("38-admin-ticket-phone-toolbox-bar")


async def test_toasts_keep_off_the_controls_at_the_top_of_triage(
    new_tab: NewTab, api: httpx.AsyncClient, user: Account
) -> None:
    tab, number = await triage_tab(new_tab, api, user, title="Assigned so that a toast appears")
    page = tab.page
    card = page.locator(f"[data-testid=ticket-card][data-number='{number}']")
    await card.hover()
    await card.get_by_test_id("ticket-menu").click()
    await page.get_by_test_id("menu-assign").click()
    await page.get_by_test_id("assign-me").click()
    toast = page.get_by_test_id("toast").filter(has_text=f"#{number}: assigned to you")
    await expect(toast).to_be_visible()
    toast_box = await toast.bounding_box()
    assert toast_box is not None
    for control in (
        page.locator("#sort"),
        page.get_by_test_id("mode-board"),
        page.get_by_test_id("mode-list"),
    ):
        control_box = await control.bounding_box()
        assert control_box is not None
        assert not overlaps(toast_box, control_box), (toast_box, control_box)
    viewport = page.viewport_size
    assert viewport is not None
    assert toast_box["y"] > viewport["height"] / 2, toast_box  # bottom right
    await tab.shot("33-toast-bottom-right")


async def test_cards_and_the_key_hint(new_tab: NewTab, api: httpx.AsyncClient, user: Account) -> None:
    ticket = await create_ticket(api, user, title="A card that reads cleanly on the board")
    card_selector = f"[data-testid=ticket-card][data-number='{ticket['ticket_number']}']"

    desktop = await new_tab()
    await desktop.login(ADMIN_EMAIL, ADMIN_PASSWORD)
    page = desktop.page
    card = page.locator(card_selector)
    await expect(card.get_by_test_id("card-updated")).to_have_text(
        re.compile(r"^updated (just now|\d+ \w+ ago)$")
    )
    await expect(card.get_by_test_id("card-assignee")).to_have_text("Unassigned")
    await expect(card).not_to_contain_text("·")
    # The title has the card's width: the menu sits on the number's row, not beside the title.
    title, menu = (
        await card.get_by_test_id("card-title").bounding_box(),
        await card.get_by_test_id("ticket-menu").bounding_box(),
    )
    assert title is not None
    assert menu is not None
    assert menu["y"] + menu["height"] <= title["y"] + 2, (menu, title)
    await expect(page.get_by_test_id("board-hint-keys")).to_be_visible()
    await expect(page.get_by_test_id("board-hint-touch")).to_be_hidden()

    phone = await new_tab(phone=True)
    await phone.login(ADMIN_EMAIL, ADMIN_PASSWORD)
    await expect(phone.page.locator(card_selector)).to_be_visible()
    await expect(phone.page.get_by_test_id("board-hint-keys")).to_be_hidden()
    await expect(phone.page.get_by_test_id("board-hint-touch")).to_be_visible()
    await phone.check("board on a phone")
    await phone.shot("39-board-phone-touch-hint")


async def test_an_admin_following_a_mail_link_is_sent_to_triage_without_a_404(
    new_tab: NewTab, api: httpx.AsyncClient, user: Account
) -> None:
    tab, number = await triage_tab(new_tab, api, user, title="Linked from a notification mail")
    page = tab.page
    asked: list[str] = []
    failed: list[str] = []
    console: list[str] = []

    def on_response(response: Response) -> None:
        if "/api/v1/support/tickets/" in response.url:
            asked.append(response.url)
        if response.status >= 400:
            failed.append(f"{response.status} {response.url}")

    page.on("response", on_response)
    page.on("console", lambda m: console.append(m.text) if m.type == "error" else None)
    await tab.goto(f"/support/tickets/{number}")
    await expect(page).to_have_url(re.compile(rf"/admin/support/tickets/{number}$"))
    await expect(page.get_by_test_id("toolbox")).to_be_visible()
    await page.wait_for_load_state("networkidle")
    assert not asked, asked
    assert not failed, failed
    assert not console, console
    await tab.shot("40-mail-link-to-admin-ticket")
