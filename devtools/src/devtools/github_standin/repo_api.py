"""Labels, the repository itself, and ``/rate_limit``."""

from __future__ import annotations

from typing import Any

from devtools.github_standin import objects
from devtools.github_standin.calls import Call, Handler
from devtools.github_standin.errors import Reply, validation_failed
from devtools.github_standin.issues_api import label_names
from devtools.github_standin.spec import SchemaError
from devtools.github_standin.store import DEFAULT_LABEL_COLOR, Label


def list_labels(call: Call) -> Reply:
    repo = call.repo
    labels = sorted(repo.labels.values(), key=lambda label: label.name.lower())
    return call.paginate(labels, lambda label: objects.label(call.base, repo, label))


def create_label(call: Call) -> Reply:
    repo, name = call.repo, str(call.body["name"])
    if name.lower() in repo.labels:
        exists = SchemaError("body", "name", "already_exists", "")
        raise validation_failed("Label", [exists], call.docs_url)
    color = str(call.body.get("color") or DEFAULT_LABEL_COLOR).removeprefix("#")
    label = Label(call.standin.store.next_id(), name, color, call.body.get("description"))
    repo.labels[name.lower()] = label
    rendered = objects.label(call.base, repo, label)
    return Reply(201, rendered, {"location": rendered["url"]})


def _issue_labels(call: Call) -> list[dict[str, Any]]:
    repo, issue = call.repo, call.issue()
    return [objects.label(call.base, repo, repo.labels[name.lower()]) for name in issue.labels]


def add_labels(call: Call) -> Reply:
    repo, issue = call.repo, call.issue()
    added = call.standin.store.labels(repo, label_names(call.body.get("labels") or []))
    issue.labels += [name for name in added if name not in issue.labels]
    return Reply(200, _issue_labels(call))


def list_issue_labels(call: Call) -> Reply:
    return Reply(200, _issue_labels(call))


def get_repository(call: Call) -> Reply:
    """A ``full-repository``: the required fields from the description, the telling ones real."""
    repo, base = call.repo, call.base
    api = f"{base}/repos/{repo.full_name}"
    body: dict[str, Any] = call.standin.spec.skeleton("full-repository")
    for key in body:
        if key.endswith("_url"):
            body[key] = f"{api}/{key.removesuffix('_url').replace('_', '/')}"
    open_issues = sum(issue.state == "open" for issue in repo.issues.values())
    body.update(
        id=repo.id,
        node_id=objects.node_id("Repository", repo.id),
        name=repo.name,
        full_name=repo.full_name,
        owner=objects.user(base, repo.owner),
        private=True,
        visibility="private",
        html_url=f"{objects.HTML}/{repo.full_name}",
        url=api,
        issues_url=f"{api}/issues{{/number}}",
        labels_url=f"{api}/labels{{/name}}",
        clone_url=f"{objects.HTML}/{repo.full_name}.git",
        git_url=f"git://github.com/{repo.full_name}.git",
        ssh_url=f"git@github.com:{repo.full_name}.git",
        svn_url=f"{objects.HTML}/{repo.full_name}",
        mirror_url=None,
        homepage=None,
        description="Stand-in repository",
        default_branch="main",
        has_issues=True,
        open_issues=open_issues,
        open_issues_count=open_issues,
        permissions={"admin": False, "maintain": False, "push": True, "triage": True, "pull": True},
        created_at="2025-01-01T00:00:00Z",
        updated_at="2025-01-01T00:00:00Z",
        pushed_at="2025-01-01T00:00:00Z",
    )
    return Reply(200, body)


def rate_limit(call: Call) -> Reply:
    return Reply(200, call.standin.rate.overview())


HANDLERS: dict[str, Handler] = {
    "issues/list-labels-for-repo": list_labels,
    "issues/create-label": create_label,
    "issues/add-labels": add_labels,
    "issues/list-labels-on-issue": list_issue_labels,
    "repos/get": get_repository,
    "rate-limit/get": rate_limit,
}
