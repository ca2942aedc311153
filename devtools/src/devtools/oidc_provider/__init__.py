"""A small OpenID Connect provider for tests and local development.

It signs in one configured person without asking (the "authorize" step approves at once), and is
otherwise strict like a real provider: registered client and redirect URI, PKCE S256 required, client
secret checked, codes used once, RS256 ID tokens with the nonce, keys published as a JWKS. Tests can set
who signs in and make the provider misbehave on purpose (``/_provider/*``).
"""

from devtools.oidc_provider.app import create_app
from devtools.oidc_provider.state import OidcPerson, ProviderState

__all__ = ["OidcPerson", "ProviderState", "create_app"]
