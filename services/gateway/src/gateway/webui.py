"""The web UI: a static SvelteKit single-page app (``web/build``) served by the gateway at ``/``.

* ``/_app/immutable/…`` holds content-hashed files: cached for a year, never revalidated.
* Any other file of the build (``favicon.svg``, ``theme.js``, ``_app/version.json``) is revalidated on use.
* Every other page path answers ``index.html`` (``no-cache``), so client-side routes survive a reload.
* ``/api/…`` and ``/integrations/…`` are never the UI's: an unknown one stays the gateway's 404
  problem+json, whatever the method.

Call ``mount_web_ui`` after every router is included: its catch-all route must come last.
"""

import base64
import hashlib
import html
import logging
import re
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath

from fastapi import FastAPI, Request
from fastapi.responses import FileResponse, Response

from shared.problems import DomainError, NotFound

logger = logging.getLogger(__name__)

INDEX = "index.html"
IMMUTABLE = PurePosixPath("_app/immutable")
IMMUTABLE_CACHE = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"
# Paths that belong to the API, never to the UI (the proxy owns /api/v1/*; the rest is unknown).
NOT_UI = ("/api", "/integrations")
READ = frozenset({"GET", "HEAD"})
ALL_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]
# A static style attribute inside a compiled template (Svelte builds DOM from HTML strings).
TEMPLATE_STYLE = re.compile(r"<[a-zA-Z][^<>'`]*?\sstyle=\"([^\"<>]*)\"")
JS_TYPES = frozenset({"", "module", "text/javascript", "application/javascript", "text/ecmascript"})


class MethodNotAllowed(DomainError):
    status = 405
    slug = "method-not-allowed"


def _is_api(path: str) -> bool:
    return any(path == prefix or path.startswith(prefix + "/") for prefix in NOT_UI)


def _file_in(root: Path, path: str) -> Path | None:
    """The build's file for a URL path, or None (also for anything that would climb out of it)."""
    relative = PurePosixPath(path.lstrip("/"))
    if not relative.parts or any(part in ("..", ".") or part.startswith(".") for part in relative.parts):
        return None
    candidate = (root / relative).resolve()
    if not candidate.is_relative_to(root) or not candidate.is_file():
        return None
    return candidate


def mount_web_ui(app: FastAPI, build_dir: Path) -> None:
    """Serve the built SPA in ``build_dir`` at ``/``. Without a build (``index.html`` missing) nothing is
    mounted and a warning says how to build it: the API keeps working."""
    root = build_dir.resolve()
    index = root / INDEX
    if not index.is_file():
        logger.warning("no web UI at %s (build it: `npm --prefix web run build`); serving the API only", root)
        return
    app.state.web_ui_dir = root

    async def web_ui(request: Request) -> Response:
        path = request.url.path
        if _is_api(path):
            raise NotFound(f"No API at {path}.")
        if request.method not in READ:
            raise MethodNotAllowed(f"{request.method} is not allowed here.", headers={"Allow": "GET, HEAD"})
        found = _file_in(root, path)
        if found is not None and found != index:
            relative = PurePosixPath(found.relative_to(root).as_posix())
            immutable = relative.parts[: len(IMMUTABLE.parts)] == IMMUTABLE.parts
            cache = IMMUTABLE_CACHE if immutable else REVALIDATE
            return FileResponse(found, headers={"Cache-Control": cache})
        leaf = PurePosixPath(path).name
        # A missing build file (a stale hashed chunk, a typo'd asset) is a 404, not the app's HTML: a
        # module script answered with text/html fails in a way nobody can read.
        if path.startswith("/_app/") or ("." in leaf and not leaf.endswith(".html")):
            raise NotFound(f"No file at {path}.")
        return FileResponse(index, media_type="text/html", headers={"Cache-Control": REVALIDATE})

    app.add_api_route("/{path:path}", web_ui, methods=ALL_METHODS, include_in_schema=False)


class _InlineScripts(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.scripts: list[str] = []
        self._current: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag != "script":
            return
        attributes = {name.lower(): (value or "") for name, value in attrs}
        inline_js = "src" not in attributes and attributes.get("type", "").strip().lower() in JS_TYPES
        self._current = [] if inline_js else None

    def handle_data(self, data: str) -> None:
        if self._current is not None:
            self._current.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._current is not None:
            self.scripts.append("".join(self._current))
            self._current = None


def inline_script_hashes(html: str) -> list[str]:
    """The CSP sources (``'sha256-…'``) that allow the inline scripts of ``html`` (SvelteKit's bootstrap),
    in document order, without repeats. A browser hashes the script's text exactly as written (UTF-8)."""
    parser = _InlineScripts()
    parser.feed(html)
    parser.close()
    hashes: list[str] = []
    for script in parser.scripts:
        source = _sha256_source(script)
        if source not in hashes:
            hashes.append(source)
    return hashes


def _sha256_source(text: str) -> str:
    digest = base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")
    return f"'sha256-{digest}'"


def style_attribute_hashes(build_dir: Path) -> list[str]:
    """The CSP sources for the static ``style="…"`` attributes in the build's compiled templates.

    SvelteKit's route announcer (a visually hidden live region that tells screen readers a page changed)
    carries one; without ``style-src 'unsafe-hashes' <hash>`` the CSP blocks it and the announcer shows
    on screen. Only exact attribute values are allowed, nothing else inline."""
    hashes: list[str] = []
    immutable = build_dir / IMMUTABLE
    for script in sorted(immutable.rglob("*.js")) if immutable.is_dir() else []:
        for value in TEMPLATE_STYLE.findall(script.read_text(encoding="utf-8")):
            source = _sha256_source(html.unescape(value))
            if source not in hashes:
                hashes.append(source)
    return hashes


def policy_for(build_dir: Path, policy: str) -> str:
    """``policy`` plus the hashes of the UI's inline bootstrap script and of the static style attribute
    SvelteKit's route announcer carries, so the strict policy (no 'unsafe-inline') lets the UI run."""
    index = build_dir / INDEX
    if not index.is_file():
        return policy
    scripts = " ".join(inline_script_hashes(index.read_text(encoding="utf-8")))
    styles = " ".join(style_attribute_hashes(build_dir))
    if scripts:
        policy = policy.replace("script-src 'self'", f"script-src 'self' {scripts}", 1)
    if styles:
        policy = policy.replace("style-src 'self'", f"style-src 'self' 'unsafe-hashes' {styles}", 1)
    return policy
