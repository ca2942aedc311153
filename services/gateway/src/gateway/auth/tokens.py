"""Long random secrets (session ids, API tokens, reset links): handed out once, stored and looked up by
their SHA-256. A slow password hash would make every request pay for it; these secrets carry 256 bits
of randomness, so a plain digest cannot be reversed."""

import hashlib
import secrets

SESSION_PREFIX = "rs_"
API_TOKEN_PREFIX = "rst_"
RESET_PREFIX = "rsr_"


def new_secret(prefix: str = "") -> str:
    return prefix + secrets.token_urlsafe(32)


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()
