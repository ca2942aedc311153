"""The parts of GitHub's ``issues`` and ``issue_comment`` webhook payloads the sync reads.

Unknown fields are ignored: GitHub adds fields without notice, and a payload is trusted only after its
signature has been checked.
"""

from datetime import datetime
from typing import Any

from pydantic import BaseModel


class Account(BaseModel):
    login: str
    id: int
    type: str | None = None


class App(BaseModel):
    id: int


class Repository(BaseModel):
    full_name: str


class Issue(BaseModel):
    number: int
    state: str | None = None
    state_reason: str | None = None
    # Present when the "issue" is a pull request: GitHub sends PR comments as issue_comment too.
    pull_request: dict[str, Any] | None = None


class Comment(BaseModel):
    id: int
    body: str | None = None
    html_url: str
    created_at: datetime
    user: Account | None = None
    performed_via_github_app: App | None = None


class IssuesPayload(BaseModel):
    action: str
    issue: Issue
    repository: Repository
    sender: Account


class IssueCommentPayload(BaseModel):
    action: str
    issue: Issue
    comment: Comment
    repository: Repository
    sender: Account
