"""What a reporter sees on their own pages: a refused password said once, under the field; the title's
example that reads as an example; attachment names shown in full where there is room."""

import re
import uuid

import httpx
import pytest
from playwright.async_api import Locator, expect

from support.accounts import ADMIN_EMAIL, ADMIN_PASSWORD, Account
from support.browser import NewTab, png

pytestmark = pytest.mark.browser

FILENAME = "screenshot-of-the-player-freezing.png"


async def test_a_weak_password_is_explained_once_under_the_field(new_tab: NewTab) -> None:
    tab = await new_tab()
    page = tab.page
    tag = uuid.uuid4().hex[:8]
    await tab.goto("/register")
    await page.get_by_label("Email").fill(f"weak-{tag}@example.com")
    await page.get_by_label("Username").fill(f"weak-{tag}")
    await page.get_by_label("Password").fill("password123")
    await page.get_by_role("button", name="Create account").click()
    await expect(page.locator("#password-error")).to_contain_text(re.compile(r"^Password is too common"))
    await expect(page.get_by_text("too common")).to_have_count(1)
    await expect(page.get_by_test_id("problem")).to_have_count(0)
    await expect(page.get_by_label("Password")).to_have_attribute("aria-invalid", "true")
    await tab.check("register, weak password")
    await tab.shot("36-register-weak-password")


async def test_the_title_placeholder_is_an_example(new_tab: NewTab, user: Account) -> None:
    tab = await new_tab()
    await tab.login(user.email, user.password)
    await tab.goto("/support/new")
    title = tab.page.get_by_test_id("title-input")
    await expect(title).to_have_value("")
    await expect(title).to_have_attribute("placeholder", re.compile(r"^e\.g\. "))
    style = await title.evaluate("(el) => getComputedStyle(el, '::placeholder').fontStyle")
    assert style == "italic"
    await tab.shot("42-new-ticket-title-example")


async def fully_shown(name: Locator) -> None:
    await expect(name).to_have_text(FILENAME)
    await expect(name).to_have_attribute("title", FILENAME)
    cut = await name.evaluate("(el) => el.scrollWidth > el.clientWidth || el.scrollHeight > el.clientHeight")
    assert not cut, "the attachment's name is cut although the card has room"


async def test_attachment_names_are_shown_in_full(
    new_tab: NewTab, api: httpx.AsyncClient, user: Account
) -> None:
    response = await api.post(
        "/api/v1/support/tickets",
        data={
            "type": "support",
            "title": "A screenshot with a long name",
            "description": "The attachment's name should be readable.",
        },
        files=[("files", (FILENAME, png(), "image/png"))],
        headers=user.bearer,
    )
    assert response.status_code == 201, response.text
    number = response.json()["ticket_number"]

    tab = await new_tab()
    await tab.login(user.email, user.password)
    await tab.goto(f"/support/tickets/{number}")
    await fully_shown(tab.page.get_by_test_id("attachment-name"))
    await expect(tab.page.get_by_role("link", name=FILENAME, exact=True)).to_be_visible()

    admin_tab = await new_tab()
    await admin_tab.login(ADMIN_EMAIL, ADMIN_PASSWORD)
    await admin_tab.goto(f"/admin/support/tickets/{number}")
    await fully_shown(admin_tab.page.get_by_test_id("attachment-name"))
    await admin_tab.shot("37-attachment-name")


async def test_the_reporter_sees_the_version_and_server_os_they_gave(
    new_tab: NewTab, api: httpx.AsyncClient, user: Account
) -> None:
    response = await api.post(
        "/api/v1/support/tickets",
        json={
            "type": "support",
            "title": "Library scan never finishes",
            "description": "The scan of the music library stops at 99 % every night.",
            "app_version": "1.4.0-rc2",
            "server_os": "Debian 13",
        },
        headers={**user.bearer, "user-agent": "Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0"},
    )
    assert response.status_code == 201, response.text
    number = response.json()["ticket_number"]

    tab = await new_tab()
    await tab.login(user.email, user.password)
    await tab.goto(f"/support/tickets/{number}")
    facts = tab.page.get_by_test_id("ticket-facts")
    await expect(facts).to_contain_text(re.compile(r"Revenge version\s*1\.4\.0-rc2"))
    await expect(facts).to_contain_text(re.compile(r"Server OS\s*Debian 13"))
    # The browser facts parsed from the user agent are for the support team only.
    await expect(facts).not_to_contain_text("Firefox")
    await tab.check("reporter ticket with version and OS")
    await tab.shot("43-reporter-ticket-version-os")
