"""``python -m devtools.github_standin --host 127.0.0.1 --port 8027 [--token T] [--state-file F]
[--local-pages]``"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

import uvicorn

from devtools.github_standin.app import create_app
from devtools.github_standin.spec import load_spec


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m devtools.github_standin",
        description="A local stand-in for GitHub's REST API, checked against its description",
    )
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8027)
    parser.add_argument(
        "--token",
        default=os.environ.get("GITHUB_STANDIN_TOKEN"),
        help="require 'Authorization: Bearer <token>' (default: $GITHUB_STANDIN_TOKEN, else none)",
    )
    parser.add_argument(
        "--state-file", type=Path, help="keep issues in this JSON file across restarts (default: memory)"
    )
    parser.add_argument(
        "--local-pages", action="store_true", help="issues' html_url points at a page here, not github.com"
    )
    args = parser.parse_args(argv)
    spec = load_spec()  # before listening, so the first request does not wait for it
    app = create_app(token=args.token, spec=spec, state_file=args.state_file, local_pages=args.local_pages)
    auth = "a token required" if args.token else "no token required"
    print(
        f"GitHub stand-in (OpenAPI {spec.version}) listening on http://{args.host}:{args.port} "
        f"({auth}; inspect at /_standin/requests)",
        flush=True,
    )
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning")


if __name__ == "__main__":
    main()
