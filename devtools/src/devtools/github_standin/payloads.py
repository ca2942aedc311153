"""Point a published webhook example at our repository, issue, comment and sender.

    event = example("issue_comment", "created")
    payload = retarget(event, repository="owner/repo", issue_number=3,
                       comment_body="hello", sender="octocat")

says "GitHub user octocat commented 'hello' on issue #3 of owner/repo".
"""

from __future__ import annotations

import copy
from typing import Any

from devtools.github_standin import objects

API = "https://api.github.com"


def retarget(
    payload: dict[str, Any],
    *,
    repository: str | None = None,
    issue_number: int | None = None,
    issue_title: str | None = None,
    comment_id: int | None = None,
    comment_body: str | None = None,
    sender: str | None = None,
    via_app: int | None = None,
    installation_id: int | None = None,
    on_pull_request: bool = False,
) -> dict[str, Any]:
    """A rewritten deep copy of ``payload``; URLs inside it follow the new names and numbers.

    ``sender`` (a login; ``name[bot]`` makes a Bot) also becomes the author of the comment, or of
    the issue for ``issues.opened``. ``via_app`` sets ``performed_via_github_app.id`` on the
    comment (or the issue), as for something our own App did. ``on_pull_request`` makes the
    issue a pull request (``issue.pull_request`` present); otherwise that key is removed.
    """
    out = copy.deepcopy(payload)
    issue, comment = out.get("issue"), out.get("comment")
    if repository is not None and "repository" in out:
        _move_repository(out, repository)
    if issue is not None and issue_number is not None:
        new_url = f"{issue['repository_url']}/issues/{issue_number}"
        new_html = issue["html_url"].rsplit("/", 1)[0] + f"/{issue_number}"
        _replace_urls(out, issue["url"], new_url)
        _replace_urls(out, issue["html_url"], new_html)
        issue["number"] = issue_number
    if issue is not None and issue_title is not None:
        issue["title"] = issue_title
    if comment is not None and comment_id is not None:
        comment["url"] = comment["url"].rsplit("/", 1)[0] + f"/{comment_id}"
        comment["html_url"] = comment["html_url"].split("#")[0] + f"#issuecomment-{comment_id}"
        comment["id"], comment["node_id"] = comment_id, objects.node_id("IssueComment", comment_id)
    if comment is not None and comment_body is not None:
        comment["body"] = comment_body
    if sender is not None:
        _set_sender(out, sender)
    if via_app is not None:
        target = comment if comment is not None else issue
        if target is not None:
            target["performed_via_github_app"] = {**objects.app(API), "id": via_app}
    if installation_id is not None:
        node = objects.node_id("Installation", installation_id)
        out["installation"] = {"id": installation_id, "node_id": node}
    if issue is not None:
        _set_pull_request(issue, on_pull_request)
    return out


def _move_repository(payload: dict[str, Any], full_name: str) -> None:
    repo = payload["repository"]
    owner, name = full_name.split("/", 1)
    _replace_urls(payload, f"{API}/repos/{repo['full_name']}", f"{API}/repos/{full_name}")
    _replace_urls(payload, f"{objects.HTML}/{repo['full_name']}", f"{objects.HTML}/{full_name}")
    repo.update(name=name, full_name=full_name, owner=objects.user(API, owner))


def _set_sender(payload: dict[str, Any], login: str) -> None:
    user = objects.user(API, login)
    payload["sender"] = user
    if "comment" in payload:
        payload["comment"]["user"] = copy.deepcopy(user)
    elif "issue" in payload and payload.get("action") == "opened":
        payload["issue"]["user"] = copy.deepcopy(user)


def _set_pull_request(issue: dict[str, Any], wanted: bool) -> None:
    if not wanted:
        issue.pop("pull_request", None)
        return
    html = issue["html_url"].replace("/issues/", "/pull/")
    issue["pull_request"] = {
        "url": issue["url"].replace("/issues/", "/pulls/"),
        "html_url": html,
        "diff_url": f"{html}.diff",
        "patch_url": f"{html}.patch",
        "merged_at": None,
    }


def _replace_urls(node: Any, old: str, new: str) -> Any:
    """Rewrite ``old`` where a string is it or starts with it plus ``/``, ``#`` or ``{``
    (so ``.../issues/1`` does not touch ``.../issues/12``)."""
    if isinstance(node, dict):
        for key, value in node.items():
            node[key] = _replace_urls(value, old, new)
    elif isinstance(node, list):
        node[:] = [_replace_urls(value, old, new) for value in node]
    elif isinstance(node, str) and node.startswith(old):
        rest = node[len(old) :]
        if not rest or rest[0] in "/#{?":
            return new + rest
    return node
