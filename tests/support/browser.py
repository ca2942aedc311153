"""What the browser tests share: Chromium's flags, a page with its checks (axe-core, CSP, dialogs),
screenshots, dropping files, a real PNG, and tickets made through the API."""

import base64
import re
import struct
import zlib
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
from playwright.async_api import Page, ViewportSize, expect

from support.accounts import ADMIN_EMAIL, ADMIN_PASSWORD, Account
from support.product import ARTIFACTS

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
AXE = ROOT / "web" / "node_modules" / "axe-core" / "axe.min.js"
SHOTS = ARTIFACTS / "browser"
# Names of the screenshots saved so far in this run (each browser test must add at least one).
SAVED: list[str] = []
# Without the background-networking flags Chromium's own connections are refused in this sandbox.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DESKTOP = ViewportSize(width=1440, height=960)
PHONE = ViewportSize(width=390, height=844)
# Records CSP violations and dialogs (a fired alert() would mean injected script ran).
WATCH = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (e) => {
  const where = `${e.sourceFile}:${e.lineNumber}`;
  window.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} (${where})`);
});
"""


def png(width: int = 48, height: int = 32, rgb: tuple[int, int, int] = (79, 70, 229)) -> bytes:
    """A real PNG (signature, IHDR, IDAT, IEND): the tickets service checks attachments by content."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    row = b"\x00" + bytes(rgb) * width
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", zlib.compress(row * height))
        + chunk(b"IEND", b"")
    )


@dataclass
class Tab:
    """A page plus what the tests check on every screen."""

    page: Page
    base: str
    dialogs: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    async def goto(self, path: str) -> None:
        await self.page.goto(self.base + path)

    async def check(self, label: str) -> None:
        """axe-core finds no serious or critical violation, and the CSP blocked nothing."""
        await self.page.wait_for_load_state("networkidle")
        result: dict[str, Any] = await self.page.evaluate(
            "async () => await axe.run(document, { resultTypes: ['violations'] })"
        )
        bad = [v for v in result["violations"] if v.get("impact") in ("serious", "critical")]
        report = [
            f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:5]}" for v in bad
        ]
        assert not report, f"axe on {label}:\n" + "\n".join(report)
        violations = await self.page.evaluate("window.__cspViolations")
        assert not violations, f"CSP violations on {label}: {violations}"
        assert not self.dialogs, f"a dialog opened on {label}: {self.dialogs}"

    async def shot(self, name: str) -> None:
        await self.page.evaluate("window.scrollTo(0, 0)")
        await self.page.screenshot(path=SHOTS / f"{name}.png", full_page=True)
        SAVED.append(name)

    async def login(self, email: str, password: str) -> None:
        await self.goto("/login")
        await self.page.get_by_label("Email").fill(email)
        await self.page.get_by_label("Password").fill(password)
        await self.page.get_by_role("button", name="Sign in", exact=True).click()
        await expect(self.page).not_to_have_url(re.compile(r"/login"))

    async def drop_files(self, selector: str, files: list[tuple[str, str, bytes]]) -> None:
        """Drop files onto an element as a person dragging them in from their desktop would."""
        payload = [[name, mime, base64.b64encode(data).decode()] for name, mime, data in files]
        transfer = await self.page.evaluate_handle(
            """(files) => {
                const dt = new DataTransfer();
                for (const [name, type, b64] of files) {
                    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
                    dt.items.add(new File([bytes], name, { type }));
                }
                return dt;
            }""",
            payload,
        )
        for event in ("dragenter", "dragover", "drop"):
            await self.page.dispatch_event(selector, event, {"dataTransfer": transfer})


NewTab = Callable[..., Awaitable[Tab]]


async def create_ticket(api: httpx.AsyncClient, account: Account, **fields: Any) -> dict[str, Any]:
    body = {
        "type": "support",
        "title": "A question about the library scan",
        "description": "How often does the library scan run, and can I start it by hand?",
        **fields,
    }
    response = await api.post("/api/v1/support/tickets", json=body, headers=account.bearer)
    assert response.status_code == 201, response.text
    ticket: dict[str, Any] = response.json()
    return ticket


async def triage_tab(
    new_tab: NewTab, api: httpx.AsyncClient, reporter: Account, **fields: Any
) -> tuple[Tab, int]:
    """``reporter`` files a ticket through the API; a new tab is signed in as the first admin (on the
    board). Returns the tab and the ticket's number."""
    ticket = await create_ticket(api, reporter, **fields)
    tab = await new_tab()
    await tab.login(ADMIN_EMAIL, ADMIN_PASSWORD)
    return tab, int(ticket["ticket_number"])
