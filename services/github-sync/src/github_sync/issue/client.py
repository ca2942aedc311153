"""The few GitHub REST calls the sync makes, with GitHub's documented rate-limit rules applied.

Plain httpx rather than a full SDK: a handful of endpoints, one token, and the retry decisions belong to
our job queue (a consumer must not sleep for minutes), not to a client library (see docs/adr).
"""

import time
from dataclasses import dataclass
from typing import Any

import httpx

from shared.jobs import GiveUp, RetryLater

API_VERSION = "2022-11-28"


@dataclass(frozen=True)
class Issue:
    number: int
    html_url: str
    node_id: str | None
    body: str


def _issue(data: dict[str, Any]) -> Issue:
    return Issue(
        number=int(data["number"]),
        html_url=str(data["html_url"]),
        node_id=data.get("node_id"),
        body=data.get("body") or "",
    )


@dataclass(frozen=True)
class Comment:
    id: int
    html_url: str
    body: str


def _comment(data: dict[str, Any]) -> Comment:
    return Comment(id=int(data["id"]), html_url=str(data["html_url"]), body=data.get("body") or "")


class GitHubClient:
    def __init__(self, http: httpx.AsyncClient, *, api_url: str, token: str, repository: str) -> None:
        self.http = http
        self.api_url = api_url
        self.repository = repository
        self.headers = {
            "accept": "application/vnd.github+json",
            "authorization": f"Bearer {token}",
            "x-github-api-version": API_VERSION,
            "user-agent": "revenge-support-github-sync",
        }

    async def create_issue(self, title: str, body: str, labels: list[str]) -> Issue:
        response = await self._call(
            "POST",
            f"/repos/{self.repository}/issues",
            json={"title": title, "body": body, "labels": labels},
        )
        return _issue(response.json())

    async def recent_issues(self, label: str) -> list[Issue]:
        """Newest issues with our label, to find one we created but never heard back about."""
        response = await self._call(
            "GET",
            f"/repos/{self.repository}/issues",
            params={
                "labels": label,
                "state": "all",
                "sort": "created",
                "direction": "desc",
                "per_page": "100",
            },
        )
        return [_issue(item) for item in response.json() if "pull_request" not in item]

    async def set_state(self, number: int, state: str, state_reason: str) -> None:
        """Close or reopen an issue; GitHub ignores ``state_reason`` unless the state changes too."""
        await self._call(
            "PATCH",
            f"/repos/{self.repository}/issues/{number}",
            json={"state": state, "state_reason": state_reason},
        )

    async def create_comment(self, number: int, body: str) -> Comment:
        response = await self._call(
            "POST", f"/repos/{self.repository}/issues/{number}/comments", json={"body": body}
        )
        return _comment(response.json())

    async def recent_comments(self, number: int) -> list[Comment]:
        """The issue's newest comments, to find one we created but never heard back about."""
        first = await self._call(
            "GET", f"/repos/{self.repository}/issues/{number}/comments", params={"per_page": "100"}
        )
        last = first.links.get("last", {}).get("url")
        # Comments come oldest first: ours, if anywhere, is on the last page (a link we only follow
        # when it points back at the API we were told to use).
        if last and last.startswith(self.api_url + "/"):
            response = await self._call("GET", last.removeprefix(self.api_url))
        else:
            response = first
        return [_comment(item) for item in response.json()]

    async def _call(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        try:
            response = await self.http.request(method, self.api_url + path, headers=self.headers, **kwargs)
        except httpx.HTTPError as exc:
            raise RetryLater(f"GitHub unreachable: {type(exc).__name__}: {exc}") from exc
        check(response)
        return response


def check(response: httpx.Response) -> None:
    """Sort GitHub's answer into success, try-again-later (with GitHub's wait) and give-up."""
    status = response.status_code
    if status < 300:
        return
    message = _message(response)
    if status in (403, 429):
        retry_after = response.headers.get("retry-after")
        if retry_after is not None and retry_after.isdigit():
            raise RetryLater(f"GitHub rate limit: {message}", after=float(retry_after))
        if response.headers.get("x-ratelimit-remaining") == "0":
            reset = float(response.headers.get("x-ratelimit-reset", time.time() + 60))
            raise RetryLater(f"GitHub rate limit: {message}", after=max(1.0, reset - time.time()))
        if status == 429 or "rate limit" in message.lower():
            raise RetryLater(f"GitHub secondary rate limit: {message}", after=60.0)
        raise GiveUp(f"GitHub refused access (403): {message}; check GITHUB_TOKEN's permissions")
    if status == 401:
        raise GiveUp(f"GitHub rejected GITHUB_TOKEN (401): {message}")
    if status == 404:
        raise GiveUp(f"GitHub says not found (404): {message}; check GITHUB_REPOSITORY and the token")
    if status >= 500:
        raise RetryLater(f"GitHub error {status}: {message}")
    raise GiveUp(f"GitHub refused the request ({status}): {message}")


def _message(response: httpx.Response) -> str:
    try:
        data = response.json()
    except ValueError:
        return response.text[:300]
    if isinstance(data, dict):
        errors = data.get("errors")
        return f"{data.get('message', '')} {errors if errors else ''}".strip()[:500]
    return str(data)[:300]
