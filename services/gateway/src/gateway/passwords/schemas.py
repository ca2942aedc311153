from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from gateway.auth.schemas import PASSWORD_MAX, Password
from shared.text import StorableStr


class PasswordChange(BaseModel):
    model_config = ConfigDict(extra="forbid")

    current_password: Annotated[StorableStr, Field(min_length=1, max_length=PASSWORD_MAX)]
    new_password: Password


class ResetRequest(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"email": "jo@example.com"}]})

    email: Annotated[StorableStr, Field(min_length=1, max_length=320)]


class ResetConfirm(BaseModel):
    model_config = ConfigDict(extra="forbid")

    token: Annotated[StorableStr, Field(min_length=1, max_length=128)]
    new_password: Password
