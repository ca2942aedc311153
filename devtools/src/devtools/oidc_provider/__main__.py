"""``python -m devtools.oidc_provider``: a local provider for trying OIDC sign-in by hand.

Point the gateway at it with OIDC_ISSUER=http://127.0.0.1:8028 OIDC_CLIENT_ID=revenge
OIDC_CLIENT_SECRET=dev-secret; it signs everyone in as the person given here.
"""

import argparse

import uvicorn

from devtools.oidc_provider.app import create_app
from devtools.oidc_provider.state import OidcPerson


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m devtools.oidc_provider")
    parser.add_argument("--port", type=int, default=8028)
    parser.add_argument("--client-id", default="revenge")
    parser.add_argument("--client-secret", default="dev-secret")
    parser.add_argument("--redirect-uri", default="http://127.0.0.1:8000/api/v1/auth/oidc/callback")
    parser.add_argument("--email", default="sso-user@example.com")
    parser.add_argument("--name", default="SSO User")
    args = parser.parse_args()
    app = create_app(
        issuer=f"http://127.0.0.1:{args.port}",
        client_id=args.client_id,
        client_secret=args.client_secret,
        redirect_uris=[args.redirect_uri],
    )
    app.state.provider.person = OidcPerson(
        sub=f"dev-{args.email}", email=args.email, name=args.name, preferred_username=args.email.split("@")[0]
    )
    uvicorn.run(app, host="127.0.0.1", port=args.port)


if __name__ == "__main__":
    main()
