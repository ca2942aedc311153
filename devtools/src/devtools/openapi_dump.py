"""Write the merged OpenAPI description (what the gateway serves at ``/api/openapi.json``) to a file,
without running anything: each service's ``create_app().openapi()`` is built in this process and merged
with the gateway's own merge code. The web UI generates its TypeScript API types from the file.

    uv run python -m devtools.openapi_dump [web/src/lib/api/openapi.json]
"""

from __future__ import annotations

import argparse
import importlib
import json
import logging
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, cast

from fastapi import FastAPI
from fastapi.routing import APIRoute

from devtools.stack import SERVICES

ROOT = Path(__file__).resolve().parents[3]
DEFAULT_OUT = ROOT / "web" / "src" / "lib" / "api" / "openapi.json"


def _create_app(module: str) -> FastAPI:
    factory = cast(Callable[[], FastAPI], importlib.import_module(f"{module}.app").create_app)
    return factory()


def merged_spec() -> dict[str, Any]:
    """The same description the gateway builds at run time from its upstreams' ``/openapi.json``."""
    from gateway.app import ROUTERS, create_app
    from gateway.openapi.access import route_access
    from gateway.openapi.merge import merge
    from gateway.proxy.routes import ROUTES

    access = {
        (route.path, method.lower()): route_access(route)
        for router in ROUTERS
        for route in router.routes
        if isinstance(route, APIRoute) and route.include_in_schema
        for method in route.methods or ()
    }
    modules = {spec.name: spec.module for spec in SERVICES}
    upstreams = {
        service: _create_app(modules[service]).openapi() for service in sorted({r.service for r in ROUTES})
    }
    return merge(create_app().openapi(), upstreams, lambda path, method: access[(path, method)])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("out", nargs="?", type=Path, default=DEFAULT_OUT, help=f"default: {DEFAULT_OUT}")
    args = parser.parse_args(argv)
    out: Path = args.out
    # The gateway warns when the web UI is not built yet; the UI is built from this file, after it.
    logging.getLogger("gateway.webui").setLevel(logging.ERROR)
    out.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(merged_spec(), indent=2, sort_keys=False, ensure_ascii=False) + "\n"
    # Written only when it changed, so tools watching the file (and make) see no false change.
    if not out.exists() or out.read_text(encoding="utf-8") != text:
        out.write_text(text, encoding="utf-8")
        print(f"wrote {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
