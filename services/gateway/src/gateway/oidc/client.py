"""An OpenID Connect relying party: authorization code flow with PKCE (S256), state and nonce.

Hand-rolled on httpx and PyJWT (both already here) rather than a framework: discovery, one redirect, one
token request and an ID token check are a page of code, and every check is in plain sight.
"""

import base64
import hashlib
import hmac
import secrets
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urlencode

import httpx
import jwt

from gateway.config import GatewaySettings
from shared.problems import BadGateway, Unauthorized

# Asymmetric algorithms only: "none" and HS256 (keyed with the client secret) are refused.
ALGORITHMS = ("RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA")
METADATA_TTL = 3600.0
CLOCK_SKEW = 60


def pkce_pair() -> tuple[str, str]:
    verifier = secrets.token_urlsafe(64)
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).decode().rstrip("=")
    return verifier, challenge


@dataclass(frozen=True)
class Provider:
    issuer: str
    authorization_endpoint: str
    token_endpoint: str
    jwks_uri: str
    userinfo_endpoint: str | None
    auth_methods: tuple[str, ...]


class OidcClient:
    def __init__(self, settings: GatewaySettings, http: httpx.AsyncClient) -> None:
        assert settings.oidc_issuer is not None
        assert settings.oidc_client_id is not None
        assert settings.oidc_client_secret is not None
        self.issuer = settings.oidc_issuer
        self.client_id = settings.oidc_client_id
        self.client_secret = settings.oidc_client_secret
        self.scopes = settings.oidc_scopes
        self.redirect_uri = settings.oidc_redirect_uri
        self.http = http
        self._provider: Provider | None = None
        self._provider_until = 0.0
        self._keys: dict[str, jwt.PyJWK] = {}

    async def _get_json(self, url: str, **kwargs: Any) -> dict[str, Any]:
        try:
            response = await self.http.get(url, **kwargs)
            response.raise_for_status()
            body: dict[str, Any] = response.json()
            return body
        except (httpx.HTTPError, ValueError) as exc:
            raise BadGateway(f"The sign-in provider did not answer properly: {exc}") from exc

    async def provider(self) -> Provider:
        if self._provider is None or time.monotonic() > self._provider_until:
            meta = await self._get_json(self.issuer.rstrip("/") + "/.well-known/openid-configuration")
            if meta.get("issuer") != self.issuer:
                raise BadGateway("The sign-in provider names a different issuer than OIDC_ISSUER.")
            self._provider = Provider(
                issuer=meta["issuer"],
                authorization_endpoint=meta["authorization_endpoint"],
                token_endpoint=meta["token_endpoint"],
                jwks_uri=meta["jwks_uri"],
                userinfo_endpoint=meta.get("userinfo_endpoint"),
                auth_methods=tuple(
                    meta.get("token_endpoint_auth_methods_supported", ["client_secret_basic"])
                ),
            )
            self._provider_until = time.monotonic() + METADATA_TTL
        return self._provider

    async def authorization_url(self, *, state: str, nonce: str, code_challenge: str) -> str:
        provider = await self.provider()
        query = urlencode(
            {
                "response_type": "code",
                "client_id": self.client_id,
                "redirect_uri": self.redirect_uri,
                "scope": self.scopes,
                "state": state,
                "nonce": nonce,
                "code_challenge": code_challenge,
                "code_challenge_method": "S256",
            }
        )
        separator = "&" if "?" in provider.authorization_endpoint else "?"
        return provider.authorization_endpoint + separator + query

    async def exchange(self, code: str, code_verifier: str) -> dict[str, Any]:
        provider = await self.provider()
        form = {
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": self.redirect_uri,
            "code_verifier": code_verifier,
        }
        headers: dict[str, str] = {}
        if "client_secret_basic" in provider.auth_methods:
            # RFC 6749 §2.3.1: the id and secret are form-encoded before they go into Basic.
            pair = f"{quote(self.client_id, safe='')}:{quote(self.client_secret, safe='')}"
            headers["Authorization"] = "Basic " + base64.b64encode(pair.encode()).decode()
        else:
            form |= {"client_id": self.client_id, "client_secret": self.client_secret}
        try:
            response = await self.http.post(provider.token_endpoint, data=form, headers=headers)
        except httpx.HTTPError as exc:
            raise BadGateway(f"The sign-in provider is unreachable: {exc}") from exc
        if response.status_code != 200:
            raise Unauthorized("The sign-in provider refused the sign-in code; start again.")
        tokens: dict[str, Any] = response.json()
        if "id_token" not in tokens:
            raise BadGateway("The sign-in provider sent no ID token.")
        return tokens

    async def _key(self, kid: str | None) -> jwt.PyJWK:
        if kid not in self._keys:  # unknown key: the provider may have rotated, fetch once
            jwks = await self._get_json((await self.provider()).jwks_uri)
            keyset = jwt.PyJWKSet.from_dict(jwks)
            self._keys = {k.key_id or "": k for k in keyset.keys}
        key = self._keys.get(kid or "")
        if key is None:
            raise Unauthorized("The ID token is signed with a key the provider does not publish.")
        return key

    async def verify_id_token(self, id_token: str, nonce: str) -> dict[str, Any]:
        try:
            header = jwt.get_unverified_header(id_token)
            alg = str(header.get("alg"))
            if alg not in ALGORITHMS:
                raise jwt.InvalidAlgorithmError(f"algorithm {alg} is not accepted")
            key = await self._key(header.get("kid"))
            claims: dict[str, Any] = jwt.decode(
                id_token,
                key.key,
                algorithms=[alg],
                audience=self.client_id,
                issuer=self.issuer,
                leeway=CLOCK_SKEW,
                options={"require": ["iss", "sub", "aud", "exp", "iat", "nonce"]},
            )
        except jwt.PyJWTError as exc:
            raise Unauthorized(f"The sign-in provider's ID token is not valid: {exc}") from exc
        if not hmac.compare_digest(str(claims["nonce"]), nonce):
            raise Unauthorized("The ID token was not issued for this sign-in (nonce mismatch).")
        audiences = claims["aud"] if isinstance(claims["aud"], list) else [claims["aud"]]
        if len(audiences) > 1 and claims.get("azp") != self.client_id:
            raise Unauthorized("The ID token was issued to another client (azp).")
        return claims

    async def userinfo(self, access_token: str) -> dict[str, Any]:
        provider = await self.provider()
        if provider.userinfo_endpoint is None:
            return {}
        return await self._get_json(
            provider.userinfo_endpoint, headers={"Authorization": f"Bearer {access_token}"}
        )
