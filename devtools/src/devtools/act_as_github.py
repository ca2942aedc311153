"""Play GitHub's part for ``make run``: close, reopen or comment on a stand-in issue the way a person on
GitHub would, and send the signed webhook delivery GitHub would send to the product.

    .tools/bin/uv run python -m devtools.act_as_github close 3
    .tools/bin/uv run python -m devtools.act_as_github reopen 3
    .tools/bin/uv run python -m devtools.act_as_github comment 3 "Reproduced on Linux" --as octocat

Closing and reopening change the stand-in's issue first (through its API), then deliver ``issues``; a
comment is delivered as ``issue_comment`` (the stand-in's API would credit it to the app's bot).
``GATEWAY_PORT``, ``GITHUB_STANDIN_PORT``, ``GITHUB_WEBHOOK_SECRET``, ``GITHUB_TOKEN`` and
``GITHUB_REPOSITORY`` say where and how, with make run's defaults.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import sys
from typing import Any

import httpx

from devtools import run_github
from devtools.github_standin import deliver, example, issues_closed, retarget

HOOK_PATH = "/integrations/github/webhook"


async def act(args: argparse.Namespace) -> int:
    gateway = f"http://127.0.0.1:{os.environ.get('GATEWAY_PORT', '8000')}"
    standin = f"http://127.0.0.1:{os.environ.get('GITHUB_STANDIN_PORT', '8027')}"
    secret = os.environ.get("GITHUB_WEBHOOK_SECRET", run_github.WEBHOOK_SECRET)
    token = os.environ.get("GITHUB_TOKEN", run_github.TOKEN)
    repo = os.environ.get("GITHUB_REPOSITORY", run_github.REPOSITORY)
    payload: dict[str, Any]
    issue_url = f"{standin}/repos/{repo}/issues/{args.issue}"
    auth = {"Authorization": f"Bearer {token}"}
    async with httpx.AsyncClient(trust_env=False, timeout=10) as client:
        try:
            found = await client.get(issue_url, headers=auth)
        except httpx.HTTPError as exc:
            print(f"could not reach the GitHub stand-in at {standin}: {exc}", file=sys.stderr)
            return 1
        if found.status_code != 200:
            print(
                f"the stand-in has no issue {args.issue} in {repo} ({found.status_code}); "
                f"its issues are listed at {standin}/_standin/issues",
                file=sys.stderr,
            )
            return 1
        if args.action in ("close", "reopen"):
            state = "closed" if args.action == "close" else "open"
            reason = "completed" if state == "closed" else "reopened"
            changed = await client.patch(
                issue_url, json={"state": state, "state_reason": reason}, headers=auth
            )
            if changed.status_code != 200:
                print(f"the stand-in refused: {changed.status_code} {changed.text}", file=sys.stderr)
                return 1
    if args.action in ("close", "reopen"):
        base = issues_closed() if args.action == "close" else example("issues", "reopened")
        payload = retarget(base, repository=repo, issue_number=args.issue, sender=args.login)
        event = "issues"
    else:
        payload = retarget(
            example("issue_comment", "created"),
            repository=repo,
            issue_number=args.issue,
            comment_id=random.randint(10**9, 2 * 10**9),
            comment_body=args.text,
            sender=args.login,
        )
        event = "issue_comment"
    try:
        response = await deliver(gateway + HOOK_PATH, secret, event, payload)
    except httpx.HTTPError as exc:
        print(f"could not reach the gateway at {gateway}: {exc} (is make run running?)", file=sys.stderr)
        return 1
    print(f"{response.status_code} {response.text}")
    if response.status_code >= 300 or response.json().get("outcome", "").startswith("ignored"):
        return 1
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m devtools.act_as_github", description="Act as a person on GitHub, for make run"
    )
    parser.add_argument("action", choices=["close", "reopen", "comment"])
    parser.add_argument("issue", type=int, help="the stand-in issue's number")
    parser.add_argument("text", nargs="?", default="Seen on GitHub too.", help="the comment (for comment)")
    parser.add_argument("--as", dest="login", default="octocat", help="the GitHub login acting")
    return asyncio.run(act(parser.parse_args(argv)))


if __name__ == "__main__":
    sys.exit(main())
