import uuid
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator

from shared.events import TicketStatus
from tickets import examples as ex
from tickets.comment.schemas import CommentCreate, CommentText
from tickets.examples import examples
from tickets.ticket.schemas import LabelOut, TicketDetail, TicketSummary, UserOut

View = Literal["unassigned", "mine", "open", "resolved", "closed"]


def _admin_ref(value: object) -> uuid.UUID | Literal["me"] | None:
    if value is None or value == "me":
        return value
    try:
        return uuid.UUID(str(value))
    except ValueError:
        raise ValueError("must be an admin's id, me, or null") from None


AdminRef = Annotated[
    uuid.UUID | Literal["me"] | None,
    BeforeValidator(_admin_ref),
    Field(description="An admin's id, `me`, or null to unassign."),
]
Priority = Annotated[int, Field(ge=1, le=5, description="1 critical, 2 high, 3 medium, 4 low, 5 lowest")]
BULK_MAX = 1000


class AdminTicketSummary(TicketSummary):
    model_config = ConfigDict(json_schema_extra=examples(ex.ADMIN_SUMMARY))

    reporter: UserOut | None
    assignee: UserOut | None
    labels: list[LabelOut]
    version: int


class AdminTicketPage(BaseModel):
    model_config = ConfigDict(json_schema_extra=examples(ex.ADMIN_PAGE))

    items: list[AdminTicketSummary]
    next_cursor: str | None = Field(
        description="Pass as `cursor` to get the next page; null on the last page."
    )


class StatusCounts(BaseModel):
    model_config = ConfigDict(json_schema_extra=examples(ex.COUNTS))

    open: int
    in_progress: int
    resolved: int
    closed: int
    total: int


class AdminTicketDetail(TicketDetail):
    model_config = ConfigDict(json_schema_extra=examples(ex.ADMIN_DETAIL))

    environment: dict[str, Any] = Field(description="What the reporter's browser and app told us.")


class AssignIn(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"admin_id": "me"}]})

    admin_id: AdminRef


class StatusIn(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [{"status": "in_progress"}, {"status": "closed", "resolution": "Fixed in 1.2.3."}]
        },
    )

    status: TicketStatus
    resolution: CommentText | None = Field(
        None, description="Required when closing: the note the reporter reads. Ignored otherwise."
    )


class PriorityIn(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"priority": 1}]})

    priority: Priority


class LabelsIn(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra=examples({"label_ids": [ex.LABEL["id"]]}))

    label_ids: Annotated[list[uuid.UUID], Field(min_length=1, max_length=50)]


class AdminCommentIn(CommentCreate):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [{"comment": "Reproduced on 1.2.3 with Chrome 131.", "is_internal": True}]
        },
    )

    is_internal: bool = Field(False, description="An internal note: admins only, never sent to the reporter.")


class CloseIn(BaseModel):
    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"examples": [{"resolution": "Fixed in 1.2.3."}]}
    )

    resolution: CommentText


BulkAction = Literal["assign", "priority", "status", "add_label", "close"]
NEEDS: dict[str, str] = {
    "assign": "admin_id",
    "priority": "priority",
    "status": "status",
    "add_label": "label_id",
    "close": "resolution",
}


class BulkIn(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "ticket_ids": ["0b9d3f4e-6d0e-4c43-9a2b-1c0f1f1e2a3b"],
                    "action": "close",
                    "resolution": "Duplicate.",
                }
            ]
        },
    )

    ticket_ids: Annotated[list[uuid.UUID], Field(min_length=1, max_length=BULK_MAX)]
    action: BulkAction
    admin_id: AdminRef = None
    priority: Priority | None = None
    status: TicketStatus | None = None
    label_id: uuid.UUID | None = None
    resolution: CommentText | None = None

    @field_validator("ticket_ids")
    @classmethod
    def _no_repeats(cls, value: list[uuid.UUID]) -> list[uuid.UUID]:
        if len(set(value)) != len(value):
            raise ValueError("names a ticket twice")
        return value

    def missing_for_action(self) -> str | None:
        """The field this action needs and the request lacks (``admin_id: null`` unassigns)."""
        needed = NEEDS[self.action]
        if needed == "admin_id":
            return None if "admin_id" in self.model_fields_set else needed
        return needed if getattr(self, needed) is None else None


class BulkResult(BaseModel):
    model_config = ConfigDict(json_schema_extra=examples(ex.BULK["results"][0]))

    ticket_id: uuid.UUID
    ticket_number: int
    status: TicketStatus
    version: int


class BulkOut(BaseModel):
    model_config = ConfigDict(json_schema_extra=examples(ex.BULK))

    action: BulkAction
    count: int
    results: list[BulkResult]
