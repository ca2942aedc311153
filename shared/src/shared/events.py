"""Domain events: a CloudEvents 1.0 envelope and one pydantic model per event type.

Events carry the state their consumers need (event-carried state transfer): a consumer never reads another
service's tables. Every ticket event carries the ticket's ``version`` so a consumer can drop a stale one.
Parse incoming events with :func:`parse_event`, which validates through a discriminated union.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter

TicketType = Literal["bug", "feature", "support"]
Severity = Literal["critical", "high", "medium", "low"]
Category = Literal["movies", "tv_shows", "music", "books", "adult", "other"]
TicketStatus = Literal["open", "in_progress", "resolved", "closed"]
Role = Literal["user", "admin"]

# Logical exchange names; the broker module adds the deployment's prefix.
TICKETS_EXCHANGE = "tickets"
IDENTITY_EXCHANGE = "identity"
GITHUB_EXCHANGE = "github"


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True)


class UserRef(_Model):
    id: uuid.UUID
    username: str


class TicketState(_Model):
    """A ticket as its events describe it."""

    id: uuid.UUID
    ticket_number: int
    type: TicketType
    title: str
    description: str
    severity: Severity | None
    category: Category
    status: TicketStatus
    priority: int
    version: int
    reporter: UserRef | None
    assignee: UserRef | None = None
    labels: list[str] = Field(default_factory=list)
    github_issue_url: str | None = None
    url: str
    created_at: datetime
    updated_at: datetime


class CommentState(_Model):
    id: uuid.UUID
    author: UserRef | None
    body: str
    is_internal: bool
    parent_id: uuid.UUID | None = None
    created_at: datetime
    # Set when the comment came from GitHub, so the sync does not send it back there.
    origin: Literal["portal", "github", "email"] = "portal"
    # Who wrote it where it came from (a GitHub login) when no account of ours did.
    external_author: str | None = None


class TicketData(_Model):
    ticket: TicketState
    actor: UserRef | None = None


class StatusChangeData(TicketData):
    old_status: TicketStatus | None
    new_status: TicketStatus


class AssignedData(TicketData):
    old_assignee: UserRef | None
    new_assignee: UserRef | None


class PriorityChangedData(TicketData):
    old_priority: int
    new_priority: int


class LabelsChangedData(TicketData):
    added: list[str]
    removed: list[str]


class CommentedData(TicketData):
    comment: CommentState


class ClosedData(StatusChangeData):
    resolution: str | None = None


class UserData(_Model):
    id: uuid.UUID
    email: str
    username: str
    display_name: str | None = None
    role: Role
    disabled: bool = False


class UserDeletedData(_Model):
    id: uuid.UUID


class PasswordResetData(_Model):
    """Everything the reset mail needs: the notifier may not know this account yet."""

    user_id: uuid.UUID
    email: str
    username: str
    display_name: str | None = None
    reset_url: str
    expires_at: datetime


class GitHubIssueLinkedData(_Model):
    ticket_id: uuid.UUID
    repository: str
    issue_number: int
    issue_url: str


class GitHubIssueStateData(_Model):
    """Someone closed or reopened a linked issue on GitHub."""

    ticket_id: uuid.UUID
    repository: str
    issue_number: int
    state: Literal["open", "closed"]
    state_reason: str | None = None
    actor_login: str


class GitHubCommentData(_Model):
    """Someone commented on a linked issue on GitHub."""

    ticket_id: uuid.UUID
    repository: str
    issue_number: int
    comment_id: int
    author_login: str
    body: str
    html_url: str
    created_at: datetime


def _now() -> datetime:
    return datetime.now(UTC)


class Envelope(_Model):
    """CloudEvents 1.0 attributes shared by every event."""

    specversion: Literal["1.0"] = "1.0"
    id: uuid.UUID = Field(default_factory=uuid.uuid4)
    source: str
    type: str
    time: datetime = Field(default_factory=_now)
    subject: str | None = None
    datacontenttype: Literal["application/json"] = "application/json"
    dataschema: str | None = None
    data: Any

    @property
    def routing_key(self) -> str:
        return self.type

    def to_json_dict(self) -> dict[str, Any]:
        return self.model_dump(mode="json")


def _schema(type_: str, version: int = 1) -> str:
    return f"urn:revenge-support:event:{type_}:v{version}"


class TicketCreated(Envelope):
    type: Literal["ticket.created"] = "ticket.created"
    dataschema: str | None = _schema("ticket.created")
    data: TicketData


class TicketAssigned(Envelope):
    type: Literal["ticket.assigned"] = "ticket.assigned"
    dataschema: str | None = _schema("ticket.assigned")
    data: AssignedData


class TicketStatusChanged(Envelope):
    type: Literal["ticket.status_changed"] = "ticket.status_changed"
    dataschema: str | None = _schema("ticket.status_changed")
    data: StatusChangeData


class TicketCommented(Envelope):
    type: Literal["ticket.commented"] = "ticket.commented"
    dataschema: str | None = _schema("ticket.commented")
    data: CommentedData


class TicketResolved(Envelope):
    type: Literal["ticket.resolved"] = "ticket.resolved"
    dataschema: str | None = _schema("ticket.resolved")
    data: StatusChangeData


class TicketClosed(Envelope):
    type: Literal["ticket.closed"] = "ticket.closed"
    dataschema: str | None = _schema("ticket.closed")
    data: ClosedData


class TicketReopened(Envelope):
    type: Literal["ticket.reopened"] = "ticket.reopened"
    dataschema: str | None = _schema("ticket.reopened")
    data: StatusChangeData


class TicketPriorityChanged(Envelope):
    type: Literal["ticket.priority_changed"] = "ticket.priority_changed"
    dataschema: str | None = _schema("ticket.priority_changed")
    data: PriorityChangedData


class TicketLabelsChanged(Envelope):
    type: Literal["ticket.labels_changed"] = "ticket.labels_changed"
    dataschema: str | None = _schema("ticket.labels_changed")
    data: LabelsChangedData


class TicketEscalated(Envelope):
    type: Literal["ticket.escalated"] = "ticket.escalated"
    dataschema: str | None = _schema("ticket.escalated")
    data: TicketData


class UserCreated(Envelope):
    type: Literal["user.created"] = "user.created"
    dataschema: str | None = _schema("user.created")
    data: UserData


class UserUpdated(Envelope):
    type: Literal["user.updated"] = "user.updated"
    dataschema: str | None = _schema("user.updated")
    data: UserData


class UserDeleted(Envelope):
    type: Literal["user.deleted"] = "user.deleted"
    dataschema: str | None = _schema("user.deleted")
    data: UserDeletedData


class UserPasswordResetRequested(Envelope):
    """Carries a single-use reset link; only the notifier acts on it (it mails the link at once)."""

    type: Literal["user.password_reset_requested"] = "user.password_reset_requested"
    dataschema: str | None = _schema("user.password_reset_requested")
    data: PasswordResetData


class GitHubIssueLinked(Envelope):
    type: Literal["github.issue_linked"] = "github.issue_linked"
    dataschema: str | None = _schema("github.issue_linked")
    data: GitHubIssueLinkedData


class GitHubIssueClosed(Envelope):
    type: Literal["github.issue_closed"] = "github.issue_closed"
    dataschema: str | None = _schema("github.issue_closed")
    data: GitHubIssueStateData


class GitHubIssueReopened(Envelope):
    type: Literal["github.issue_reopened"] = "github.issue_reopened"
    dataschema: str | None = _schema("github.issue_reopened")
    data: GitHubIssueStateData


class GitHubCommentCreated(Envelope):
    type: Literal["github.comment_created"] = "github.comment_created"
    dataschema: str | None = _schema("github.comment_created")
    data: GitHubCommentData


TicketEvent = (
    TicketCreated
    | TicketAssigned
    | TicketStatusChanged
    | TicketCommented
    | TicketResolved
    | TicketClosed
    | TicketReopened
    | TicketPriorityChanged
    | TicketLabelsChanged
    | TicketEscalated
)
UserEvent = UserCreated | UserUpdated | UserDeleted | UserPasswordResetRequested
GitHubEvent = GitHubIssueLinked | GitHubIssueClosed | GitHubIssueReopened | GitHubCommentCreated
AnyEvent = Annotated[TicketEvent | UserEvent | GitHubEvent, Field(discriminator="type")]

TICKET_EVENT_TYPES: tuple[str, ...] = (
    "ticket.created",
    "ticket.assigned",
    "ticket.status_changed",
    "ticket.commented",
    "ticket.resolved",
    "ticket.closed",
    "ticket.reopened",
    "ticket.priority_changed",
    "ticket.labels_changed",
    "ticket.escalated",
)

_event_adapter: TypeAdapter[AnyEvent] = TypeAdapter(AnyEvent)


class UnknownEvent(ValueError):
    """An event whose type or shape this code does not know: it goes to the dead-letter queue."""


def parse_event(raw: bytes | str | dict[str, Any]) -> TicketEvent | UserEvent | GitHubEvent:
    try:
        if isinstance(raw, dict):
            return _event_adapter.validate_python(raw)
        return _event_adapter.validate_json(raw)
    except ValueError as exc:
        raise UnknownEvent(str(exc)) from exc
