"""Browser tests: Debian's Chromium driven by Playwright against the whole running product, with the
gateway serving the built web UI. Every page visited is checked with axe-core (no serious or critical
violation) and for Content-Security-Policy violations; key screens are saved as screenshots."""

from collections.abc import AsyncIterator, Generator, Iterator

import httpx
import pytest
from playwright.async_api import (
    Browser,
    BrowserContext,
    Dialog,
    Error,
    Playwright,
    async_playwright,
    expect,
)

from support.accounts import ADMIN_EMAIL, ADMIN_PASSWORD, Account, login, signed_up
from support.browser import AXE, CHROMIUM, CHROMIUM_ARGS, DESKTOP, PHONE, SAVED, SHOTS, WATCH, NewTab, Tab
from support.product import Product, running_product
from support.web import WEB_BUILD

expect.set_options(timeout=15_000)


def _require_tools() -> None:
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install -y chromium")
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: npm --prefix web ci")
    if not (WEB_BUILD / "index.html").is_file():
        pytest.fail(f"the web UI is not built ({WEB_BUILD}): make web")
    SHOTS.mkdir(parents=True, exist_ok=True)


# Every browser test signs in and files tickets as several people, all from 127.0.0.1: at the gateway's
# per-address limits (10 logins a minute, 20 sign-ups and 30 tickets an hour) the suite would be refused
# halfway. The limits themselves are tested with the gateway (tests/integration/gateway).
ROOMY_LIMITS = {
    "RATE_LIMIT_LOGIN_PER_ADDRESS": "600/minute",
    "RATE_LIMIT_REGISTER_PER_ADDRESS": "600/hour",
    "RATE_LIMIT_TICKETS_PER_ADDRESS": "600/hour",
}


@pytest.fixture(autouse=True)
def screenshots_saved(request: pytest.FixtureRequest) -> Iterator[None]:
    """Each browser test keeps screenshots of its key screens under test-artifacts/browser/."""
    before = len(SAVED)
    yield
    failed = getattr(request.node, "rep_call", None)
    if failed is None or failed.passed:
        assert len(SAVED) > before, f"{request.node.name} saved no screenshot (Tab.shot)"


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    report = yield
    if report.when == "call":
        item.rep_call = report  # type: ignore[attr-defined]
    return report


@pytest.fixture(scope="session")
async def web() -> AsyncIterator[Product]:
    _require_tools()
    with pytest.MonkeyPatch.context() as env:
        for name, value in ROOMY_LIMITS.items():
            env.setenv(name, value)
        async with running_product("browser") as product:
            yield product


@pytest.fixture(scope="session")
async def playwright() -> AsyncIterator[Playwright]:
    async with async_playwright() as p:
        yield p


@pytest.fixture(scope="session")
async def browser(playwright: Playwright) -> AsyncIterator[Browser]:
    _require_tools()
    browser = await playwright.chromium.launch(
        executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
    )
    yield browser
    await browser.close()


@pytest.fixture
async def api(web: Product) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=web.gateway, timeout=30.0, trust_env=False) as client:
        yield client


@pytest.fixture
async def admin(api: httpx.AsyncClient) -> Account:
    return await login(api, ADMIN_EMAIL, ADMIN_PASSWORD)


@pytest.fixture
async def user(api: httpx.AsyncClient) -> Account:
    return await signed_up(api)


@pytest.fixture
async def new_tab(browser: Browser, web: Product) -> AsyncIterator[NewTab]:
    contexts: list[BrowserContext] = []

    async def make(*, phone: bool = False, dark: bool = False) -> Tab:
        context = await browser.new_context(
            viewport=PHONE if phone else DESKTOP,
            color_scheme="dark" if dark else "light",
            is_mobile=phone,
            has_touch=phone,
        )
        # Init scripts run through the DevTools protocol, so the page's CSP does not apply to them.
        await context.add_init_script(path=AXE)
        await context.add_init_script(script=WATCH)
        contexts.append(context)
        page = await context.new_page()
        tab = Tab(page, web.gateway)

        async def on_dialog(dialog: Dialog) -> None:
            tab.dialogs.append(dialog.message)
            await dialog.dismiss()

        def on_error(error: Error) -> None:
            tab.errors.append(str(error))

        page.on("dialog", on_dialog)
        page.on("pageerror", on_error)
        return tab

    yield make
    for context in contexts:
        await context.close()
