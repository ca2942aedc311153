import uuid
from datetime import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from shared.text import StorableStr

Scope = Literal["read", "write", "admin"]


class TokenCreate(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [{"name": "backup script", "scopes": ["read"], "expires_in_days": 90}]
        },
    )

    name: Annotated[StorableStr, Field(min_length=1, max_length=100)]
    scopes: Annotated[
        list[Scope],
        Field(
            min_length=1,
            description="`read`: GET and HEAD; `write`: every method (implies `read`); `admin`: act "
            "with your admin role (admins only; without it an admin's token acts as a plain user).",
        ),
    ]
    expires_in_days: Annotated[
        int | None,
        Field(
            ge=1,
            description="Days until the token stops working (at most API_TOKEN_MAX_DAYS); null for "
            "never, only where API_TOKEN_MAX_DAYS is 0.",
        ),
    ] = 90


class TokenOut(BaseModel):
    id: uuid.UUID
    name: str
    scopes: list[Scope]
    hint: str = Field(description="The token's first characters, to tell tokens apart.")
    created_at: datetime
    last_used_at: datetime | None
    expires_at: datetime | None


class TokenCreated(TokenOut):
    token: str = Field(description="The secret itself, shown this once: store it now.")
