import httpx
from fastapi import APIRouter, Request
from fastapi.responses import StreamingResponse

from gateway.dependencies import OptionalCaller, Settings
from gateway.internal_token import InternalTokenSigner
from gateway.proxy.forward import forward
from gateway.proxy.routes import find_route, upstream_url
from shared.problems import Forbidden, NotFound, Unauthorized

router = APIRouter(include_in_schema=False)
METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]


async def _proxy(request: Request, caller: OptionalCaller, settings: Settings) -> StreamingResponse:
    route = find_route(request.url.path)
    if route is None:
        raise NotFound(f"No API at {request.url.path}.")
    if route.access != "public" and caller is None:
        raise Unauthorized("Log in first.", headers={"WWW-Authenticate": "Bearer"})
    if route.access == "admin" and (caller is None or caller.user.role != "admin"):
        raise Forbidden("This needs the admin role.")
    client: httpx.AsyncClient = request.app.state.http
    signer: InternalTokenSigner = request.app.state.signer
    return await forward(
        request,
        route,
        caller if route.access != "public" else None,
        client=client,
        signer=signer,
        base_url=upstream_url(settings, route.service),
    )


router.add_api_route("/api/v1/{path:path}", _proxy, methods=METHODS)
router.add_api_route("/integrations/{path:path}", _proxy, methods=METHODS)
