"""A local stand-in for GitHub's REST API and webhook sender.

It checks requests against GitHub's published OpenAPI description (npm ``@octokit/openapi``) and
replays GitHub's published webhook examples (npm ``@octokit/webhooks-examples``).

The npm packages live in ``devtools/github-standin-npm`` (``npm ci --prefix
devtools/github-standin-npm``); ``$GITHUB_STANDIN_NPM_DIR`` points elsewhere.
"""

from devtools.github_standin.app import create_app
from devtools.github_standin.objects import APP_ID, APP_SLUG, BOT_ID
from devtools.github_standin.payloads import retarget
from devtools.github_standin.spec import SchemaError, Spec, load_spec
from devtools.github_standin.store import BOT_LOGIN
from devtools.github_standin.webhooks import (
    deliver,
    delivery_headers,
    encode,
    example,
    examples,
    issues_closed,
    sign,
)

__all__ = [
    "APP_ID",
    "APP_SLUG",
    "BOT_ID",
    "BOT_LOGIN",
    "SchemaError",
    "Spec",
    "create_app",
    "deliver",
    "delivery_headers",
    "encode",
    "example",
    "examples",
    "issues_closed",
    "load_spec",
    "retarget",
    "sign",
]
