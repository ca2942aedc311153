"""``/api/openapi.json`` (the merged description) and ``/api/docs`` (Swagger UI, served from the
``swagger-ui-bundle-v2`` package: no CDN, and no inline script, so the page passes our CSP)."""

from importlib.resources import files
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, JSONResponse

from gateway.openapi.source import MergedSpec
from shared.problems import NotFound

router = APIRouter(prefix="/api", include_in_schema=False)
STATIC = Path(__file__).parent / "static"
ASSET_CACHE = "public, max-age=86400"


def _swagger_ui_dir() -> Path:
    vendor = Path(str(files("swagger_ui_bundle") / "vendor"))
    return sorted(vendor.glob("swagger-ui-*"))[-1]


SWAGGER_UI = _swagger_ui_dir()
ASSETS: dict[str, Path] = {
    "swagger-ui.css": SWAGGER_UI / "swagger-ui.css",
    "swagger-ui-bundle.js": SWAGGER_UI / "swagger-ui-bundle.js",
    "favicon-32x32.png": SWAGGER_UI / "favicon-32x32.png",
    "docs.js": STATIC / "docs.js",
}


@router.get("/openapi.json")
async def openapi(request: Request) -> JSONResponse:
    merged: MergedSpec = request.app.state.merged_spec
    spec: dict[str, Any] = await merged.get()
    return JSONResponse(spec, headers={"Cache-Control": "no-cache"})


@router.get("/docs")
async def docs() -> FileResponse:
    return FileResponse(STATIC / "docs.html", media_type="text/html", headers={"Cache-Control": "no-cache"})


@router.get("/docs/assets/{name}")
async def docs_asset(name: str) -> FileResponse:
    path = ASSETS.get(name)
    if path is None:
        raise NotFound(f"No asset {name}.")
    return FileResponse(path, headers={"Cache-Control": ASSET_CACHE})
