"""Security headers on every response the gateway sends, its own and those it forwards."""

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from gateway.config import GatewaySettings

CSP = b"content-security-policy"


def security_headers(settings: GatewaySettings) -> list[tuple[bytes, bytes]]:
    headers = {
        "content-security-policy": settings.content_security_policy,
        "x-content-type-options": "nosniff",
        # Full referrer within the site, nothing to other sites (no paths, no tokens in them).
        "referrer-policy": "same-origin",
        # For browsers that predate CSP's frame-ancestors.
        "x-frame-options": "DENY",
        "cross-origin-opener-policy": "same-origin",
        "permissions-policy": "camera=(), microphone=(), geolocation=(), payment=()",
    }
    if settings.public_url.startswith("https://"):
        headers["strict-transport-security"] = "max-age=31536000"
    return [(k.encode(), v.encode()) for k, v in headers.items()]


class SecurityHeadersMiddleware:
    """Sets the security headers (replacing any an upstream sent, except a Content-Security-Policy: a
    service that sets one, like the sandbox on attachment downloads, is stricter than ours) and, on API
    answers that carry none, ``Cache-Control: no-store``: they are per person and may hold tokens."""

    def __init__(self, app: ASGIApp, settings: GatewaySettings) -> None:
        self.app = app
        self.headers = security_headers(settings)
        self.names = {name for name, _ in self.headers}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        is_api = scope["path"].startswith("/api/")

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                original = message.get("headers", [])
                own_csp = any(k.lower() == CSP for k, _ in original)
                kept = [
                    (k, v)
                    for k, v in original
                    if k.lower() not in self.names or (own_csp and k.lower() == CSP)
                ]
                if is_api and not any(k.lower() == b"cache-control" for k, _ in kept):
                    kept.append((b"cache-control", b"no-store"))
                message["headers"] = kept + [(k, v) for k, v in self.headers if not (own_csp and k == CSP)]
            await send(message)

        await self.app(scope, receive, send_with_headers)
