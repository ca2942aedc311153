"""The admin's Users page: a role changes only after a yes in a dialog, and on a phone every row shows all
it holds (stacked, nothing hidden off to the side)."""

import httpx
import pytest
from playwright.async_api import Locator, expect

from support.accounts import ADMIN_EMAIL, ADMIN_PASSWORD, Account
from support.browser import PHONE, NewTab, Tab

pytestmark = pytest.mark.browser


async def role_of(api: httpx.AsyncClient, admin: Account, username: str) -> str:
    response = await api.get("/api/v1/admin/users", params={"q": username}, headers=admin.bearer)
    assert response.status_code == 200, response.text
    [found] = [u for u in response.json()["items"] if u["username"] == username]
    role: str = found["role"]
    return role


async def find(tab: Tab, username: str) -> Locator:
    await tab.goto("/admin/users")
    await tab.page.get_by_label("Email or username starts with").fill(username)
    await tab.page.get_by_role("button", name="Search").click()
    row = tab.page.locator(f"[data-testid=user-row][data-username='{username}']")
    await expect(row).to_be_visible()
    return row


async def test_a_role_change_asks_first(
    new_tab: NewTab, api: httpx.AsyncClient, admin: Account, user: Account
) -> None:
    tab = await new_tab()
    page = tab.page
    await tab.login(ADMIN_EMAIL, ADMIN_PASSWORD)
    row = await find(tab, user.username)
    select = row.get_by_test_id("role-select")
    dialog = page.get_by_role("dialog")

    await select.select_option("admin")
    await expect(dialog).to_contain_text(f"Make {user.username} an admin?")
    await tab.check("role change dialog")
    await tab.shot("34-users-make-admin")
    await dialog.get_by_role("button", name="Cancel").click()
    await expect(dialog).to_have_count(0)
    await expect(select).to_have_value("user")
    assert await role_of(api, admin, user.username) == "user"

    await select.select_option("admin")
    await dialog.get_by_test_id("confirm-role").click()
    await expect(
        page.get_by_test_id("toast").filter(has_text=f"{user.username}: now an admin")
    ).to_be_visible()
    await expect(select).to_have_value("admin")
    assert await role_of(api, admin, user.username) == "admin"

    await select.select_option("user")
    await expect(dialog).to_contain_text(f"Remove {user.username} as an admin?")
    await dialog.get_by_test_id("confirm-role").click()
    await expect(select).to_have_value("user")
    assert await role_of(api, admin, user.username) == "user"


async def test_on_a_phone_each_user_is_a_stacked_card(new_tab: NewTab, user: Account) -> None:
    tab = await new_tab(phone=True)
    page = tab.page
    await tab.login(ADMIN_EMAIL, ADMIN_PASSWORD)
    row = await find(tab, user.username)
    await row.scroll_into_view_if_needed()
    for part in (
        row.get_by_test_id("role-select"),
        row.get_by_text("Active"),
        row.get_by_text("Joined"),
        row.get_by_role("button", name=f"Disable {user.username}"),
    ):
        await expect(part).to_be_in_viewport()
        rect = await part.bounding_box()
        assert rect is not None
        assert rect["x"] >= 0, rect
        assert rect["x"] + rect["width"] <= PHONE["width"], rect
    overflow = await page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"the page scrolls sideways by {overflow}px"
    await tab.check("users on a phone")
    await tab.shot("35-users-phone")
