"""The stand-in's in-memory repositories, issues, comments and labels."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

BOT_LOGIN = "revenge-support[bot]"
DEFAULT_LABEL_COLOR = "ededed"  # what GitHub gives a label created implicitly by naming it


def now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


@dataclass
class Label:
    id: int
    name: str
    color: str = DEFAULT_LABEL_COLOR
    description: str | None = None


@dataclass
class Comment:
    id: int
    issue_number: int
    body: str
    user: str
    created_at: datetime = field(default_factory=now)
    updated_at: datetime = field(default_factory=now)


@dataclass
class Issue:
    id: int
    number: int
    title: str
    body: str | None
    user: str
    labels: list[str] = field(default_factory=list)
    assignees: list[str] = field(default_factory=list)
    state: str = "open"
    state_reason: str | None = None
    comments: list[Comment] = field(default_factory=list)
    created_at: datetime = field(default_factory=now)
    updated_at: datetime = field(default_factory=now)
    closed_at: datetime | None = None
    closed_by: str | None = None


@dataclass
class Repository:
    id: int
    owner: str
    name: str
    issues: dict[int, Issue] = field(default_factory=dict)
    labels: dict[str, Label] = field(default_factory=dict)  # keyed by lower-case name
    last_number: int = 0  # GitHub never hands out an issue number twice

    @property
    def full_name(self) -> str:
        return f"{self.owner}/{self.name}"


class Store:
    """Every repository exists: the first request that names one creates it, as an empty one."""

    def __init__(self) -> None:
        self.repositories: dict[tuple[str, str], Repository] = {}
        self.last_id = 1_000_000  # ids (and so node ids) are unique across every kind of object

    def next_id(self) -> int:
        self.last_id += 1
        return self.last_id

    def continue_after(self, repo: Repository, number: int, object_id: int) -> None:
        """Hand out issue numbers above ``number`` in ``repo`` and ids above ``object_id``, as when
        issues were created that this store has forgotten."""
        repo.last_number = max(repo.last_number, number)
        self.last_id = max(self.last_id, object_id)

    def repository(self, owner: str, name: str) -> Repository:
        key = (owner.lower(), name.lower())
        if key not in self.repositories:
            self.repositories[key] = Repository(self.next_id(), owner, name)
        return self.repositories[key]

    def labels(self, repo: Repository, names: list[str]) -> list[str]:
        """The labels' canonical names, creating those that do not exist yet (as GitHub does)."""
        canonical: list[str] = []
        for name in names:
            label = repo.labels.get(name.lower())
            if label is None:
                label = repo.labels[name.lower()] = Label(self.next_id(), name)
            if label.name not in canonical:
                canonical.append(label.name)
        return canonical

    def create_issue(
        self, repo: Repository, title: str, body: str | None, user: str, labels: list[str]
    ) -> Issue:
        number = repo.last_number = max(repo.last_number, max(repo.issues, default=0)) + 1
        issue = Issue(self.next_id(), number, title, body, user, self.labels(repo, labels))
        repo.issues[number] = issue
        return issue

    def add_comment(self, issue: Issue, body: str, user: str) -> Comment:
        comment = Comment(self.next_id(), issue.number, body, user)
        issue.comments.append(comment)
        issue.updated_at = comment.created_at
        return comment

    def find_comment(self, repo: Repository, comment_id: int) -> tuple[Issue, Comment] | None:
        for issue in repo.issues.values():
            for comment in issue.comments:
                if comment.id == comment_id:
                    return issue, comment
        return None

    def set_state(self, issue: Issue, state: str, reason: str | None, actor: str) -> None:
        """Change the state; GitHub ignores ``state_reason`` unless the state changes too."""
        if state == issue.state:
            return
        issue.state = state
        if state == "closed":
            issue.state_reason = reason or "completed"
            issue.closed_at, issue.closed_by = now(), actor
        else:
            issue.state_reason = "reopened"
            issue.closed_at, issue.closed_by = None, None
