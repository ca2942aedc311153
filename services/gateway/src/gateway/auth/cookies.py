"""The session cookie (HttpOnly) and the CSRF cookie the web UI reads and echoes."""

from datetime import datetime

from fastapi import Response

from gateway.config import GatewaySettings


def set_session_cookies(
    response: Response, settings: GatewaySettings, token: str, csrf_token: str, expires_at: datetime
) -> None:
    for name, value, http_only in (
        (settings.session_cookie, token, True),
        # Readable by the web UI's script, which echoes it in X-CSRF-Token.
        (settings.csrf_cookie, csrf_token, False),
    ):
        response.set_cookie(
            name,
            value,
            expires=expires_at,
            httponly=http_only,
            secure=settings.secure_cookies,
            samesite="lax",
            path="/",
        )


def clear_session_cookies(response: Response, settings: GatewaySettings) -> None:
    for name in (settings.session_cookie, settings.csrf_cookie):
        response.delete_cookie(name, path="/", secure=settings.secure_cookies, samesite="lax")
