"""The stand-in as an ASGI app: GitHub's REST API (the part github-sync uses) plus ``/_standin``."""

from __future__ import annotations

from fastapi import FastAPI, Request, Response
from fastapi.responses import JSONResponse

from devtools.github_standin import inspection, pipeline
from devtools.github_standin.calls import StandIn
from devtools.github_standin.spec import Spec, load_spec

_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"]


def create_app(*, token: str | None = None, spec: Spec | None = None) -> FastAPI:
    """A fresh, empty stand-in.

    ``token``: when set, every GitHub API request must carry ``Authorization: Bearer <token>``
    (or ``token <token>``). ``spec``: defaults to the published description, loaded once per
    process. The ``StandIn`` state is reachable as ``app.state.standin``.
    """
    standin = StandIn(spec or load_spec(), token)
    # no /docs or /openapi.json: every path outside /_standin belongs to GitHub's API
    app = FastAPI(title="GitHub stand-in", docs_url=None, redoc_url=None, openapi_url=None)
    app.state.standin = standin
    app.include_router(inspection.router(standin))

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
        if reply.body is None:
            return Response(status_code=reply.status, headers=reply.headers)
        return JSONResponse(reply.body, status_code=reply.status, headers=reply.headers)

    app.add_api_route("/{path:path}", github, methods=_METHODS, include_in_schema=False)
    return app
