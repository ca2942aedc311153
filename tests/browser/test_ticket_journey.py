"""A ticket's journey through the UI, as the issue tells it: a user files a bug (Markdown, a dragged-in PNG,
a draft that survives a reload), an admin triages it on the board (assign, drag, internal note, public
reply, resolve), and the user sees the reply but not the note and accepts the resolution."""

import re
import uuid
from dataclasses import dataclass

import pytest
from playwright.async_api import expect

from support.accounts import ADMIN_EMAIL, ADMIN_PASSWORD
from support.browser import NewTab, png

pytestmark = pytest.mark.browser

TITLE = "Playback stutters on Chrome after ten seconds"
DESCRIPTION = (
    "**Every** 4K movie stutters.\n\n"
    "1. Open any 4K movie\n2. Wait ten seconds\n\n"
    "| Browser | Result |\n|---|---|\n| Chrome 131 | stutters |\n| Firefox | fine |\n"
)
NOTE = "Internal: reproduced on the staging box, codec bug."
REPLY = "Thanks! Fixed in 1.2.4, please update."


@dataclass
class Journey:
    email: str = ""
    password: str = ""
    number: int = 0


JOURNEY = Journey()


async def test_user_files_a_bug_with_a_dragged_png_and_markdown(new_tab: NewTab) -> None:
    tab = await new_tab()
    page = tab.page
    tag = uuid.uuid4().hex[:8]
    JOURNEY.email, JOURNEY.password = f"jo-{tag}@example.com", f"violet tractor {tag} lamp"

    await tab.goto("/register")
    await tab.check("register")
    await page.get_by_label("Email").fill(JOURNEY.email)
    await page.get_by_label("Username").fill(f"jo-{tag}")
    await page.get_by_label("Password").fill(JOURNEY.password)
    await page.get_by_role("button", name="Create account").click()
    await expect(page).to_have_url(re.compile(r"/support/tickets$"))
    await expect(page.get_by_test_id("empty-state")).to_contain_text("No tickets yet")
    await tab.check("empty ticket list")
    await tab.shot("01-user-no-tickets")

    await page.get_by_test_id("empty-state").get_by_role("link", name="New ticket").click()
    await expect(page).to_have_url(re.compile(r"/support/new$"))
    await page.get_by_text("Bug report", exact=True).click()
    # Validation as you type, with the server's rule (at least 10 characters).
    title = page.get_by_test_id("title-input")
    await title.fill("Stutter")
    await expect(title).to_have_attribute("aria-invalid", "true")
    await expect(page.locator("#title-error")).to_contain_text("at least 10 characters")
    await title.fill(TITLE)
    await expect(title).not_to_have_attribute("aria-invalid", "true")
    await page.get_by_test_id("markdown-input").fill(DESCRIPTION)
    preview = page.get_by_test_id("markdown-preview")
    await expect(preview.locator("strong")).to_have_text("Every")
    await expect(preview.locator("table td").first).to_have_text("Chrome 131")
    await page.get_by_text("High", exact=True).click()
    await tab.drop_files("[data-testid=dropzone]", [("stutter.png", "image/png", png())])
    await expect(page.get_by_test_id("picked-file-name")).to_have_text("stutter.png")
    # Type and size are checked before anything is sent.
    await tab.drop_files("[data-testid=dropzone]", [("notes.pdf", "application/pdf", b"%PDF-1.7")])
    await expect(page.get_by_test_id("rejected-files")).to_contain_text("notes.pdf")
    await tab.check("new ticket form")
    await tab.shot("02-new-ticket-with-preview")

    # Mid-draft reload: the draft comes back (attachments are not kept in drafts).
    await page.reload()
    await expect(page.get_by_test_id("draft-restored")).to_be_visible()
    await expect(page.get_by_test_id("title-input")).to_have_value(TITLE)
    await expect(page.get_by_test_id("markdown-input")).to_have_value(DESCRIPTION.strip("\n") + "\n")
    await expect(page.locator("#severity-high")).to_be_checked()
    await tab.shot("03-draft-restored")
    await tab.drop_files("[data-testid=dropzone]", [("stutter.png", "image/png", png())])
    await expect(page.get_by_test_id("picked-file-name")).to_have_text("stutter.png")

    await page.get_by_test_id("submit-ticket").click()
    await expect(page).to_have_url(re.compile(r"/support/tickets/\d+$"))
    JOURNEY.number = int(page.url.rsplit("/", 1)[1])
    await expect(page.get_by_test_id("ticket-title")).to_have_text(TITLE)
    await expect(page.get_by_test_id("ticket-description").locator("table")).to_be_visible()
    await expect(page.get_by_role("img", name="Attachment stutter.png")).to_be_visible()
    await tab.check("ticket detail (user)")
    await tab.shot("04-user-ticket-detail")

    await page.get_by_role("link", name="My tickets").first.click()
    row = page.locator(f"[data-testid=ticket-row][data-number='{JOURNEY.number}']")
    await expect(row).to_contain_text(TITLE)
    await expect(row.get_by_test_id("status-badge")).to_have_text("Open")
    await tab.check("ticket list")
    await tab.shot("05-user-ticket-list")

    # The draft is gone once the ticket is filed.
    await tab.goto("/support/new")
    await expect(page.get_by_test_id("title-input")).to_have_value("")
    await expect(page.get_by_test_id("draft-restored")).to_have_count(0)


