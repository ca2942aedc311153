"""GitHub-shaped JSON for the stand-in's objects (``issue``, ``issue-comment``, ``label``, ...)."""

from __future__ import annotations

import base64
import zlib
from datetime import datetime
from typing import Any
from urllib.parse import quote

from devtools.github_standin.store import BOT_LOGIN, Comment, Issue, Label, Repository

HTML = "https://github.com"
APP_ID = 1_000_042
APP_SLUG = "revenge-support"
BOT_ID = 1_000_043
_REACTIONS = ("+1", "-1", "laugh", "confused", "heart", "hooray", "eyes", "rocket")


def timestamp(moment: datetime | None) -> str | None:
    return None if moment is None else moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def node_id(kind: str, number: int) -> str:
    """GitHub's legacy global id: base64 of ``0<len(kind)>:<kind><id>``, e.g. "05:Issue1"."""
    return base64.b64encode(f"0{len(kind)}:{kind}{number}".encode()).decode()


def node_number(value: str) -> int | None:
    """The id inside a legacy node id of any kind (``node_id``'s inverse), None for another form."""
    try:
        decoded = base64.b64decode(value, validate=True).decode()
    except ValueError:
        return None
    digits = decoded[len(decoded.rstrip("0123456789")) :]
    return int(digits) if decoded.startswith("0") and ":" in decoded and digits else None


def user_id(login: str) -> int:
    return BOT_ID if login == BOT_LOGIN else 1 + zlib.crc32(login.lower().encode()) % 90_000_000


def user(base: str, login: str) -> dict[str, Any]:
    bot = login.endswith("[bot]")
    api = f"{base}/users/{quote(login)}"
    return {
        "login": login,
        "id": user_id(login),
        "node_id": node_id("Bot" if bot else "User", user_id(login)),
        "avatar_url": f"https://avatars.githubusercontent.com/u/{user_id(login)}?v=4",
        "gravatar_id": "",
        "url": api,
        "html_url": f"{HTML}/apps/{login.removesuffix('[bot]')}" if bot else f"{HTML}/{login}",
        "followers_url": f"{api}/followers",
        "following_url": f"{api}/following{{/other_user}}",
        "gists_url": f"{api}/gists{{/gist_id}}",
        "starred_url": f"{api}/starred{{/owner}}{{/repo}}",
        "subscriptions_url": f"{api}/subscriptions",
        "organizations_url": f"{api}/orgs",
        "repos_url": f"{api}/repos",
        "events_url": f"{api}/events{{/privacy}}",
        "received_events_url": f"{api}/received_events",
        "type": "Bot" if bot else "User",
        "user_view_type": "public",
        "site_admin": False,
    }


def app(base: str) -> dict[str, Any]:
    return {
        "id": APP_ID,
        "slug": APP_SLUG,
        "node_id": node_id("Integration", APP_ID),
        "owner": user(base, "revenge"),
        "name": "Revenge Support",
        "description": "Two-way sync between Revenge Support tickets and GitHub issues",
        "external_url": "http://localhost:8000",
        "html_url": f"{HTML}/apps/{APP_SLUG}",
        "created_at": "2025-01-01T00:00:00Z",
        "updated_at": "2025-01-01T00:00:00Z",
        "permissions": {"issues": "write", "metadata": "read"},
        "events": ["issues", "issue_comment", "label"],
    }


def reactions(url: str) -> dict[str, Any]:
    return {"url": f"{url}/reactions", "total_count": 0, **dict.fromkeys(_REACTIONS, 0)}


def label(base: str, repo: Repository, item: Label) -> dict[str, Any]:
    return {
        "id": item.id,
        "node_id": node_id("Label", item.id),
        "url": f"{base}/repos/{repo.full_name}/labels/{quote(item.name)}",
        "name": item.name,
        "color": item.color,
        "description": item.description,
        "default": False,
    }


def issue(base: str, repo: Repository, item: Issue, html: str = HTML) -> dict[str, Any]:
    url = f"{base}/repos/{repo.full_name}/issues/{item.number}"
    by_app = item.user == BOT_LOGIN
    return {
        "id": item.id,
        "node_id": node_id("Issue", item.id),
        "url": url,
        "repository_url": f"{base}/repos/{repo.full_name}",
        "labels_url": f"{url}/labels{{/name}}",
        "comments_url": f"{url}/comments",
        "events_url": f"{url}/events",
        "timeline_url": f"{url}/timeline",
        "html_url": f"{html}/{repo.full_name}/issues/{item.number}",
        "number": item.number,
        "state": item.state,
        "state_reason": item.state_reason,
        "title": item.title,
        "body": item.body,
        "user": user(base, item.user),
        "labels": [label(base, repo, repo.labels[name.lower()]) for name in item.labels],
        "assignee": user(base, item.assignees[0]) if item.assignees else None,
        "assignees": [user(base, login) for login in item.assignees],
        "milestone": None,
        "locked": False,
        "active_lock_reason": None,
        "comments": len(item.comments),
        "closed_at": timestamp(item.closed_at),
        "closed_by": user(base, item.closed_by) if item.closed_by else None,
        "created_at": timestamp(item.created_at),
        "updated_at": timestamp(item.updated_at),
        "author_association": "NONE" if by_app else "OWNER",
        "performed_via_github_app": app(base) if by_app else None,
        "reactions": reactions(url),
    }


def comment(base: str, repo: Repository, item: Comment, html: str = HTML) -> dict[str, Any]:
    url = f"{base}/repos/{repo.full_name}/issues/comments/{item.id}"
    by_app = item.user == BOT_LOGIN
    return {
        "id": item.id,
        "node_id": node_id("IssueComment", item.id),
        "url": url,
        "html_url": f"{html}/{repo.full_name}/issues/{item.issue_number}#issuecomment-{item.id}",
        "issue_url": f"{base}/repos/{repo.full_name}/issues/{item.issue_number}",
        "body": item.body,
        "user": user(base, item.user),
        "created_at": timestamp(item.created_at),
        "updated_at": timestamp(item.updated_at),
        "author_association": "NONE" if by_app else "OWNER",
        "performed_via_github_app": app(base) if by_app else None,
        "reactions": reactions(url),
    }
