"""Reverse proxy: streams bodies both ways and vouches for the caller with a fresh internal token."""

import httpx
from fastapi import Request
from fastapi.responses import StreamingResponse
from opentelemetry import propagate
from starlette.background import BackgroundTask

from gateway.dependencies import Caller
from gateway.internal_token import InternalTokenSigner
from gateway.proxy.routes import Route
from shared.internal_auth import INTERNAL_TOKEN_HEADER
from shared.problems import BadGateway, GatewayTimeout

HOP_BY_HOP = frozenset(
    {
        "connection",
        "keep-alive",
        "proxy-authenticate",
        "proxy-authorization",
        "te",
        "trailer",
        "transfer-encoding",
        "upgrade",
    }
)
# Credentials stay at the gateway: services get the internal token instead. What the gateway sets itself
# (forwarding facts, request id, trace context) replaces whatever the client sent.
NOT_FORWARDED = HOP_BY_HOP | {
    "host",
    "authorization",
    "cookie",
    INTERNAL_TOKEN_HEADER.lower(),
    "x-csrf-token",
    "forwarded",
    "x-forwarded-for",
    "x-forwarded-proto",
    "x-forwarded-host",
    "x-request-id",
    "traceparent",
    "tracestate",
    "baggage",
}
# The gateway's own server adds date and server, and its middleware the request id (the same value the
# service echoes): the service's copies would repeat them.
NOT_RETURNED = HOP_BY_HOP | {"set-cookie", "date", "server", "x-request-id"}


async def forward(
    request: Request,
    route: Route,
    caller: Caller | None,
    *,
    client: httpx.AsyncClient,
    signer: InternalTokenSigner,
    base_url: str,
    client_address: str,
) -> StreamingResponse:
    headers = [(k, v) for k, v in request.headers.items() if k.lower() not in NOT_FORWARDED]
    if caller is not None:
        token = signer.mint(
            user_id=caller.user.id,
            username=caller.user.username,
            role=caller.role,
            audience=route.service,
        )
        headers.append((INTERNAL_TOKEN_HEADER, token))
    headers.append(("x-request-id", request.state.request_id))
    headers.append(("x-forwarded-for", client_address))
    headers.append(("x-forwarded-proto", request.url.scheme))
    carrier: dict[str, str] = {}
    propagate.inject(carrier)
    headers.extend(carrier.items())

    has_body = "content-length" in request.headers or "transfer-encoding" in request.headers
    # The path exactly as the client encoded it: decoding it first would turn "%23" into a fragment.
    target = base_url + (request.scope.get("raw_path") or request.url.path.encode()).decode("latin-1")
    if request.scope.get("query_string"):
        target += "?" + request.scope["query_string"].decode("latin-1")
    upstream = client.build_request(
        request.method,
        httpx.URL(target),
        headers=headers,
        content=request.stream() if has_body else None,
    )
    try:
        response = await client.send(upstream, stream=True)
    except httpx.TimeoutException as exc:
        raise GatewayTimeout(
            f"The {route.service} service did not answer in time; try again shortly."
        ) from exc
    except httpx.TransportError as exc:
        raise BadGateway(f"The {route.service} service is unreachable right now.") from exc
    return StreamingResponse(
        response.aiter_raw(),
        status_code=response.status_code,
        headers={k: v for k, v in response.headers.items() if k.lower() not in NOT_RETURNED},
        background=BackgroundTask(response.aclose),
    )