async def test_admin_assigns_drags_notes_and_replies(new_tab: NewTab) -> None:
    assert JOURNEY.number, "the filing test did not run"
    tab = await new_tab()
    page = tab.page
    await tab.login(ADMIN_EMAIL, ADMIN_PASSWORD)
    await expect(page).to_have_url(re.compile(r"/admin/support$"))

    card = page.locator(f"[data-testid=ticket-card][data-number='{JOURNEY.number}']")
    await expect(page.locator("[data-testid=column][data-status=open]").locator(card)).to_be_visible()
    await tab.check("board, Unassigned")
    await tab.shot("06-admin-board-unassigned")

    await card.hover()
    await card.get_by_test_id("ticket-menu").click()
    await page.get_by_test_id("menu-assign").click()
    await page.get_by_test_id("assign-me").click()
    await expect(card).to_have_count(0)  # assigned: it leaves the Unassigned view

    await page.get_by_test_id("view-mine").click()
    await expect(page).to_have_url(re.compile(r"view=mine"))
    await expect(card.get_by_test_id("card-assignee")).to_have_text("admin")
    target = page.locator("[data-testid=column][data-status=in_progress]")
    await card.drag_to(target)
    await expect(target.locator(card)).to_be_visible()
    await expect(page.get_by_test_id("toast").filter(has_text="is now In progress")).to_be_visible()
    await tab.check("board, Assigned to me")
    await tab.shot("07-admin-board-dragged")

    await card.get_by_test_id("card-title").click()
    await expect(page).to_have_url(re.compile(rf"/admin/support/tickets/{JOURNEY.number}$"))
    composer = page.locator("[data-testid=composer]").last
    await composer.get_by_role("radio", name="Internal note").click()
    await composer.get_by_test_id("comment-input").fill(NOTE)
    await composer.get_by_role("button", name="Add internal note").click()
    note = page.locator("[data-testid=comment][data-internal=true]")
    await expect(note).to_contain_text(NOTE)
    await expect(note.get_by_test_id("internal-badge")).to_be_visible()

    composer = page.locator("[data-testid=composer]").last
    await composer.get_by_role("radio", name="Public reply").click()
    await composer.get_by_test_id("comment-input").fill(REPLY)
    await composer.get_by_role("button", name="Send reply").click()
    await expect(page.locator("[data-testid=comment][data-internal=false]")).to_contain_text(REPLY)

    await page.get_by_test_id("tb-status").select_option("resolved")
    await expect(page.get_by_test_id("ticket-facts").get_by_test_id("status-badge")).to_have_text("Resolved")
    await tab.check("ticket detail (admin)")
    await tab.shot("08-admin-ticket-detail")


async def test_user_sees_the_reply_not_the_note_and_accepts(new_tab: NewTab) -> None:
    assert JOURNEY.number, "the filing test did not run"
    tab = await new_tab()
    page = tab.page
    await tab.login(JOURNEY.email, JOURNEY.password)
    await tab.goto(f"/support/tickets/{JOURNEY.number}")
    await expect(page.get_by_test_id("conversation")).to_contain_text(REPLY)
    await expect(page.get_by_text(NOTE)).to_have_count(0)
    await expect(page.locator("[data-testid=comment][data-internal=true]")).to_have_count(0)
    await expect(page.get_by_test_id("timeline-item")).to_have_count(3)  # filed, in progress, resolved
    await tab.check("resolved ticket (user)")
    await tab.shot("09-user-sees-reply")

    await page.get_by_test_id("accept-resolution").click()
    await expect(page.get_by_test_id("ticket-facts").get_by_test_id("status-badge")).to_have_text("Closed")
    await expect(page.get_by_test_id("reopen")).to_be_visible()
    await tab.check("closed ticket (user)")
    await tab.shot("10-user-accepted")
