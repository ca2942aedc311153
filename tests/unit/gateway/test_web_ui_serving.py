"""``gateway.webui`` in-process (no browser, no services): what is served where, with which cache rule,
and the CSP hashes of the build's inline script and template style.

It lives with the browser tests because it is the UI's serving half; it needs neither Chromium nor the
product, so it is not marked ``browser``."""

import base64
import hashlib
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI

from gateway.webui import inline_script_hashes, mount_web_ui, style_attribute_hashes
from shared.problems import NotFound, install_problem_handlers

INDEX = (
    '<!doctype html><html><head><script src="/theme.js"></script></head>'
    "<body><div>\n<script>\n\t{ start(); }\n</script></div></body></html>"
)


def sha(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


@pytest.fixture
def build(tmp_path: Path) -> Path:
    (tmp_path / "_app" / "immutable" / "entry").mkdir(parents=True)
    (tmp_path / "index.html").write_text(INDEX)
    (tmp_path / "theme.js").write_text("/* theme */")
    (tmp_path / "_app" / "version.json").write_text('{"version":"1"}')
    (tmp_path / "_app" / "immutable" / "entry" / "app.abc123.js").write_text(
        'var t=Y(\'<div id="svelte-announcer" aria-live="assertive" '
        'style="position: absolute; left: 0"></div>\');'
    )
    (tmp_path.parent / "secret.txt").write_text("outside the build")
    return tmp_path


@pytest.fixture
async def client(build: Path) -> AsyncIterator[httpx.AsyncClient]:
    app = FastAPI()
    install_problem_handlers(app)

    @app.get("/api/v1/auth/me")
    async def me() -> dict[str, str]:
        return {"username": "jo"}

    @app.api_route("/api/v1/{path:path}", methods=["GET", "POST"])
    async def proxy(path: str) -> None:
        raise NotFound(f"No API at /api/v1/{path}.")

    mount_web_ui(app, build)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://ui") as c:
        yield c


class TestServing:
    async def test_client_routes_get_the_app_uncached(self, client: httpx.AsyncClient) -> None:
        for path in ("/", "/support/tickets/12", "/admin/support?view=mine", "/index.html"):
            response = await client.get(path)
            assert response.status_code == 200, path
            assert response.headers["content-type"].startswith("text/html")
            assert response.headers["cache-control"] == "no-cache"
            assert "start()" in response.text

    async def test_hashed_assets_are_cached_for_a_year(self, client: httpx.AsyncClient) -> None:
        response = await client.get("/_app/immutable/entry/app.abc123.js")
        assert response.status_code == 200
        assert response.headers["cache-control"] == "public, max-age=31536000, immutable"
        for path in ("/theme.js", "/_app/version.json"):
            assert (await client.get(path)).headers["cache-control"] == "no-cache"

    async def test_missing_assets_are_404_not_html(self, client: httpx.AsyncClient) -> None:
        for path in ("/_app/immutable/entry/gone.js", "/favicon.ico"):
            response = await client.get(path)
            assert response.status_code == 404, path
            assert response.headers["content-type"] == "application/problem+json"

    async def test_the_api_keeps_its_own_answers(self, client: httpx.AsyncClient) -> None:
        assert (await client.get("/api/v1/auth/me")).json() == {"username": "jo"}
        for method, path in (("GET", "/api/v2/nothing"), ("POST", "/api/nothing"), ("GET", "/api")):
            response = await client.request(method, path)
            assert response.status_code == 404, path
            assert response.json()["title"] == "Not Found"

    async def test_other_methods_on_pages_are_refused(self, client: httpx.AsyncClient) -> None:
        response = await client.post("/support/tickets")
        assert response.status_code == 405
        assert response.headers["allow"] == "GET, HEAD"

    async def test_nothing_outside_the_build_is_served(self, client: httpx.AsyncClient) -> None:
        for path in ("/../secret.txt", "/%2e%2e/secret.txt", "/.hidden", "/_app/../../secret.txt"):
            response = await client.get(path)
            assert "outside the build" not in response.text, path

    async def test_without_a_build_nothing_is_mounted(self, tmp_path: Path) -> None:
        app = FastAPI()
        mount_web_ui(app, tmp_path / "missing")
        assert not app.routes or all(getattr(r, "path", "") != "/{path:path}" for r in app.routes)


class TestCspHashes:
    def test_inline_scripts_are_hashed_as_written(self) -> None:
        assert inline_script_hashes(INDEX) == [sha("\n\t{ start(); }\n")]

    def test_external_and_data_scripts_are_left_out(self) -> None:
        html = (
            '<script src="/a.js"></script><script type="application/json">{"a":1}</script><script>x</script>'
        )
        assert inline_script_hashes(html) == [sha("x")]

    def test_template_style_attributes_are_hashed(self, build: Path) -> None:
        assert style_attribute_hashes(build) == [sha("position: absolute; left: 0")]


class TestGatewayPolicy:
    async def test_the_gateway_serves_the_ui_under_a_policy_that_admits_exactly_its_inline_code(
        self, build: Path
    ) -> None:
        from gateway.app import create_app
        from gateway.config import GatewaySettings

        app = create_app(GatewaySettings(web_dir=build))
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://gw") as client:
            page = await client.get("/support/new")
        assert page.status_code == 200
        policy = page.headers["content-security-policy"]
        script_src = next(d for d in policy.split(";") if d.strip().startswith("script-src"))
        assert script_src.split() == ["script-src", "'self'", sha("\n\t{ start(); }\n")]
        assert "'unsafe-hashes'" in policy
        assert sha("position: absolute; left: 0") in policy
        assert "'unsafe-inline'" not in policy
        assert "frame-ancestors 'none'" in policy
