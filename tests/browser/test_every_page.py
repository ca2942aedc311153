"""Every page, signed out, as a user and as an admin: it loads, shows loading/empty/error states rather
than a blank page, and passes axe-core in the light and dark themes, at desktop and at phone width."""

import re

import httpx
import pytest
from playwright.async_api import expect

from support.accounts import ADMIN_EMAIL, ADMIN_PASSWORD, Account
from support.browser import NewTab, Tab, create_ticket

pytestmark = pytest.mark.browser

PUBLIC = ["/login", "/register", "/forgot-password", "/reset-password"]
USER = ["/support/tickets", "/support/new", "/settings"]
ADMIN = [
    "/admin/support",
    "/admin/support?mode=list&view=all",
    "/admin/labels",
    "/admin/users",
    "/admin/webhooks",
    "/admin/github",
]
LOOKS = [
    pytest.param({"phone": False, "dark": False}, id="desktop-light"),
    pytest.param({"phone": False, "dark": True}, id="desktop-dark"),
    pytest.param({"phone": True, "dark": False}, id="phone-light"),
]


async def visit(tab: Tab, path: str, name: str) -> None:
    await tab.goto(path)
    await expect(tab.page.locator("main h1").first).to_be_visible()
    await expect(tab.page.get_by_test_id("loading")).to_have_count(0)
    await tab.check(f"{path} ({name})")
    assert not tab.errors, f"script errors on {path}: {tab.errors}"


@pytest.mark.parametrize("look", LOOKS)
async def test_every_page_passes_axe(
    new_tab: NewTab, api: httpx.AsyncClient, admin: Account, user: Account, look: dict[str, bool]
) -> None:
    name = "-".join(k for k, v in look.items() if v) or "desktop"
    label = await api.post(
        "/api/v1/admin/support/labels",
        json={"name": f"needs-info-{name}", "color": "#d97706", "description": "Waiting on the reporter"},
        headers=admin.bearer,
    )
    assert label.status_code == 201, label.text
    ticket = await create_ticket(api, user, type="feature", title="Dark mode for the web player, please")

    tab = await new_tab(**look)
    for path in PUBLIC:
        await visit(tab, path, name)
    await tab.shot(f"20-forgot-password-{name}")

    await tab.login(user.email, user.password)
    for path in [*USER, f"/support/tickets/{ticket['ticket_number']}"]:
        await visit(tab, path, name)
    await tab.shot(f"21-user-ticket-{name}")
    await tab.goto("/admin/support")
    await expect(tab.page.get_by_role("alert")).to_contain_text("This page is for admins.")
    await tab.check(f"admin page as a user ({name})")

    admin_tab = await new_tab(**look)
    await admin_tab.login(ADMIN_EMAIL, ADMIN_PASSWORD)
    for path in [*ADMIN, f"/admin/support/tickets/{ticket['ticket_number']}"]:
        await visit(admin_tab, path, name)
    await admin_tab.shot(f"22-admin-ticket-{name}")
    await admin_tab.goto("/admin/support")
    await expect(admin_tab.page.get_by_test_id("board")).to_be_visible()
    await admin_tab.shot(f"23-admin-board-{name}")


async def test_failures_show_the_problem_not_a_blank_page(new_tab: NewTab, user: Account) -> None:
    tab = await new_tab()
    page = tab.page
    await tab.login(user.email, user.password)
    await tab.goto("/support/tickets/999999")
    problem = page.get_by_test_id("problem")
    await expect(problem).to_contain_text("Not Found")
    await expect(problem.get_by_role("button", name="Try again")).to_be_visible()
    await tab.check("missing ticket")
    await tab.shot("24-problem-missing-ticket")

    await tab.goto("/no/such/page")
    await expect(page.get_by_role("heading", name="There is no such page")).to_be_visible()
    await tab.check("unknown page")

    # A 422 names the field: the server's rule for titles shows under the title.
    await tab.goto("/support/new")
    await page.get_by_text("Support question", exact=True).click()
    await page.get_by_test_id("title-input").fill("A question")
    await page.get_by_test_id("markdown-input").fill("x" * 19)
    await page.get_by_test_id("submit-ticket").click()
    await expect(page.locator("#description-error")).to_contain_text("at least 20 characters")
    await expect(page).to_have_url(re.compile(r"/support/new$"))

    # The session ends elsewhere: the next request sends the user to sign in, with a word why.
    await page.context.clear_cookies()
    await tab.goto("/support/tickets")
    await expect(page).to_have_url(re.compile(r"/login\?next=%2Fsupport%2Ftickets"))
