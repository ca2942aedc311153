"""The provider's HTTP side: discovery, authorize, token, JWKS, userinfo, and test controls."""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import time
from typing import Annotated, Any
from urllib.parse import unquote, urlencode

from fastapi import FastAPI, Form, Header, Query, Response
from fastapi.responses import JSONResponse, RedirectResponse
from pydantic import BaseModel

from devtools.oidc_provider.state import Fault, Grant, OidcPerson, ProviderState


class FaultsIn(BaseModel):
    faults: list[Fault]


def _oauth_error(error: str, description: str, status: int = 400) -> JSONResponse:
    return JSONResponse({"error": error, "error_description": description}, status_code=status)


def _client_credentials(
    authorization: str | None, form_id: str | None, form_secret: str | None
) -> tuple[str, str]:
    if authorization and authorization.lower().startswith("basic "):
        raw = base64.b64decode(authorization[6:]).decode()
        client_id, _, secret = raw.partition(":")
        return unquote(client_id), unquote(secret)
    return form_id or "", form_secret or ""


def create_app(*, issuer: str, client_id: str, client_secret: str, redirect_uris: list[str]) -> FastAPI:
    state = ProviderState(issuer.rstrip("/"), client_id, client_secret, redirect_uris)
    app = FastAPI(title="devtools OIDC provider", docs_url=None, redoc_url=None)
    app.state.provider = state

    @app.get("/.well-known/openid-configuration")
    async def discovery() -> dict[str, Any]:
        base = state.issuer
        return {
            "issuer": base,
            "authorization_endpoint": f"{base}/authorize",
            "token_endpoint": f"{base}/token",
            "jwks_uri": f"{base}/jwks",
            "userinfo_endpoint": f"{base}/userinfo",
            "response_types_supported": ["code"],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "code_challenge_methods_supported": ["S256"],
            "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post"],
            "scopes_supported": ["openid", "email", "profile"],
        }

    @app.get("/authorize", response_model=None)
    async def authorize(
        response_type: str = "",
        client_id: str = "",
        redirect_uri: str = "",
        scope: str = "",
        state_: Annotated[str | None, Query(alias="state")] = None,
        nonce: str | None = None,
        code_challenge: str | None = None,
        code_challenge_method: str | None = None,
    ) -> Response:
        # Never redirect to an unregistered URI: that is how codes get stolen.
        if client_id != state.client_id or redirect_uri not in state.redirect_uris:
            return _oauth_error("invalid_request", "unknown client or redirect_uri")

        def back(**params: str) -> RedirectResponse:
            if state_ is not None:
                params["state"] = state_
            return RedirectResponse(f"{redirect_uri}?{urlencode(params)}", status_code=302)

        if response_type != "code" or "openid" not in scope.split():
            return back(error="invalid_request", error_description="response_type=code and scope openid")
        if not code_challenge or code_challenge_method != "S256":
            return back(error="invalid_request", error_description="PKCE with S256 is required")
        if state.person is None:
            return back(error="access_denied", error_description="nobody is signed in at the provider")
        grant = Grant(redirect_uri, code_challenge, nonce, state.person, time.monotonic() + 60)
        return back(code=state.issue_code(grant))

    @app.post("/token", response_model=None)
    async def token(
        grant_type: Annotated[str, Form()] = "",
        code: Annotated[str, Form()] = "",
        redirect_uri: Annotated[str, Form()] = "",
        code_verifier: Annotated[str, Form()] = "",
        client_id: Annotated[str | None, Form()] = None,
        client_secret: Annotated[str | None, Form()] = None,
        authorization: Annotated[str | None, Header()] = None,
    ) -> JSONResponse:
        state.token_requests.append({"code_verifier": code_verifier, "redirect_uri": redirect_uri})
        cid, secret = _client_credentials(authorization, client_id, client_secret)
        if cid != state.client_id or not hmac.compare_digest(secret, state.client_secret):
            return _oauth_error("invalid_client", "client authentication failed", 401)
        if grant_type != "authorization_code":
            return _oauth_error("unsupported_grant_type", grant_type)
        grant = state.codes.pop(code, None)  # a code works once
        if grant is None or grant.expires < time.monotonic() or grant.redirect_uri != redirect_uri:
            return _oauth_error("invalid_grant", "unknown, used or expired code")
        challenge = base64.urlsafe_b64encode(hashlib.sha256(code_verifier.encode()).digest()).decode()
        if not hmac.compare_digest(challenge.rstrip("="), grant.code_challenge):
            return _oauth_error("invalid_grant", "PKCE verification failed")
        access = secrets.token_urlsafe(24)
        state.access_tokens[access] = grant.person
        body: dict[str, Any] = {"access_token": access, "token_type": "Bearer", "expires_in": 300}
        if "no_id_token" not in state.faults:
            body["id_token"] = state.id_token(grant)
        return JSONResponse(body, headers={"Cache-Control": "no-store"})

    @app.get("/jwks")
    async def jwks() -> dict[str, Any]:
        return state.jwks()

    @app.get("/userinfo", response_model=None)
    async def userinfo(authorization: Annotated[str | None, Header()] = None) -> JSONResponse:
        person = state.access_tokens.get((authorization or "").removeprefix("Bearer ").strip())
        if person is None:
            return _oauth_error("invalid_token", "unknown access token", 401)
        return JSONResponse(person.claims())

    @app.put("/_provider/person", status_code=204)
    async def sign_in_as(person: OidcPerson) -> None:
        state.person = person

    @app.put("/_provider/faults", status_code=204)
    async def set_faults(body: FaultsIn) -> None:
        state.faults = set(body.faults)

    @app.get("/_provider/token-requests")
    async def token_requests() -> list[dict[str, str]]:
        return state.token_requests

    return app
