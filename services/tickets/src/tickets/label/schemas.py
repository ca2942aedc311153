import uuid
from datetime import datetime
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from shared.text import storable
from tickets import examples as ex
from tickets.examples import examples

COLOR = r"^#[0-9a-fA-F]{6}$"


def _name(value: str) -> str:
    value = storable(value).strip()
    if not value:
        raise ValueError("must not be empty")
    if len(value) > 100:
        raise ValueError("must be at most 100 characters")
    return value


LabelName = Annotated[str, AfterValidator(_name)]
Color = Annotated[str, Field(pattern=COLOR, description="#rrggbb")]
Description = Annotated[str, AfterValidator(storable), Field(max_length=500)]


class LabelCreate(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [{"name": "duplicate", "color": "#cfd3d7", "description": "Already reported"}]
        },
    )

    name: LabelName
    color: Color | None = None
    description: Description | None = None


class LabelUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"color": "#d73a4a"}]})

    name: LabelName | None = None
    color: Color | None = None
    description: Description | None = None


class LabelDetail(BaseModel):
    model_config = ConfigDict(json_schema_extra=examples(ex.LABEL_DETAIL))

    id: uuid.UUID
    name: str
    color: str | None
    description: str | None
    created_at: datetime
    ticket_count: int
