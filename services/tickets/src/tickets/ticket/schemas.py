import uuid
from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationInfo, field_validator

from shared.events import Category, Severity, TicketStatus, TicketType
from shared.text import StorableStr, storable
from tickets import examples as ex
from tickets.examples import examples

TITLE_MIN, TITLE_MAX = 10, 200
DESCRIPTION_MIN, DESCRIPTION_MAX = 20, 50_000


def _length_between(low: int, high: int) -> AfterValidator:
    """Trim, then count characters (code points, as PostgreSQL does), not bytes."""

    def check(value: str) -> str:
        value = storable(value).strip()
        if not value:
            raise ValueError("must not be empty or only whitespace")
        if len(value) < low:
            raise ValueError(f"must be at least {low} characters (got {len(value)})")
        if len(value) > high:
            raise ValueError(f"must be at most {high} characters (got {len(value)})")
        return value

    return AfterValidator(check)


Title = Annotated[str, _length_between(TITLE_MIN, TITLE_MAX)]
Description = Annotated[str, _length_between(DESCRIPTION_MIN, DESCRIPTION_MAX)]


class TicketCreate(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "type": "bug",
                    "title": "Video playback stutters on Chrome",
                    "description": "When playing any 4K movie in Chrome 131 the video stutters "
                    "every few seconds; Firefox plays it fine.",
                    "severity": "high",
                    "category": "movies",
                }
            ]
        },
    )

    type: TicketType
    title: Title
    description: Description
    severity: Severity | None = Field(default=None, validate_default=True)
    category: Category = "other"
    app_version: StorableStr | None = Field(
        default=None, max_length=64, description="The Revenge version the problem was seen on."
    )
    server_os: StorableStr | None = Field(
        default=None, max_length=128, description="The operating system of the Revenge server."
    )

    @field_validator("severity")
    @classmethod
    def _severity_only_for_bugs(cls, value: Severity | None, info: ValidationInfo) -> Any:
        kind = info.data.get("type")
        if kind == "bug" and value is None:
            raise ValueError("is required for bug reports (critical, high, medium or low)")
        if kind is not None and kind != "bug" and value is not None:
            raise ValueError("applies to bug reports only; leave it out for this type")
        return value


class UserOut(BaseModel):
    model_config = ConfigDict(json_schema_extra=examples(ex.REPORTER))

    id: uuid.UUID
    username: str
    display_name: str | None = None


class LabelOut(BaseModel):
    model_config = ConfigDict(json_schema_extra=examples(ex.LABEL))

    id: uuid.UUID
    name: str
    color: str | None
    description: str | None


class AttachmentOut(BaseModel):
    model_config = ConfigDict(json_schema_extra=examples(ex.ATTACHMENT))

    id: uuid.UUID
    filename: str
    size_bytes: int
    mime_type: str
    is_image: bool
    uploaded_at: datetime
    url: str = Field(description="Where to download it (through the gateway, with your credentials).")


class TicketOut(BaseModel):
    model_config = ConfigDict(json_schema_extra=examples(ex.TICKET))

    id: uuid.UUID
    ticket_number: int
    type: TicketType
    title: str
    description: str = Field(description="As written (Markdown).")
    description_html: str = Field(description="The Markdown rendered and sanitised: safe to insert.")
    severity: Severity | None
    category: Category
    status: TicketStatus
    priority: int
    reporter: UserOut | None
    assignee: UserOut | None
    labels: list[LabelOut]
    github_issue_url: str | None
    url: str
    version: int
    created_at: datetime
    updated_at: datetime
    resolved_at: datetime | None
    closed_at: datetime | None


class TicketSummary(BaseModel):
    model_config = ConfigDict(json_schema_extra=examples(ex.SUMMARY))

    id: uuid.UUID
    ticket_number: int
    type: TicketType
    title: str
    severity: Severity | None
    category: Category
    status: TicketStatus
    priority: int
    url: str
    created_at: datetime
    updated_at: datetime


class TicketPage(BaseModel):
    model_config = ConfigDict(json_schema_extra=examples(ex.PAGE))

    items: list[TicketSummary]
    next_cursor: str | None = Field(
        description="Pass as `cursor` to get the next page; null on the last page."
    )


class CommentOut(BaseModel):
    model_config = ConfigDict(json_schema_extra=examples(ex.COMMENT))

    id: uuid.UUID
    author: UserOut | None
    comment: str = Field(description="As written (Markdown).")
    comment_html: str = Field(description="The Markdown rendered and sanitised: safe to insert.")
    is_internal: bool = Field(description="An admin-only note; never shown to the reporter.")
    is_resolution: bool = Field(description="The note the ticket was closed with.")
    parent_id: uuid.UUID | None = Field(description="The comment this one replies to.")
    origin: Literal["portal", "github", "email"] = Field(
        description="Where it was written: here, or on the ticket's GitHub issue."
    )
    external_author: str | None = Field(
        description="The GitHub login of whoever wrote a comment that came from GitHub (author is then null)."
    )
    created_at: datetime


class StatusChangeOut(BaseModel):
    model_config = ConfigDict(json_schema_extra=examples(ex.HISTORY[1]))

    old_status: TicketStatus | None
    new_status: TicketStatus
    changed_by: UserOut | None
    changed_at: datetime


class TicketDetail(TicketOut):
    model_config = ConfigDict(json_schema_extra=examples(ex.DETAIL))

    comments: list[CommentOut]
    status_history: list[StatusChangeOut]
    attachments: list[AttachmentOut]
    allowed_transitions: list[TicketStatus] = Field(
        description="The statuses you may move this ticket to now (for a reporter: accept or reopen)."
    )
    app_version: str | None = Field(
        default=None, description="The Revenge version the reporter gave when filing, if any."
    )
    server_os: str | None = Field(
        default=None, description="The server's operating system the reporter gave when filing, if any."
    )
