import httpx
from fastapi import APIRouter, Request
from fastapi.responses import StreamingResponse

from gateway.dependencies import OptionalCaller, RateLimiter, Settings
from gateway.internal_token import InternalTokenSigner
from gateway.net import ClientAddress
from gateway.proxy.forward import forward
from gateway.proxy.limits import limited_action
from gateway.proxy.routes import find_route, safe_path, upstream_url
from shared.problems import Forbidden, NotFound, Unauthorized

router = APIRouter(include_in_schema=False)
METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]


async def _proxy(
    request: Request,
    caller: OptionalCaller,
    settings: Settings,
    limiter: RateLimiter,
    address: ClientAddress,
) -> StreamingResponse:
    path = safe_path(request.scope)
    route = find_route(path) if path is not None else None
    if route is None:
        raise NotFound(f"No API at {request.url.path}.")
    if route.access != "public" and caller is None:
        raise Unauthorized("Log in first.", headers={"WWW-Authenticate": "Bearer"})
    if route.access == "admin" and (caller is None or caller.role != "admin"):
        raise Forbidden("This needs the admin role.")
    action = limited_action(request.method, request.url.path)
    if action is not None and caller is not None:
        await limiter.check(
            f"{action.name}-user", str(caller.user.id), action.per_user(settings), action.detail
        )
        await limiter.check(f"{action.name}-address", address, action.per_address(settings), action.detail)
    client: httpx.AsyncClient = request.app.state.http
    signer: InternalTokenSigner = request.app.state.signer
    return await forward(
        request,
        route,
        caller if route.access != "public" else None,
        client=client,
        signer=signer,
        base_url=upstream_url(settings, route.service),
        client_address=address,
    )


router.add_api_route("/api/v1/{path:path}", _proxy, methods=METHODS)
router.add_api_route("/integrations/{path:path}", _proxy, methods=METHODS)
