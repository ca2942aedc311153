"""What the provider remembers: its keys, its one client, who signs in, and codes and tokens issued."""

from __future__ import annotations

import secrets
import time
from dataclasses import dataclass, field
from typing import Any, Literal

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa
from pydantic import BaseModel

Fault = Literal["wrong_audience", "wrong_issuer", "wrong_nonce", "expired", "bad_signature", "no_id_token"]
KEY_ID = "devtools-oidc-1"


class OidcPerson(BaseModel):
    sub: str
    email: str | None = None
    email_verified: bool = True
    name: str | None = None
    preferred_username: str | None = None

    def claims(self) -> dict[str, Any]:
        return self.model_dump(exclude_none=True)


@dataclass
class Grant:
    redirect_uri: str
    code_challenge: str
    nonce: str | None
    person: OidcPerson
    expires: float


@dataclass
class ProviderState:
    issuer: str
    client_id: str
    client_secret: str
    redirect_uris: list[str]
    person: OidcPerson | None = None
    faults: set[Fault] = field(default_factory=set)
    codes: dict[str, Grant] = field(default_factory=dict)
    access_tokens: dict[str, OidcPerson] = field(default_factory=dict)
    token_requests: list[dict[str, str]] = field(default_factory=list)
    key: rsa.RSAPrivateKey = field(default_factory=lambda: rsa.generate_private_key(65537, 2048))
    other_key: rsa.RSAPrivateKey = field(default_factory=lambda: rsa.generate_private_key(65537, 2048))

    def jwks(self) -> dict[str, Any]:
        jwk: dict[str, Any] = jwt.algorithms.RSAAlgorithm.to_jwk(self.key.public_key(), as_dict=True)
        return {"keys": [{**jwk, "kid": KEY_ID, "use": "sig", "alg": "RS256"}]}

    def issue_code(self, grant: Grant) -> str:
        code = secrets.token_urlsafe(24)
        self.codes[code] = grant
        return code

    def id_token(self, grant: Grant) -> str:
        now = int(time.time())
        claims: dict[str, Any] = {
            **grant.person.claims(),
            "iss": self.issuer + ("/elsewhere" if "wrong_issuer" in self.faults else ""),
            "aud": "someone-else" if "wrong_audience" in self.faults else self.client_id,
            "iat": now - (7200 if "expired" in self.faults else 0),
            "exp": now + (-3600 if "expired" in self.faults else 300),
        }
        if grant.nonce is not None:
            claims["nonce"] = "not-your-nonce" if "wrong_nonce" in self.faults else grant.nonce
        key = self.other_key if "bad_signature" in self.faults else self.key
        return jwt.encode(claims, key, algorithm="RS256", headers={"kid": KEY_ID})
