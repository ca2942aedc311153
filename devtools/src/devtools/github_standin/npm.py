"""Where the npm packages with GitHub's published descriptions live on disk."""

from __future__ import annotations

import os
from pathlib import Path

ENV_VAR = "GITHUB_STANDIN_NPM_DIR"
# The plain description keeps its `$ref`s (13 MB); the `.deref` twin inlines them (73 MB, slower).
# Every file in @octokit/openapi 23.x is OpenAPI 3.0.3: there is no 3.1 variant in the package.
OPENAPI_FILE = "@octokit/openapi/generated/api.github.com.json"
WEBHOOK_EXAMPLES_FILE = "@octokit/webhooks-examples/api.github.com/index.json"


def repo_root() -> Path:
    # devtools/src/devtools/github_standin/npm.py -> parents[4] is the repository root
    return Path(__file__).resolve().parents[4]


def node_modules_dir() -> Path:
    """``$GITHUB_STANDIN_NPM_DIR`` (``node_modules`` or the folder holding it), else ours."""
    override = os.environ.get(ENV_VAR)
    if override:
        base = Path(override)
        return base if base.name == "node_modules" else base / "node_modules"
    return repo_root() / "devtools" / "github-standin-npm" / "node_modules"


def npm_file(relative: str) -> Path:
    path = node_modules_dir() / relative
    if not path.is_file():
        raise FileNotFoundError(
            f"{path} is missing; run `npm ci --prefix devtools/github-standin-npm` "
            f"(or point {ENV_VAR} at a node_modules folder that has it)"
        )
    return path


def openapi_path() -> Path:
    return npm_file(OPENAPI_FILE)


def webhook_examples_path() -> Path:
    return npm_file(WEBHOOK_EXAMPLES_FILE)
