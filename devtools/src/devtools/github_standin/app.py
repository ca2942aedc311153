"""The stand-in as an ASGI app: GitHub's REST API (the part github-sync uses) plus ``/_standin``."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI, Request, Response
from fastapi.responses import JSONResponse

from devtools.github_standin import inspection, pages, pipeline
from devtools.github_standin.calls import StandIn
from devtools.github_standin.spec import Spec, load_spec

_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"]
_READ = ("GET", "HEAD")


def create_app(
    *,
    token: str | None = None,
    spec: Spec | None = None,
    state_file: Path | None = None,
    local_pages: bool = False,
) -> FastAPI:
    """A stand-in, empty unless ``state_file`` holds what an earlier one saved.

    ``token``: when set, every GitHub API request must carry ``Authorization: Bearer <token>``
    (or ``token <token>``). ``spec``: defaults to the published description, loaded once per
    process. ``state_file``: repositories, issues and comments are loaded from it and written to it
    after every change (None: in memory only). ``local_pages``: issues' ``html_url`` is the stand-in's
    own page (``<base>/<owner>/<repo>/issues/<n>``) rather than https://github.com. The ``StandIn``
    state is reachable as ``app.state.standin``.
    """
    standin = StandIn(spec or load_spec(), token, state_file=state_file, local_pages=local_pages)
    # no /docs or /openapi.json: every other path outside /_standin belongs to GitHub's API
    app = FastAPI(title="GitHub stand-in", docs_url=None, redoc_url=None, openapi_url=None)
    app.state.standin = standin
    app.include_router(inspection.router(standin))
    app.include_router(pages.router(standin))

    async def github(request: Request) -> Response:
        reply = await pipeline.handle(
            standin,
            pipeline.Request(
                method=request.method,
                path=request.url.path,
                query=dict(request.query_params),
                headers={k.lower(): v for k, v in request.headers.items()},
                raw=await request.body(),
                base=inspection.base_url(request),
            ),
        )
        if request.method not in _READ:
            standin.save()
        if reply.body is None:
            return Response(status_code=reply.status, headers=reply.headers)
        return JSONResponse(reply.body, status_code=reply.status, headers=reply.headers)

    app.add_api_route("/{path:path}", github, methods=_METHODS, include_in_schema=False)
    return app
