import uuid
from datetime import datetime
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationInfo, field_validator

from shared.events import Category, Severity, TicketStatus, TicketType
from shared.text import StorableStr, storable

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
    app_version: StorableStr | None = Field(default=None, max_length=64)

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
    id: uuid.UUID
    username: str
    display_name: str | None = None


class TicketOut(BaseModel):
    id: uuid.UUID
    ticket_number: int
    type: TicketType
    title: str
    description: str
    severity: Severity | None
    category: Category
    status: TicketStatus
    priority: int
    reporter: UserOut | None
    assignee: UserOut | None
    github_issue_url: str | None
    url: str
    version: int
    created_at: datetime
    updated_at: datetime
    resolved_at: datetime | None
    closed_at: datetime | None


class TicketSummary(BaseModel):
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
    items: list[TicketSummary]
    next_cursor: str | None = Field(
        description="Pass as `cursor` to get the next page; null on the last page."
    )


class CommentOut(BaseModel):
    id: uuid.UUID
    author: UserOut | None
    comment: str
    is_internal: bool
    parent_id: uuid.UUID | None
    created_at: datetime


class StatusChangeOut(BaseModel):
    old_status: TicketStatus | None
    new_status: TicketStatus
    changed_by: UserOut | None
    changed_at: datetime


class TicketDetail(TicketOut):
    comments: list[CommentOut]
    status_history: list[StatusChangeOut]
