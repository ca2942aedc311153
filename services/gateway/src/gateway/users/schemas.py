from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from gateway.auth.schemas import DisplayName, UserOut


class AdminUserOut(UserOut):
    disabled: bool
    email_verified: bool = Field(description="Whether the owner has proved control of the address.")
    has_password: bool = Field(description="False for accounts that only sign in through OIDC.")
    updated_at: datetime


class UserPage(BaseModel):
    items: list[AdminUserOut]
    next_cursor: str | None = Field(description="Pass as `cursor` for the next page; null on the last.")


class UserPatch(BaseModel):
    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"examples": [{"role": "admin"}, {"disabled": True}]}
    )

    role: Literal["user", "admin"] | None = None
    disabled: bool | None = None
    display_name: DisplayName = None
