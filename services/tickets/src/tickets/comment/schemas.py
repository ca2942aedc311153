import uuid
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict

from shared.text import storable

COMMENT_MAX = 20_000


def _comment_text(value: str) -> str:
    value = storable(value).strip()
    if not value:
        raise ValueError("must not be empty or only whitespace")
    if len(value) > COMMENT_MAX:
        raise ValueError(f"must be at most {COMMENT_MAX} characters (got {len(value)})")
    return value


CommentText = Annotated[str, AfterValidator(_comment_text)]


class CommentCreate(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"comment": "Still happening after the 1.2.3 update."}]},
    )

    comment: CommentText
    parent_id: uuid.UUID | None = None
