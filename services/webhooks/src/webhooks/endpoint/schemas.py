import uuid
from datetime import datetime
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from shared.events import TICKET_EVENT_TYPES
from shared.text import StorableStr

Kind = Literal["custom", "discord", "slack"]


def _event_types(values: list[str]) -> list[str]:
    if not values:
        raise ValueError("name at least one event, or '*' for all of them")
    unknown = sorted(set(values) - {*TICKET_EVENT_TYPES, "*"})
    if unknown:
        raise ValueError(
            f"unknown event type(s) {', '.join(unknown)}; known: {', '.join(TICKET_EVENT_TYPES)} or '*'"
        )
    return sorted(set(values))


EventTypes = Annotated[list[str], AfterValidator(_event_types)]


class EndpointCreate(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "url": "https://hooks.example.org/revenge",
                    "events": ["ticket.created", "ticket.closed"],
                    "kind": "custom",
                    "description": "Our ops bot",
                }
            ]
        },
    )

    url: Annotated[StorableStr, Field(min_length=1, max_length=2048)]
    events: EventTypes
    kind: Kind = "custom"
    description: Annotated[StorableStr | None, Field(max_length=500)] = None


class EndpointOut(BaseModel):
    id: uuid.UUID
    url: str
    kind: Kind
    events: list[str]
    description: str | None
    status: Literal["active", "disabled"]
    disabled_reason: str | None
    created_at: datetime


class EndpointWithSecret(EndpointOut):
    secret: str = Field(
        description="Verifies the `webhook-signature` header (Standard Webhooks); keep it private."
    )


class AttemptOut(BaseModel):
    attempt_number: int
    status_code: int | None
    error: str | None
    duration_ms: int
    attempted_at: datetime


class DeliveryOut(BaseModel):
    id: uuid.UUID
    event_id: uuid.UUID
    event_type: str
    status: str
    attempts: int
    last_status_code: int | None
    next_attempt_at: datetime | None
    created_at: datetime
    attempt_log: list[AttemptOut]
