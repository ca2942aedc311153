from gateway.models.api_token import ApiToken
from gateway.models.base import SCHEMA, Base
from gateway.models.external_identity import ExternalIdentity
from gateway.models.messaging import OutboxMessage
from gateway.models.oidc_login import OidcLogin
from gateway.models.password_reset import PasswordReset
from gateway.models.session import UserSession
from gateway.models.user import User

__all__ = [
    "SCHEMA",
    "ApiToken",
    "Base",
    "ExternalIdentity",
    "OidcLogin",
    "OutboxMessage",
    "PasswordReset",
    "User",
    "UserSession",
]
