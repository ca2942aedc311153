"""Issues and issue comments: the operations github-sync uses."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from devtools.github_standin import objects
from devtools.github_standin.calls import Call, Handler
from devtools.github_standin.errors import Reply, not_found, validation_failed
from devtools.github_standin.journal import Violation
from devtools.github_standin.spec import SchemaError
from devtools.github_standin.store import BOT_LOGIN, Comment, Issue, now

MAX_BODY = 65_536  # characters, for issue and comment bodies alike


def label_names(raw: list[Any]) -> list[str]:
    """Names from ``["bug"]`` or ``[{"name": "bug"}]``, the two forms the description allows."""
    return [item if isinstance(item, str) else str(item["name"]) for item in raw]


def _check_length(call: Call, resource: str, text: str | None) -> None:
    if text is None or len(text) <= MAX_BODY:
        return
    message = f"body is too long (maximum is {MAX_BODY} characters)"
    violation = Violation("rule", call.method, call.path, call.operation_id, "body", message)
    call.standin.journal.violation(violation)
    too_long = SchemaError("body", "body", "custom", message)
    raise validation_failed(resource, [too_long], call.docs_url)


def _assignees(body: dict[str, Any]) -> list[str]:
    logins = [body["assignee"]] if body.get("assignee") else []
    for item in body.get("assignees") or []:
        login = item if isinstance(item, str) else item["login"]
        if login not in logins:
            logins.append(login)
    return logins


def create_issue(call: Call) -> Reply:
    body = call.body
    _check_length(call, "Issue", body.get("body"))
    repo = call.repo
    labels = label_names(body.get("labels") or [])
    title, text = str(body["title"]), body.get("body")
    issue = call.standin.store.create_issue(repo, title, text, BOT_LOGIN, labels)
    issue.assignees = _assignees(body)
    rendered = objects.issue(call.base, repo, issue, call.html)
    return Reply(201, rendered, {"location": rendered["url"]})


def _wanted(issue: Issue, query: dict[str, str]) -> bool:
    state = query.get("state", "open")
    labels = {name.strip().lower() for name in query.get("labels", "").split(",") if name.strip()}
    creator = query.get("creator")
    since = query.get("since")
    return (
        (state == "all" or issue.state == state)
        and labels <= {name.lower() for name in issue.labels}
        and (creator is None or creator.lower() == issue.user.lower())
        and (since is None or issue.updated_at >= datetime.fromisoformat(since))
    )


def list_issues(call: Call) -> Reply:
    query = dict(call.query)
    repo = call.repo
    found = [issue for issue in repo.issues.values() if _wanted(issue, query)]
    sort = query.get("sort", "created")
    keys = {
        "created": lambda i: (i.created_at, i.number),
        "updated": lambda i: (i.updated_at, i.number),
        "comments": lambda i: (len(i.comments), i.number),
    }
    found.sort(key=keys.get(sort, keys["created"]), reverse=query.get("direction") != "asc")
    return call.paginate(found, lambda issue: objects.issue(call.base, repo, issue, call.html))


def get_issue(call: Call) -> Reply:
    return Reply(200, objects.issue(call.base, call.repo, call.issue(), call.html))


def update_issue(call: Call) -> Reply:
    body, repo, issue = call.body, call.repo, call.issue()
    _check_length(call, "Issue", body.get("body"))
    if body.get("title") is not None:
        issue.title = str(body["title"])
    if "body" in body:
        issue.body = body["body"]
    if body.get("labels") is not None:
        issue.labels = call.standin.store.labels(repo, label_names(body["labels"]))
    if "assignees" in body or "assignee" in body:
        issue.assignees = _assignees(body)
    if body.get("state") is not None:
        call.standin.store.set_state(issue, body["state"], body.get("state_reason"), BOT_LOGIN)
    issue.updated_at = now()
    return Reply(200, objects.issue(call.base, repo, issue, call.html))


def create_comment(call: Call) -> Reply:
    _check_length(call, "IssueComment", call.body["body"])
    comment = call.standin.store.add_comment(call.issue(), call.body["body"], BOT_LOGIN)
    rendered = objects.comment(call.base, call.repo, comment, call.html)
    return Reply(201, rendered, {"location": rendered["url"]})


def list_comments(call: Call) -> Reply:
    since = call.query.get("since")
    comments = [
        comment
        for comment in call.issue().comments
        if since is None or comment.updated_at >= datetime.fromisoformat(since)
    ]
    return call.paginate(comments, lambda comment: objects.comment(call.base, call.repo, comment, call.html))


def _comment(call: Call) -> Comment:
    found = call.standin.store.find_comment(call.repo, int(call.params["comment_id"]))
    if found is None:
        raise not_found(call.docs_url)
    return found[1]


def get_comment(call: Call) -> Reply:
    return Reply(200, objects.comment(call.base, call.repo, _comment(call), call.html))


def update_comment(call: Call) -> Reply:
    _check_length(call, "IssueComment", call.body["body"])
    comment = _comment(call)
    comment.body, comment.updated_at = call.body["body"], now()
    return Reply(200, objects.comment(call.base, call.repo, comment, call.html))


HANDLERS: dict[str, Handler] = {
    "issues/create": create_issue,
    "issues/list-for-repo": list_issues,
    "issues/get": get_issue,
    "issues/update": update_issue,
    "issues/create-comment": create_comment,
    "issues/list-comments": list_comments,
    "issues/get-comment": get_comment,
    "issues/update-comment": update_comment,
}
